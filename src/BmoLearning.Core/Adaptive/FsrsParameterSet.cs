namespace BmoLearning.Core.Adaptive;

/// <summary>
/// FSRS-6 parameters fitted to stored review logs: the organisation's (no learner) or one learner's, once they have
/// enough reviews. Replaced by each optimisation run; absent means the defaults.
/// </summary>
public sealed class FsrsParameterSet
{
    public const string OrganisationScope = "organisation";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary><see cref="OrganisationScope"/> or "learner:{id}"; unique.</summary>
    public required string Scope { get; set; }
    public Guid? LearnerId { get; set; }
    /// <summary>The 21 weights.</summary>
    public List<double> Weights { get; set; } = [];
    public int Reviews { get; set; }
    public double DefaultLogLoss { get; set; }
    public double FittedLogLoss { get; set; }
    public DateTimeOffset FittedAt { get; set; }

    public static string LearnerScope(Guid learnerId) => $"learner:{learnerId:N}";
}
