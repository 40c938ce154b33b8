using System.Text.Json;
using System.Text.Json.Serialization;

namespace BmoLearning.Ai.Generation.Remote;

// The AI role's HTTP contract: the reference system's shapes (snake_case), plus sources, usage and optional context.

/// <summary>
/// The reference system's request; <see cref="Context"/> lets a caller that already retrieved pass its chunks, and
/// <see cref="LearnerProfile"/> the learner's track record it already looked up (the worker sends that, never an id,
/// so the AI role learns nothing that identifies the person and pitches the lesson as the worker would).
/// </summary>
public sealed record GenerateLessonRequest(string? Topic, Guid? LearnerId, string? Difficulty, IReadOnlyList<ContextChunk>? Context)
{
    public LearnerProfileBody? LearnerProfile { get; init; }
}

/// <summary>A learner's quiz record (<see cref="Core.Lessons.LearnerProfile"/>): enough to pitch a lesson, nothing that identifies them.</summary>
public sealed record LearnerProfileBody(int QuestionsAnswered, double? QuizAccuracy);

public sealed record ContextChunk(long ChunkId, Guid DocumentId, string? DocumentTitle, string? HeadingPath, string? Text, int? PageStart, int? PageEnd, double Similarity);

public sealed record GenerateLessonResponse(
    GeneratedLesson Lesson,
    GenerationMetadata Metadata,
    SafetyCheckResponse SafetyCheck,
    IReadOnlyList<SourceReference> Sources,
    UsageResponse Usage);

/// <summary>The lesson as a learner reads it: <see cref="Content"/> ends with the disclaimer when there is one.</summary>
public sealed record GeneratedLesson(
    string Topic,
    string Content,
    IReadOnlyList<string> KeyPoints,
    string Scenario,
    string QuizQuestion,
    IReadOnlyList<string> QuizOptions,
    int CorrectAnswer,
    string Explanation,
    string? Disclaimer);

public sealed record GenerationMetadata(
    DateTimeOffset GeneratedAt,
    string Model,
    bool RagEnabled,
    string Generator,
    string GeneratorVersion,
    string? FallbackReason,
    bool Cached);

public sealed record SafetyCheckResponse(bool Passed, bool PiiDetected, bool ModerationFlagged, bool ConstitutionalAiPassed, IReadOnlyList<string> Issues);

public sealed record SafetyFinding(string Code, string Message, string Severity);

public sealed record ValidateSafetyRequest(string? Content);

/// <summary>The reference system's shape, plus the structured findings and the redacted text.</summary>
public sealed record ValidateSafetyResponse(
    bool Passed,
    bool PiiDetected,
    bool ModerationFlagged,
    bool ConstitutionalAiPassed,
    IReadOnlyList<string> Issues,
    IReadOnlyList<SafetyFinding> Findings,
    string RedactedContent);

public sealed record SourceReference(long ChunkId, Guid DocumentId, string DocumentTitle, string Section, int? PageStart, int? PageEnd);

public sealed record UsageResponse(string? Model, int InputTokens, int OutputTokens, int TotalTokens, decimal? EstimatedCostUsd, bool Cached);

public static class AiServiceJson
{
    /// <summary>The host's JSON conventions: snake_case names, lower-case enum strings.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };
}
