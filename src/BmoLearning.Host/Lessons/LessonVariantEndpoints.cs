using Microsoft.AspNetCore.Http.HttpResults;
using BmoLearning.Core.Adaptive;
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

    public static async Task<Results<Ok<LessonVariantResponse>, ProblemHttpResult>> GetVariantAsync(Guid id, int? number, AppDbContext db, IQuestionVariants variants, CancellationToken ct)
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

        var variant = await variants.CreateAsync(lesson, number ?? 0, ct);
        return variant is null
            ? ApiProblems.Conflict($"The sources of lesson {id} support no other fair question on its fact (its cited chunks may have changed or been removed).")
            : TypedResults.Ok(new LessonVariantResponse(lesson.Id, variant.QuizQuestion, variant.QuizOptions, variant.CorrectAnswer, variant.Explanation, variant.QuestionType));
    }
}
