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
    IReadOnlyList<RetrievedChunk> Chunks);

public sealed record LessonDraft(
    string Content,
    IReadOnlyList<string> KeyPoints,
    string Scenario,
    string QuizQuestion,
    IReadOnlyList<string> QuizOptions,
    int CorrectAnswer,
    string Explanation,
    IReadOnlyList<long> SourceChunkIds);

/// <summary>The knowledge base holds nothing relevant enough to teach the topic; retrying will not help.</summary>
public sealed class NoRelevantKnowledgeException(string message) : Exception(message);
