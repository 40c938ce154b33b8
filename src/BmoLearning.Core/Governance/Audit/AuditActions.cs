using BmoLearning.Core.Lessons;

namespace BmoLearning.Core.Governance.Audit;

/// <summary>Names of audited acts that are not API calls, and what a lesson decision records.</summary>
public static class AuditActions
{
    public const string LessonGenerated = "lesson.generated";
    public const string DocumentVersioned = "document.versioned";

    /// <summary>How a lesson was made: generator, model, the sources it cites and the safety results. Never its text.</summary>
    public static object LessonDecision(Lesson lesson) => new
    {
        generator = lesson.GeneratorName,
        generatorVersion = lesson.GeneratorVersion,
        model = lesson.Model,
        fallbackReason = lesson.FallbackReason,
        topic = lesson.Topic,
        difficulty = lesson.Difficulty.ToString(),
        sources = lesson.Sources.Select(s => new { documentId = s.DocumentId, chunkId = s.ChunkId }).ToList(),
        safetyIssues = lesson.SafetyIssues,
    };
}
