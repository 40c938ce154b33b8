using BmoLearning.Core.Data;
using BmoLearning.Core.Lessons;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Core.Adaptive;

/// <summary>
/// Links a lesson to the concepts it teaches: one per cited chunk, found by the chunk's content hash so that
/// re-ingesting unchanged text maps to the same concept. Changes are tracked, not saved: the caller saves
/// them with its own work.
/// </summary>
public sealed class ConceptLinker(AppDbContext db, TimeProvider time)
{
    /// <summary>The lesson's concept ids, linking them first when the lesson has none yet.</summary>
    public async Task<IReadOnlyList<Guid>> EnsureLinkedAsync(Lesson lesson, CancellationToken ct)
    {
        var taught = lesson.ReviewOfLessonId ?? lesson.Id;
        var linked = await db.LessonConcepts.Where(lc => lc.LessonId == taught).Select(lc => lc.ConceptId).ToListAsync(ct);
        if (linked.Count > 0 || lesson.ReviewOfLessonId is not null)
        {
            return linked;
        }

        var chunkIds = lesson.Sources.Select(s => s.ChunkId).Distinct().ToList();
        var chunks = await db.KnowledgeChunks.AsNoTracking().Where(c => chunkIds.Contains(c.Id))
            .Select(c => new { c.ContentHash, c.HeadingPath }).ToListAsync(ct);
        var ids = new List<Guid>();
        foreach (var chunk in chunks.DistinctBy(c => c.ContentHash))
        {
            var concept = db.Concepts.Local.FirstOrDefault(c => c.ContentHash == chunk.ContentHash)
                ?? await db.Concepts.SingleOrDefaultAsync(c => c.ContentHash == chunk.ContentHash, ct);
            if (concept is null)
            {
                concept = new Concept
                {
                    ContentHash = chunk.ContentHash,
                    Label = chunk.HeadingPath.Length > 500 ? chunk.HeadingPath[..500] : chunk.HeadingPath,
                    CreatedAt = time.GetUtcNow(),
                };
                db.Concepts.Add(concept);
            }

            db.LessonConcepts.Add(new LessonConcept { LessonId = lesson.Id, ConceptId = concept.Id });
            ids.Add(concept.Id);
        }

        return ids;
    }
}
