using BmoLearning.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Core.Governance.Audit;

/// <summary>Appends entries to the audit chain; one writer at a time across every process.</summary>
public sealed class AuditLog(DbContextOptions<AppDbContext> options, TimeProvider time)
{
    /// <summary>Any fixed number: every process appending to this database takes the same lock.</summary>
    private const long AppendLockKey = 0x626D6F5F617564; // "bmo_aud"
    private static readonly SemaphoreSlim LocalLock = new(1, 1);

    /// <summary>
    /// Records one act. A context of its own, so the act's pending changes are not saved by accident and an
    /// audit failure surfaces as an exception to the caller instead of disappearing.
    /// </summary>
    public async Task<AuditEntry> AppendAsync(string actor, string action, string? subjectType, string? subjectId, object? data, CancellationToken ct)
    {
        await LocalLock.WaitAsync(ct);
        try
        {
            await using var db = new AppDbContext(options);
            // SQLite: BEGIN IMMEDIATE takes the write lock before the last hash is read. PostgreSQL: an advisory lock
            // for the transaction serialises appends from every process.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (db.Database.UsesPostgres())
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AppendLockKey})", ct);
            }

            var last = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence)
                .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(ct);
            var entry = new AuditEntry
            {
                Sequence = (last?.Sequence ?? 0) + 1,
                // Whole microseconds: what PostgreSQL's timestamptz keeps, so the hash survives the round trip.
                At = Truncate(time.GetUtcNow()),
                Actor = actor,
                Action = action,
                SubjectType = subjectType,
                SubjectId = subjectId,
                Data = AuditHashing.CanonicalData(data),
                PreviousHash = last?.Hash ?? AuditHashing.GenesisHash,
                Hash = "",
            };
            entry.Hash = AuditHashing.ComputeHash(entry);
            db.AuditEntries.Add(entry);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return entry;
        }
        finally
        {
            LocalLock.Release();
        }
    }

    private static DateTimeOffset Truncate(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % 10), TimeSpan.Zero);
}
