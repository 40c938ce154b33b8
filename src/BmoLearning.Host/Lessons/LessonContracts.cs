using BmoLearning.Core.Lessons;

namespace BmoLearning.Host.Lessons;

public sealed record RequestLessonRequest(string? Topic, string? Difficulty);

public sealed record SourceResponse(long ChunkId, Guid DocumentId, string DocumentTitle, string Section, int? PageStart, int? PageEnd);

public sealed record LessonResponse(
    Guid Id,
    Guid LearnerId,
    Guid LearningPathId,
    string Topic,
    string Difficulty,
    string Content,
    IReadOnlyList<string> KeyPoints,
    string Scenario,
    string QuizQuestion,
    IReadOnlyList<string> QuizOptions,
    int? CorrectAnswer,
    string? Explanation,
    IReadOnlyList<SourceResponse> Sources,
    string Generator,
    string GeneratorVersion,
    string? FallbackReason,
    LessonUsageResponse? Usage,
    IReadOnlyList<string> SafetyIssues,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeliveredAt,
    string? DeliveryChannel);

/// <summary>Model and tokens behind a lesson; null for lessons written without a model.</summary>
public sealed record LessonUsageResponse(string Model, int InputTokens, int OutputTokens, decimal? EstimatedCostUsd);

public sealed record LessonRequestResponse(
    Guid Id,
    Guid LearnerId,
    Guid LearningPathId,
    string Topic,
    string Difficulty,
    string Status,
    string? Error,
    int Attempts,
    Guid? LessonId,
    string PollUrl,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt,
    LessonResponse? Lesson);

public static class LessonMapping
{
    /// <summary>The lesson without what would give the answer away (see AnswerVisibility).</summary>
    public static LessonResponse WithoutAnswer(this LessonResponse lesson) => lesson with { CorrectAnswer = null, Explanation = null };

    public static LessonResponse ToResponse(this Lesson lesson) => new(
        lesson.Id, lesson.LearnerId, lesson.LearningPathId, lesson.Topic, lesson.Difficulty.ToApi(), lesson.Content,
        lesson.KeyPoints, lesson.Scenario, lesson.QuizQuestion, lesson.QuizOptions, lesson.CorrectAnswer, lesson.Explanation,
        lesson.Sources.Select(s => new SourceResponse(s.ChunkId, s.DocumentId, s.DocumentTitle, s.Section, s.PageStart, s.PageEnd)).ToList(),
        lesson.GeneratorName, lesson.GeneratorVersion, lesson.FallbackReason,
        lesson.Model is null ? null : new LessonUsageResponse(lesson.Model, lesson.InputTokens, lesson.OutputTokens, lesson.EstimatedCostUsd),
        lesson.SafetyIssues, lesson.CreatedAt, lesson.DeliveredAt, lesson.DeliveryChannel);

    public static LessonRequestResponse ToResponse(this LessonRequest request, Lesson? lesson) => new(
        request.Id, request.LearnerId, request.LearningPathId, request.Topic, request.Difficulty.ToApi(),
        System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(request.Status.ToString()), request.Error, request.Attempts, request.LessonId,
        $"/api/v1/lesson_requests/{request.Id}", request.CreatedAt, request.UpdatedAt, request.CompletedAt, lesson?.ToResponse());
}
