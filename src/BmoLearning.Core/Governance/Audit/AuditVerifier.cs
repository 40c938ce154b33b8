using BmoLearning.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Core.Governance.Audit;

/// <summary>The outcome of walking the chain: intact, or the first entry that breaks it and why.</summary>
public sealed record AuditVerification(long EntriesChecked, long? BrokenSequence, long? BrokenId, string? Problem)
{
    public bool Intact => Problem is null;
}

/// <summary>Walks the audit chain in storage order and names the first altered, deleted or reordered entry.</summary>
public sealed class AuditVerifier(AppDbContext db)
{
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct)
    {
        long checkedCount = 0;
        long expectedSequence = 1;
        var previousHash = AuditHashing.GenesisHash;
        await foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (AuditHashing.ComputeHash(entry) != entry.Hash)
            {
                return Broken(entry, $"entry {entry.Sequence} (id {entry.Id}) was altered: its content does not match its hash");
            }

            // A later number here is a deletion, unless the expected entry sits further on: then they were reordered.
            if (entry.Sequence > expectedSequence && await db.AuditEntries.AnyAsync(e => e.Sequence == expectedSequence, ct))
            {
                return Broken(entry, $"entry {entry.Sequence} (id {entry.Id}) is out of order: expected entry {expectedSequence} here (reordered)");
            }

            if (entry.Sequence > expectedSequence)
            {
                var missing = expectedSequence == entry.Sequence - 1 ? $"entry {expectedSequence} is" : $"entries {expectedSequence}-{entry.Sequence - 1} are";
                return Broken(entry, $"{missing} missing before entry {entry.Sequence} (id {entry.Id}): deleted");
            }

            if (entry.Sequence < expectedSequence)
            {
                return Broken(entry, $"entry {entry.Sequence} (id {entry.Id}) is out of order: expected entry {expectedSequence} here (reordered)");
            }

            if (entry.PreviousHash != previousHash)
            {
                return Broken(entry, $"entry {entry.Sequence} (id {entry.Id}) does not follow the entry before it: the chain was rewritten");
            }

            previousHash = entry.Hash;
            expectedSequence++;
            checkedCount++;
        }

        return new AuditVerification(checkedCount, null, null, null);

        AuditVerification Broken(AuditEntry entry, string problem) => new(checkedCount, entry.Sequence, entry.Id, problem);
    }
}
