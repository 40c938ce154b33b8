using BmoLearning.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BmoLearning.Core.Governance.Audit;

/// <summary>Appends entries to the audit chain; one writer at a time across every process.</summary>
public sealed class AuditLog(DbContextOptions<AppDbContext> options, TimeProvider time, ILogger<AuditLog> logger)
{
    /// <summary>Any fixed number: every process appending to this database takes the same lock.</summary>
    private const long AppendLockKey = 0x626D6F5F617564; // "bmo_aud"
    private static readonly SemaphoreSlim LocalLock = new(1, 1);

    /// <summary>
    /// Records an act that has already happened and cannot be undone: a failed write is logged as an error for
    /// operators (a missing entry must be loud) instead of failing the act itself.
    /// </summary>
    public async Task AppendAfterActAsync(string actor, string action, string? subjectType, string? subjectId, object? data)
    {
        try
        {
            await AppendAsync(actor, action, subjectType, subjectId, data, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Audit entry {Action} for {SubjectType} {SubjectId} could not be written", action, subjectType, subjectId);
        }
    }

    /// <summary>
    /// Records one act. A context of its own, so the act's pending changes are not saved by accident and an
    /// audit failure surfaces as an exception to the caller instead of disappearing.
    /// </summary>
    public async Task<AuditEntry> AppendAsync(string actor, string action, string? subjectType, string? subjectId, object? data, CancellationToken ct)
    {
        var details = AuditHashing.CanonicalData(data);
        await LocalLock.WaitAsync(ct);
        try
        {
            await using var db = new AppDbContext(options);
            // The retrying strategy (PostgreSQL) replays the whole transaction after a transient failure.
            return await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
            {
                db.ChangeTracker.Clear();
                // SQLite: BEGIN IMMEDIATE takes the write lock before the last hash is read. PostgreSQL: an advisory
                // lock for the transaction serialises appends from every process.
                await using var transaction = await db.Database.BeginTransactionAsync(token);
                if (db.Database.UsesPostgres())
                {
                    await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AppendLockKey})", token);
                }

                var last = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence)
                    .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(token);
                var entry = new AuditEntry
                {
                    Sequence = (last?.Sequence ?? 0) + 1,
                    At = Truncate(time.GetUtcNow()),
                    Actor = actor,
                    Action = action,
                    SubjectType = subjectType,
                    SubjectId = subjectId,
                    Data = details,
                    PreviousHash = last?.Hash ?? AuditHashing.GenesisHash,
                    Hash = "",
                };
                entry.Hash = AuditHashing.ComputeHash(entry);
                db.AuditEntries.Add(entry);
                await db.SaveChangesAsync(token);
                await transaction.CommitAsync(token);
                return entry;
            }, ct);
        }
        finally
        {
            LocalLock.Release();
        }
    }

    /// <summary>
    /// Whole milliseconds survive both stores (SQLite's binary form keeps 0.1 ms, timestamptz 1 µs), so the hash
    /// computed now still matches the entry read back.
    /// </summary>
    private static DateTimeOffset Truncate(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}
