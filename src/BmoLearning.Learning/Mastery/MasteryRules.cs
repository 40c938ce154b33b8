using BmoLearning.Learning.Fsrs;

namespace BmoLearning.Learning.Mastery;

/// <summary>What a learner should do next on a topic.</summary>
public enum NextStepKind
{
    /// <summary>Mastery above 0.8: the next topic of the course (or a harder difficulty).</summary>
    Advance,

    /// <summary>Mastery between 0.5 and 0.8 inclusive: keep going on this topic.</summary>
    Continue,

    /// <summary>Mastery below 0.5: an easier lesson, due reviews first.</summary>
    Reinforce,
}

/// <summary>The recommended step and why, in words a learner or admin can read.</summary>
public sealed record NextStep(NextStepKind Kind, double Mastery, string Reason);

/// <summary>Mastery of a topic and the "next step" rule of issue 12 (advance above 0.8, reinforce below 0.5).</summary>
public static class MasteryRules
{
    public const double AdvanceAbove = 0.8;
    public const double ReinforceBelow = 0.5;

    /// <summary>
    /// Predicted probability of recall now, averaged over all of the topic's concepts; a concept not taught yet
    /// (null or never reviewed) counts 0, so mastery cannot exceed the share of the topic taught. An empty topic has mastery 0.
    /// </summary>
    public static double ForTopic(FsrsScheduler scheduler, IReadOnlyCollection<MemoryState?> concepts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(concepts);
        return concepts.Count == 0 ? 0 : concepts.Sum(c => c is null ? 0 : scheduler.Retrievability(c, now)) / concepts.Count;
    }

    /// <summary>Advance above 0.8, reinforce below 0.5, otherwise continue.</summary>
    public static NextStep Decide(double mastery)
    {
        if (!(mastery is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(mastery), "Mastery is a probability in [0, 1].");
        }

        return mastery switch
        {
            > AdvanceAbove => new NextStep(NextStepKind.Advance, mastery, $"mastery {mastery:0.00} is above {AdvanceAbove:0.0}: move on to the next topic"),
            < ReinforceBelow => new NextStep(NextStepKind.Reinforce, mastery, $"mastery {mastery:0.00} is below {ReinforceBelow:0.0}: reinforce with an easier lesson, due reviews first"),
            _ => new NextStep(NextStepKind.Continue, mastery, $"mastery {mastery:0.00} is between {ReinforceBelow:0.0} and {AdvanceAbove:0.0}: continue this topic"),
        };
    }
}
