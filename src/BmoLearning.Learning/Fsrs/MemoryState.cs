namespace BmoLearning.Learning.Fsrs;

/// <summary>
/// FSRS memory state of one learner for one concept. <see cref="Stability"/> is the interval in days at
/// which recall falls to 90%; <see cref="Difficulty"/> is in [1, 10]; <see cref="Step"/> is the index into
/// the (re)learning steps while the phase is Learning or Relearning.
/// </summary>
public sealed record MemoryState(
    ReviewPhase Phase,
    double Stability,
    double Difficulty,
    DateTimeOffset? LastReview,
    DateTimeOffset Due,
    int ScheduledDays,
    int Step,
    int Reps,
    int Lapses)
{
    /// <summary>A concept never reviewed: due now, no memory yet.</summary>
    public static MemoryState New(DateTimeOffset now) => new(ReviewPhase.New, 0, 0, null, now, 0, 0, 0, 0);
}

/// <summary>The result of one review: the next state, the time until it is due, and the recall predicted before the answer.</summary>
public sealed record ReviewOutcome(MemoryState Next, TimeSpan Interval, double RetrievabilityBefore);
