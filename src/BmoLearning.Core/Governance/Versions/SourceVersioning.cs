using BmoLearning.Core.Data;
using BmoLearning.Core.Governance.Audit;
using BmoLearning.Core.Knowledge;
using BmoLearning.Core.Lessons;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BmoLearning.Core.Governance.Versions;

/// <summary>What a new source version did to the one it replaces.</summary>
public sealed record SupersedeResult(Guid PreviousVersionId, int ChangedPassages, IReadOnlyList<Guid> StaleLessons, int StaleConcepts);

/// <summary>
/// Source versions (issue 14): once version N+1 of a document is processed, version N stays for the record but its
/// chunks are withdrawn from retrieval, and every lesson and concept citing a passage of N whose text is not in N+1
/// (compared by the chunks' normalised-text hash) becomes stale: not delivered, not reviewed, listed for regeneration.
/// </summary>
public sealed class SourceVersioning(AppDbContext db, AuditLog audit, TimeProvider time, ILogger<SourceVersioning> logger)
{
    /// <summary>
    /// Runs inside the transaction that saves the new version's chunks, so the document is never seen processed while
    /// lessons citing the old text are still delivered. Null when the document replaces nothing.
    /// </summary>
    public async Task<SupersedeResult?> WithdrawPreviousAsync(KnowledgeDocument document, CancellationToken ct)
    {
        if (document.PreviousVersionId is not Guid previousId)
        {
            return null;
        }

        var documentId = document.Id;

        var current = (await db.KnowledgeChunks.AsNoTracking().Where(c => c.DocumentId == documentId).Select(c => c.ContentHash).ToListAsync(ct)).ToHashSet();
        var old = await db.KnowledgeChunks.AsNoTracking().Where(c => c.DocumentId == previousId).Select(c => new { c.Id, c.ContentHash }).ToListAsync(ct);
        var changed = old.Where(c => !current.Contains(c.ContentHash)).ToList();
        var changedIds = changed.Select(c => c.Id).ToHashSet();
        var changedHashes = changed.Select(c => c.ContentHash).Distinct().ToList();
        var now = time.GetUtcNow();

        // Candidates through the concepts (one per cited chunk hash, indexed), then exactly those citing a changed chunk.
        var candidateIds = await db.LessonConcepts.AsNoTracking()
            .Join(db.Concepts.Where(c => changedHashes.Contains(c.ContentHash)), lc => lc.ConceptId, c => c.Id, (lc, _) => lc.LessonId)
            .Distinct().ToListAsync(ct);
        var candidates = await db.Lessons.Where(l => candidateIds.Contains(l.Id) && l.Status != LessonStatus.Retired && l.Status != LessonStatus.Stale).ToListAsync(ct);
        var stale = candidates.Where(l => l.Sources.Any(s => changedIds.Contains(s.ChunkId))).ToList();
        var staleIds = stale.Select(l => l.Id).ToList();
        // Review questions re-testing a stale lesson that have not gone out yet are withdrawn with it.
        stale.AddRange(await db.Lessons.Where(l => l.ReviewOfLessonId != null && staleIds.Contains(l.ReviewOfLessonId.Value)
            && l.DeliveredAt == null && l.Status != LessonStatus.Retired && l.Status != LessonStatus.Stale).ToListAsync(ct));
        foreach (var lesson in stale)
        {
            lesson.Status = LessonStatus.Stale;
            lesson.StaleAt = now;
        }

        // A concept whose text still exists elsewhere (another document) is still true: only the others go stale.
        var stillCited = await db.KnowledgeChunks.AsNoTracking()
            .Where(c => changedHashes.Contains(c.ContentHash) && c.DocumentId != previousId && c.SafetyFlag == null)
            .Select(c => c.ContentHash).Distinct().ToListAsync(ct);
        var staleHashes = changedHashes.Except(stillCited).ToList();
        var staleConcepts = await db.Concepts.Where(c => staleHashes.Contains(c.ContentHash) && c.StaleAt == null).ToListAsync(ct);
        foreach (var concept in staleConcepts)
        {
            concept.StaleAt = now;
        }

        await db.SaveChangesAsync(ct);
        await db.KnowledgeChunks.Where(c => c.DocumentId == previousId && c.SafetyFlag == null)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.SafetyFlag, KnowledgeChunk.SupersededFlag), ct);
        // UpdatedAt moves too: the vector snapshot cache notices the change by it.
        await db.KnowledgeDocuments.Where(d => d.Id == previousId)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.SupersededAt, now).SetProperty(d => d.UpdatedAt, now), ct);
        return new SupersedeResult(previousId, changed.Count, [.. stale.Select(l => l.Id)], staleConcepts.Count);
    }

    /// <summary>Logs and audits a committed new version (what changed, which lessons went stale; no text).</summary>
    public async Task RecordAsync(KnowledgeDocument document, SupersedeResult result)
    {
        var documentId = document.Id;
        var previousId = result.PreviousVersionId;
        logger.LogInformation("Document {DocumentId} version {Version} replaces {PreviousId}: {Changed} passage(s) changed, {Lessons} lesson(s) and {Concepts} concept(s) stale",
            documentId, document.Version, previousId, result.ChangedPassages, result.StaleLessons.Count, result.StaleConcepts);
        await audit.AppendAfterActAsync("system", AuditActions.DocumentVersioned, "document", documentId.ToString(),
            new { version = document.Version, previousVersionId = previousId, changedPassages = result.ChangedPassages, staleLessons = result.StaleLessons, staleConcepts = result.StaleConcepts });
    }
}
