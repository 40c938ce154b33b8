using BmoLearning.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Core.Lessons;

/// <summary>
/// Approved lessons form a library (issue 14): a request for the same topic and difficulty, whose cited passages are
/// still in the knowledge base unchanged (the source version: re-ingesting a document makes new chunks), gets a copy
/// of the reviewed lesson instead of a new (paid) generation and a new review.
/// </summary>
public static class LessonLibrary
{
    public static async Task<Lesson?> FindAsync(AppDbContext db, LessonRequest request, DateTimeOffset now, CancellationToken ct)
    {
        var topic = request.Topic.Trim().ToLower();
        var candidates = await db.Lessons.AsNoTracking()
            .Where(l => l.ReviewedAt != null && (l.Status == LessonStatus.Approved || l.Status == LessonStatus.Published)
                && l.LibraryLessonId == null && l.ReviewOfLessonId == null
                && l.Difficulty == request.Difficulty && l.Topic.ToLower() == topic && l.LearnerId != request.LearnerId)
            .OrderByDescending(l => l.ReviewedAt).Take(10).ToListAsync(ct);
        foreach (var original in candidates)
        {
            var chunkIds = original.Sources.Select(s => s.ChunkId).Distinct().ToList();
            if (chunkIds.Count == 0 || await db.KnowledgeChunks.CountAsync(c => chunkIds.Contains(c.Id) && c.SafetyFlag == null, ct) != chunkIds.Count)
            {
                continue; // its source changed since it was approved, or a newer version replaced it
            }

            return new Lesson
            {
                LearningPathId = request.LearningPathId,
                LearnerId = request.LearnerId,
                Topic = request.Topic,
                Difficulty = original.Difficulty,
                Content = original.Content,
                KeyPoints = [.. original.KeyPoints],
                Scenario = original.Scenario,
                QuizQuestion = original.QuizQuestion,
                QuizOptions = [.. original.QuizOptions],
                CorrectAnswer = original.CorrectAnswer,
                Explanation = original.Explanation,
                Sources = [.. original.Sources],
                GeneratorName = original.GeneratorName,
                GeneratorVersion = original.GeneratorVersion,
                Model = original.Model,
                SafetyIssues = [.. original.SafetyIssues],
                CreatedAt = now,
                Status = LessonStatus.Approved,
                ReviewedBy = original.ReviewedBy,
                ReviewedAt = original.ReviewedAt,
                LibraryLessonId = original.Id,
            };
        }

        return null;
    }
}
