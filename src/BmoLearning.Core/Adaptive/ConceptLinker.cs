using BmoLearning.Core.Data;
using BmoLearning.Core.Lessons;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BmoLearning.Core.Adaptive;

/// <summary>
/// Links a lesson to the concepts it teaches: one per cited chunk, found by the chunk's content hash so that
/// re-ingesting unchanged text maps to the same concept. The links are tracked, not saved: the caller saves
/// them with its own work. A missing concept is created at once in its own unit of work, because two workers
/// writing lessons on the same passage race to create it and the loser must use the winner's row, not fail.
/// </summary>
public sealed class ConceptLinker(AppDbContext db, TimeProvider time, IServiceScopeFactory scopes)
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
            var conceptId = db.Concepts.Local.FirstOrDefault(c => c.ContentHash == chunk.ContentHash)?.Id
                ?? await db.Concepts.Where(c => c.ContentHash == chunk.ContentHash).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(ct)
                ?? await CreateConceptAsync(chunk.ContentHash, chunk.HeadingPath, ct);
            db.LessonConcepts.Add(new LessonConcept { LessonId = lesson.Id, ConceptId = conceptId });
            ids.Add(conceptId);
        }

        return ids;
    }

    /// <summary>Stores the concept outside the caller's pending work; a concurrent creator's row wins.</summary>
    private async Task<Guid> CreateConceptAsync(string contentHash, string headingPath, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var own = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var concept = new Concept
        {
            ContentHash = contentHash,
            Label = headingPath.Length > 500 ? headingPath[..500] : headingPath,
            CreatedAt = time.GetUtcNow(),
        };
        return (await own.InsertOrGetAsync(concept, c => c.ContentHash == contentHash, ct)).Row.Id;
    }
}
