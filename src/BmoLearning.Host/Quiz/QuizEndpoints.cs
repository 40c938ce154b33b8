using Microsoft.AspNetCore.Http.HttpResults;
using BmoLearning.Core.Common;
using BmoLearning.Core.Quiz;
using BmoLearning.Host.Errors;
using BmoLearning.Host.Lessons;

namespace BmoLearning.Host.Quiz;

public sealed record CreateQuizResponseRequest(Guid? LearnerId, Guid? LessonId, int? AnswerGiven, int? TimeTakenSeconds);

public sealed record PathAfterAnswer(Guid Id, int LessonsCompleted, int TotalLessons, string Status);

public sealed record QuizResponseResponse(
    Guid Id,
    Guid LearnerId,
    Guid LessonId,
    int AnswerGiven,
    bool Correct,
    int CorrectAnswer,
    string CorrectOption,
    string Explanation,
    IReadOnlyList<SourceResponse> Sources,
    int? TimeTakenSeconds,
    DateTimeOffset CreatedAt,
    PathAfterAnswer LearningPath);

public static class QuizEndpoints
{
    /// <summary>An answer slower than a day is not a measurement worth keeping.</summary>
    public const int MaxTimeTakenSeconds = 86_400;

    public static RouteGroupBuilder MapQuiz(this RouteGroupBuilder api)
    {
        api.MapPost("/quiz_responses", CreateAsync).WithTags("Quiz").WithName("CreateQuizResponse");
        return api;
    }

    public static async Task<Results<Created<QuizResponseResponse>, ProblemHttpResult>> CreateAsync(CreateQuizResponseRequest request, QuizService quiz, CancellationToken ct)
    {
        var errors = new FieldErrors().Range("time_taken_seconds", request.TimeTakenSeconds, 0, MaxTimeTakenSeconds);
        if (request.LearnerId is null || request.LearnerId == Guid.Empty)
        {
            errors.Add("learner_id", "is required.");
        }

        if (request.LessonId is null || request.LessonId == Guid.Empty)
        {
            errors.Add("lesson_id", "is required.");
        }

        if (request.AnswerGiven is null)
        {
            errors.Add("answer_given", "is required: the index (0-3) of the chosen option.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var result = await quiz.AnswerAsync(
            new QuizAnswer(request.LearnerId!.Value, request.LessonId!.Value, request.AnswerGiven!.Value, request.TimeTakenSeconds, Channel: "api"), ct);
        if (result.Status != ServiceStatus.Ok)
        {
            return ApiProblems.From(result);
        }

        var (response, lesson, completed, total, status) = result.Value!;
        var lessonView = lesson.ToResponse();
        return TypedResults.Created($"/api/v1/quiz_responses/{response.Id}", new QuizResponseResponse(
            response.Id, response.LearnerId, response.LessonId, response.AnswerGiven, response.Correct,
            lesson.CorrectAnswer, lesson.QuizOptions[lesson.CorrectAnswer], lesson.Explanation, lessonView.Sources,
            response.TimeTakenSeconds, response.CreatedAt, new PathAfterAnswer(lesson.LearningPathId, completed, total, status)));
    }
}
