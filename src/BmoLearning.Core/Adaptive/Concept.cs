using BmoLearning.Learning.Fsrs;

namespace BmoLearning.Core.Adaptive;

/// <summary>
/// A fact a lesson teaches, anchored to the content hash of the knowledge-base chunk it comes from, so
/// re-ingesting unchanged text (new chunk ids, same hash) keeps the same concept and its review history.
/// </summary>
public sealed class Concept
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string ContentHash { get; set; }
    /// <summary>Where the fact sits (the chunk's heading path), for people reading reviews.</summary>
    public required string Label { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When a new source version changed or removed its passage: no longer scheduled for review.</summary>
    public DateTimeOffset? StaleAt { get; set; }
}

/// <summary>The concepts a lesson teaches (one per cited chunk).</summary>
public sealed class LessonConcept
{
    public Guid LessonId { get; set; }
    public Guid ConceptId { get; set; }
}

/// <summary>One review: an answer about a concept and the FSRS rating it earned. One per answer and concept.</summary>
public sealed class ReviewLog
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid LearnerId { get; set; }
    public Guid ConceptId { get; set; }
    /// <summary>The answer that made this review; unique with the concept, so a replayed answer logs nothing.</summary>
    public Guid QuizResponseId { get; set; }
    public Rating Rating { get; set; }
    public DateTimeOffset ReviewedAt { get; set; }
    /// <summary>Whole days since the previous review of the concept (what the optimiser needs); null for the first.</summary>
    public int? ElapsedDays { get; set; }
}

/// <summary>FSRS memory state of a learner for a concept; the due date is indexed for the review scan.</summary>
public sealed class ConceptMemory
{
    public Guid LearnerId { get; set; }
    public Guid ConceptId { get; set; }
    public ReviewPhase Phase { get; set; }
    public double Stability { get; set; }
    public double Difficulty { get; set; }
    public DateTimeOffset? LastReview { get; set; }
    public DateTimeOffset Due { get; set; }
    public int ScheduledDays { get; set; }
    public int Step { get; set; }
    public int Reps { get; set; }
    public int Lapses { get; set; }

    public MemoryState ToState() => new(Phase, Stability, Difficulty, LastReview, Due, ScheduledDays, Step, Reps, Lapses);

    public void Apply(MemoryState s)
    {
        Phase = s.Phase;
        Stability = s.Stability;
        Difficulty = s.Difficulty;
        LastReview = s.LastReview;
        Due = s.Due;
        ScheduledDays = s.ScheduledDays;
        Step = s.Step;
        Reps = s.Reps;
        Lapses = s.Lapses;
    }
}
