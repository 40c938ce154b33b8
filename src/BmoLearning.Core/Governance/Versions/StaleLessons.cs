using BmoLearning.Core.Common;
using BmoLearning.Core.Data;
using BmoLearning.Core.Lessons;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Core.Governance.Versions;

/// <summary>A cited passage that a new source version changed (After is its new text) or removed (After is null).</summary>
public sealed record StalePassage(long ChunkId, Guid DocumentId, int FromVersion, Guid? NewDocumentId, int? ToVersion, string Section, string Before, string? After);

public sealed record StaleLesson(Guid Id, Guid LearnerId, string Topic, Difficulty Difficulty, DateTimeOffset? StaleAt, IReadOnlyList<StalePassage> Passages);

/// <summary>
/// Stale lessons for reviewers (issue 14): each with the before and after text of the passages that changed, and the
/// one action that replaces it: regeneration queues a new lesson for the same learner, topic and difficulty (retrieval
/// no longer sees the old version, so it cites the new one) and retires the stale lesson with the reason.
/// </summary>
public sealed class StaleLessons(AppDbContext db, LessonRequestService requests, TimeProvider time)
{
    public const int PageSize = 200;

    public async Task<IReadOnlyList<StaleLesson>> ListAsync(CancellationToken ct)
    {
        var lessons = await db.Lessons.AsNoTracking().Where(l => l.Status == LessonStatus.Stale)
            .OrderBy(l => l.StaleAt).ThenBy(l => l.Id).Take(PageSize).ToListAsync(ct);
        var result = new List<StaleLesson>(lessons.Count);
        foreach (var lesson in lessons)
        {
            result.Add(new StaleLesson(lesson.Id, lesson.LearnerId, lesson.Topic, lesson.Difficulty, lesson.StaleAt, await PassagesAsync(lesson, ct)));
        }

        return result;
    }

    public async Task<StaleLesson?> FindAsync(Guid id, CancellationToken ct)
    {
        var lesson = await db.Lessons.AsNoTracking().SingleOrDefaultAsync(l => l.Id == id && l.Status == LessonStatus.Stale, ct);
        return lesson is null ? null : new StaleLesson(lesson.Id, lesson.LearnerId, lesson.Topic, lesson.Difficulty, lesson.StaleAt, await PassagesAsync(lesson, ct));
    }

    /// <summary>Queues the replacement and retires the stale lesson; 409 unless the lesson is stale.</summary>
    public async Task<ServiceResult<LessonRequest>> RegenerateAsync(Guid lessonId, string reviewer, CancellationToken ct)
    {
        var lesson = await db.Lessons.SingleOrDefaultAsync(l => l.Id == lessonId, ct);
        if (lesson is null)
        {
            return ServiceResult<LessonRequest>.NotFound($"Lesson {lessonId} does not exist.");
        }

        if (lesson.Status != LessonStatus.Stale)
        {
            return ServiceResult<LessonRequest>.Conflict($"Lesson {lessonId} is {lesson.Status.ToString().ToLowerInvariant()}; only a stale lesson is regenerated.");
        }

        var queued = await requests.RequestLessonAsync(lesson.LearnerId, lesson.Topic, lesson.Difficulty, ct);
        if (queued.Status != ServiceStatus.Ok)
        {
            return queued;
        }

        lesson.Status = LessonStatus.Retired;
        lesson.ReviewedBy = reviewer;
        lesson.ReviewedAt = time.GetUtcNow();
        lesson.ReviewReason = $"Its source changed; regenerated as lesson request {queued.Value!.Id}.";
        await db.SaveChangesAsync(ct);
        return queued;
    }

    private async Task<IReadOnlyList<StalePassage>> PassagesAsync(Lesson lesson, CancellationToken ct)
    {
        var chunkIds = lesson.Sources.Select(s => s.ChunkId).Distinct().ToList();
        var cited = await db.KnowledgeChunks.AsNoTracking().Where(c => chunkIds.Contains(c.Id)).ToListAsync(ct);
        var passages = new List<StalePassage>();
        foreach (var chunk in cited.OrderBy(c => c.DocumentId).ThenBy(c => c.Position))
        {
            var from = await db.KnowledgeDocuments.AsNoTracking().Where(d => d.Id == chunk.DocumentId).Select(d => d.Version).SingleAsync(ct);
            var next = await db.KnowledgeDocuments.AsNoTracking().Where(d => d.PreviousVersionId == chunk.DocumentId)
                .OrderByDescending(d => d.Version).Select(d => new { d.Id, d.Version }).FirstOrDefaultAsync(ct);
            if (next is null)
            {
                continue;
            }

            var successors = await db.KnowledgeChunks.AsNoTracking().Where(c => c.DocumentId == next.Id).ToListAsync(ct);
            if (successors.Any(c => c.ContentHash == chunk.ContentHash))
            {
                continue; // unchanged in the new version
            }

            // The same section of the new version; none when the section is gone.
            var after = successors.Where(c => c.HeadingPath == chunk.HeadingPath).OrderBy(c => Math.Abs(c.Position - chunk.Position)).FirstOrDefault();
            passages.Add(new StalePassage(chunk.Id, chunk.DocumentId, from, next.Id, next.Version, chunk.HeadingPath, chunk.Text, after?.Text));
        }

        return passages;
    }
}
