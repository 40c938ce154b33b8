using BmoLearning.Ai.Generation.Offline;
using BmoLearning.Core.Data;
using BmoLearning.Core.Knowledge;
using BmoLearning.Core.Lessons;
using BmoLearning.Host.Auth;
using BmoLearning.Host.Errors;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Host.Lessons;

/// <summary>A new question on the fact a lesson taught; <c>question_type</c> is fact, term or scenario.</summary>
public sealed record LessonVariantResponse(
    Guid LessonId, string QuizQuestion, IReadOnlyList<string> QuizOptions, int CorrectAnswer, string Explanation, string QuestionType);

/// <summary>
/// <c>GET /api/v1/lessons/{id}/variant</c> (administrators): another question on the same fact, from the chunks the
/// lesson cites, with different wording and never the original's option set. <c>number</c> picks another variant.
/// </summary>
public static class LessonVariantEndpoints
{
    public static RouteGroupBuilder MapLessonVariants(this RouteGroupBuilder api)
    {
        api.MapGet("/lessons/{id:guid}/variant", GetVariantAsync).WithTags("Lessons").WithName("GetLessonVariant")
            .RequireAuthorization(AuthSetup.AdminPolicy);
        return api;
    }

    public static async Task<IResult> GetVariantAsync(Guid id, int? number, AppDbContext db, OfflineLessonGenerator generator, CancellationToken ct)
    {
        if (number is < 0 or > 1000)
        {
            return ApiProblems.Validation(new Dictionary<string, string[]> { ["number"] = ["must be between 0 and 1000."] });
        }

        var lesson = await db.Lessons.AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, ct);
        if (lesson is null)
        {
            return ApiProblems.NotFound($"Lesson {id} does not exist.");
        }

        var chunkIds = lesson.Sources.Select(s => s.ChunkId).ToList();
        var chunks = await db.KnowledgeChunks.AsNoTracking()
            .Where(c => chunkIds.Contains(c.Id) && c.SafetyFlag == null)
            .Join(db.KnowledgeDocuments, c => c.DocumentId, d => d.Id, (c, d) => new { Chunk = c, d.Title })
            .ToListAsync(ct);
        var retrieved = chunks.OrderBy(c => chunkIds.IndexOf(c.Chunk.Id))
            .Select(c => new RetrievedChunk(c.Chunk.Id, c.Chunk.DocumentId, c.Title, c.Chunk.HeadingPath, c.Chunk.Text, c.Chunk.Position, c.Chunk.PageStart, c.Chunk.PageEnd, 1, 1, false, c.Chunk.Embedding))
            .ToList();
        var context = new LessonGenerationContext(lesson.Topic, lesson.Difficulty, null, retrieved);
        var variant = await generator.CreateVariantAsync(context, lesson.QuizQuestion, lesson.QuizOptions, lesson.CorrectAnswer, lesson.Explanation, number ?? 0, ct);
        return variant is null
            ? ApiProblems.Conflict($"The sources of lesson {id} support no other fair question on its fact (its cited chunks may have changed or been removed).")
            : TypedResults.Ok(new LessonVariantResponse(lesson.Id, variant.QuizQuestion, variant.QuizOptions, variant.CorrectAnswer, variant.Explanation, variant.QuestionType.ToString().ToLowerInvariant()));
    }
}
