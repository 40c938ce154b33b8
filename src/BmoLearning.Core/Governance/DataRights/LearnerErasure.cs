using BmoLearning.Core.Common;
using BmoLearning.Core.Data;
using BmoLearning.Core.Learners;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Core.Governance.DataRights;

/// <summary>How much an erasure changed: counts only, never what was erased.</summary>
public sealed record ErasureSummary(int Deliveries, int LessonRequests, int JobStoreValues);

/// <summary>
/// Erases a learner's personal data (name, email, phone, Slack id, and wherever they were copied: provider ids and
/// error texts of deliveries and requests, the job store's payloads). The learner row and its lessons, answers and
/// reviews stay, keyed by the now pseudonymous id, so analytics totals do not change.
/// </summary>
public sealed class LearnerErasure(AppDbContext db, IJobStoreScrubber jobStore, TimeProvider time)
{
    public async Task<ServiceResult<ErasureSummary>> EraseAsync(Guid learnerId, CancellationToken ct)
    {
        var learner = await db.Learners.NotErased().SingleOrDefaultAsync(l => l.Id == learnerId, ct);
        if (learner is null)
        {
            return ServiceResult<ErasureSummary>.NotFound($"Learner {learnerId} does not exist.");
        }

        var identifiers = Identifiers(learner);
        var now = time.GetUtcNow();
        var deliveries = await db.LessonDeliveries.Where(d => d.LearnerId == learnerId).ToListAsync(ct);
        foreach (var delivery in deliveries)
        {
            delivery.Error = PersonalData.Scrub(delivery.Error, identifiers);
            delivery.ProviderMessageId = null;
            delivery.ProviderChannelId = null;
        }

        var requests = await db.LessonRequests.Where(r => r.LearnerId == learnerId && r.Error != null).ToListAsync(ct);
        foreach (var request in requests)
        {
            request.Error = PersonalData.Scrub(request.Error, identifiers);
        }

        learner.Email = PersonalData.ErasedEmail(learner.Id);
        learner.Name = PersonalData.ErasedName;
        learner.Phone = null;
        learner.SlackUserId = null;
        learner.PreferredChannel = DeliveryChannel.Web;
        learner.ErasedAt = now;
        learner.UpdatedAt = now;
        await db.SaveChangesAsync(ct);

        var jobValues = await jobStore.ScrubAsync(identifiers, ct);
        await ForgetFreedBytesAsync(ct);
        return ServiceResult<ErasureSummary>.Ok(new ErasureSummary(deliveries.Count, requests.Count, jobValues));
    }

    private static List<string> Identifiers(Learner learner) =>
        new[] { learner.Email, learner.Name, learner.Phone, learner.SlackUserId }
            .Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>
    /// SQLite: every connection runs with secure_delete on, so the old values are zeroed in the database file; the
    /// write-ahead log still holds the pages as they were until a checkpoint copies them back and truncates it.
    /// A reader holding an old snapshot makes the checkpoint partial: wait a little and try again.
    /// </summary>
    private async Task ForgetFreedBytesAsync(CancellationToken ct)
    {
        if (!db.Database.UsesSqlite())
        {
            return;
        }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            for (var attempt = 0; attempt < 20; attempt++)
            {
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                await using var reader = await command.ExecuteReaderAsync(ct);
                // The first column is 1 when the checkpoint could not finish (SQLITE_BUSY).
                if (!await reader.ReadAsync(ct) || reader.GetInt32(0) == 0)
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), time, ct);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
