namespace BmoLearning.Learning.Fsrs;

/// <summary>
/// Scheduler settings. Steps are in whole minutes, as ts-fsrs's "1m"/"10m" strings are. The defaults suit
/// daily microlearning: no minute-scale learning steps (a question cannot usefully come back by SMS ten
/// minutes later), but same-day answers still update memory with FSRS-6's short-term formula.
/// </summary>
public sealed record FsrsOptions
{
    public IReadOnlyList<double> Weights { get; init; } = FsrsParameters.Default;

    /// <summary>Recall probability at which a concept falls due; (0, 1].</summary>
    public double DesiredRetention { get; init; } = 0.9;

    public int MaximumIntervalDays { get; init; } = 36500;

    /// <summary>Same-day reviews use FSRS-6's short-term stability (w17–w19) and the learning steps.</summary>
    public bool EnableShortTerm { get; init; } = true;

    public IReadOnlyList<int> LearningStepsMinutes { get; init; } = [];

    public IReadOnlyList<int> RelearningStepsMinutes { get; init; } = [];

    /// <summary>ts-fsrs 5.4.2's defaults (learning steps 1m, 10m; relearning 10m), for comparisons with it.</summary>
    public static FsrsOptions TsFsrsDefaults { get; } = new()
    {
        LearningStepsMinutes = [1, 10],
        RelearningStepsMinutes = [10],
    };
}
