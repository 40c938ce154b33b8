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

    public FsrsScheduler CreateScheduler() => new(new FsrsOptions { DesiredRetention = DesiredRetention });
}
