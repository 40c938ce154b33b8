using BmoLearning.Core.Common;
using BmoLearning.Core.Data;
using BmoLearning.Core.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BmoLearning.Core.Lessons;

/// <summary>
/// Recurring safety net: a request whose job was lost (queueing failed, or its worker died and the
/// job store did not hand it on) is queued again. Generation is idempotent, so a spare job is harmless.
/// </summary>
public sealed class LessonRequestRecovery(AppDbContext db, IJobQueue jobs, IOptions<GenerationOptions> options, TimeProvider time, ILogger<LessonRequestRecovery> logger)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var now = time.Now();
        // A queued request may legitimately wait for its scheduled retry (the longest wait with RetryBackoff's full
        // jitter); only well past that is it stalled.
        var queuedCutoff = now - TimeSpan.FromSeconds(settings.RetryDelays.Max() * (1 + RetryBackoff.Jitter)) - settings.ClaimLease;
        var generatingCutoff = now - settings.ClaimLease;
        var stalled = await db.LessonRequests
            .Where(r => (r.Status == LessonRequestStatus.Queued && r.UpdatedAt < queuedCutoff)
                || (r.Status == LessonRequestStatus.Generating && r.UpdatedAt < generatingCutoff))
            .Select(r => r.Id)
            .Take(500)
            .ToListAsync(ct);
        foreach (var id in stalled)
        {
            jobs.EnqueueLessonGeneration(id);
        }

        if (stalled.Count > 0)
        {
            logger.LogWarning("Re-queued {Count} stalled lesson request(s)", stalled.Count);
            // Touch them so the next sweep does not queue them again before the new jobs run.
            await db.LessonRequests.Where(r => stalled.Contains(r.Id) && r.Status == LessonRequestStatus.Queued)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.UpdatedAt, now), ct);
        }

        return stalled.Count;
    }
}
