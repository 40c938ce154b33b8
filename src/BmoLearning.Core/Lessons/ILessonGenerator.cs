using BmoLearning.Core.Knowledge;

namespace BmoLearning.Core.Lessons;

/// <summary>Turns retrieved knowledge into a lesson draft. Offline and LLM generators both implement it.</summary>
public interface ILessonGenerator
{
    string Name { get; }

    string Version { get; }

    Task<LessonDraft> GenerateAsync(LessonGenerationContext context, CancellationToken ct);
}

public sealed record LessonGenerationContext(
    string Topic,
    Difficulty Difficulty,
    string? LearnerName,
    IReadOnlyList<RetrievedChunk> Chunks)
{
    /// <summary>What is known of the learner's progress; null for a learner with no history (or none given).</summary>
    public LearnerProfile? Learner { get; init; }
}

/// <summary>A learner's track record, coarse enough to share cached lessons between learners at the same stage.</summary>
public sealed record LearnerProfile(int QuestionsAnswered, double? QuizAccuracy)
{
    /// <summary>new | struggling | progressing | strong: the only thing about the learner that reaches a model.</summary>
    public string Stage => QuestionsAnswered == 0 || QuizAccuracy is null ? "new"
        : QuizAccuracy < 0.5 ? "struggling"
        : QuizAccuracy > 0.8 && QuestionsAnswered >= 3 ? "strong"
        : "progressing";
}

public sealed record LessonDraft(
    string Content,
    IReadOnlyList<string> KeyPoints,
    string Scenario,
    string QuizQuestion,
    IReadOnlyList<string> QuizOptions,
    int CorrectAnswer,
    string Explanation,
    IReadOnlyList<long> SourceChunkIds)
{
    /// <summary>The generator that actually wrote the draft when it differs from the one called (a fallback).</summary>
    public string? GeneratorName { get; init; }

    public string? GeneratorVersion { get; init; }

    /// <summary>Why the preferred generator was not used (it failed, timed out, or its circuit is open).</summary>
    public string? FallbackReason { get; init; }

    /// <summary>Appended to the content when the lesson is stored; outside the content's word limit.</summary>
    public string? Disclaimer { get; init; }

    /// <summary>Model, tokens and estimated cost; null for generators that use no model.</summary>
    public GenerationUsage? Usage { get; init; }

    /// <summary>Codes of the safety issues found and dealt with (redactions, warnings).</summary>
    public IReadOnlyList<string> SafetyIssues { get; init; } = [];
}

/// <summary>What one lesson cost: a cache hit costs nothing.</summary>
public sealed record GenerationUsage(string Model, int InputTokens, int OutputTokens, decimal? EstimatedCostUsd, bool Cached);

/// <summary>The knowledge base holds nothing relevant enough to teach the topic; retrying will not help.</summary>
public sealed class NoRelevantKnowledgeException(string message) : Exception(message);

/// <summary>The lesson failed a safety or grounding rule that no generator could fix; retrying will not help.</summary>
public sealed class LessonRejectedException(string message) : Exception(message);
