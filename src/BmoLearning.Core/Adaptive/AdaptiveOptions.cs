using System.ComponentModel.DataAnnotations;
using BmoLearning.Learning.Fsrs;

namespace BmoLearning.Core.Adaptive;

/// <summary>Spaced retrieval practice settings (section "Adaptive").</summary>
public sealed class AdaptiveOptions
{
    public const string Section = "Adaptive";

    /// <summary>Recall probability at which a concept falls due for review.</summary>
    [Range(0.7, 0.99)]
    public double DesiredRetention { get; set; } = 0.9;

    /// <summary>New lessons a learner gets a day (across their paths).</summary>
    [Range(0, 20)]
    public int NewLessonsPerDay { get; set; } = 1;

    /// <summary>Review questions a learner gets a day at most.</summary>
    [Range(0, 50)]
    public int ReviewsPerDay { get; set; } = 3;

    /// <summary>Reviews needed before parameters are fitted (organisation-wide, or one learner's own); defaults until then.</summary>
    [Range(1000, 10_000_000)]
    public int OptimizerMinimumReviews { get; set; } = 1000;

    /// <summary>When the parameter optimisation job runs (Hangfire cron, UTC); weekly by default.</summary>
    public string OptimizerCron { get; set; } = "0 3 * * 0";

    public FsrsScheduler CreateScheduler() => new(new FsrsOptions { DesiredRetention = DesiredRetention });

    /// <summary>A scheduler with fitted weights (see <see cref="FsrsParameterStore"/>).</summary>
    public FsrsScheduler CreateScheduler(IReadOnlyList<double> weights) => new(new FsrsOptions { DesiredRetention = DesiredRetention, Weights = weights });
}
