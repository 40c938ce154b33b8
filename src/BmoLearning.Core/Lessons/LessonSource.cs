namespace BmoLearning.Core.Lessons;

/// <summary>A citation: the chunk a lesson drew on and where it sits in its document.</summary>
public sealed record LessonSource(
    long ChunkId,
    Guid DocumentId,
    string DocumentTitle,
    string Section,
    int? PageStart,
    int? PageEnd);
