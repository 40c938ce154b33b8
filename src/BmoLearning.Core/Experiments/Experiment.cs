namespace BmoLearning.Core.Experiments;

/// <summary>
/// An A/B test on one factor of what learners receive. Variants carry the factor value they set; the first variant
/// is control. The salt (the id) makes assignment stable per experiment and independent across experiments.
/// </summary>
public sealed class Experiment
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public required string Hypothesis { get; set; }
    /// <summary>One of <see cref="ExperimentFactors.All"/>.</summary>
    public required string Factor { get; set; }
    public List<ExperimentVariant> Variants { get; set; } = [];
    /// <summary>Population filter: only learners of this team (null = every team).</summary>
    public string? Team { get; set; }
    /// <summary>Population filter: only learners enrolled in this course (null = any).</summary>
    public Guid? CourseId { get; set; }
    /// <summary>One of <see cref="ExperimentMetrics.All"/>.</summary>
    public required string PrimaryMetric { get; set; }
    public List<string> Guardrails { get; set; } = [];
    /// <summary>Baseline rate of the primary metric and the minimum detectable effect (absolute points, as a fraction).</summary>
    public double BaselineRate { get; set; }
    public double MinimumDetectableEffect { get; set; }
    public long PlannedPerVariant { get; set; }
    public ExperimentStatus Status { get; set; } = ExperimentStatus.Draft;
    public string? ShippedVariant { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? StoppedAt { get; set; }

    public string Salt => Id.ToString("N");
}

/// <summary>One arm: its name, whole-percent weight and the factor value learners in it receive.</summary>
public sealed record ExperimentVariant(string Name, int Weight, string Value);

public enum ExperimentStatus
{
    Draft,
    Running,
    Stopped,
    Shipped,
}

/// <summary>A learner saw their variant: logged once per experiment, the first time the variant shaped what they received.</summary>
public sealed class ExperimentExposure
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ExperimentId { get; set; }
    public Guid LearnerId { get; set; }
    public required string Variant { get; set; }
    public DateTimeOffset At { get; set; }
}
