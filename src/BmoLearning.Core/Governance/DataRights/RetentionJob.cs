using BmoLearning.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BmoLearning.Core.Governance.DataRights;

/// <summary>
/// Recurring job: after Retention:PayloadDays, a delivery keeps its outcome (channel, status, attempts, times: what the
/// analytics count) but loses the provider's message and channel ids and the error text, and a lesson request loses
/// its error text. Answers hold no free text (an option index), so they need nothing. Idempotent.
/// </summary>
public sealed class RetentionJob(AppDbContext db, IOptions<RetentionOptions> options, TimeProvider time, ILogger<RetentionJob> logger)
{
    public const string RecurringJobId = "retention";

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var cutoff = time.GetUtcNow() - TimeSpan.FromDays(options.Value.PayloadDays);
        var deliveries = await db.LessonDeliveries
            .Where(d => d.CreatedAt < cutoff && (d.Error != null || d.ProviderMessageId != null || d.ProviderChannelId != null))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Error, (string?)null)
                .SetProperty(d => d.ProviderMessageId, (string?)null)
                .SetProperty(d => d.ProviderChannelId, (string?)null), ct);
        var requests = await db.LessonRequests.Where(r => r.CreatedAt < cutoff && r.Error != null && r.Error != PersonalData.Placeholder)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Error, PersonalData.Placeholder), ct);
        if (deliveries + requests > 0)
        {
            logger.LogInformation("Retention: cleared the payloads of {Deliveries} deliveries and {Requests} lesson requests older than {Days} days",
                deliveries, requests, options.Value.PayloadDays);
        }

        return deliveries + requests;
    }
}
