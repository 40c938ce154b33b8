using BmoLearning.Core.Experiments;
using BmoLearning.Learning.Experiments;

namespace BmoLearning.Host.Experiments;

public sealed record VariantRequest(string? Name, int? Weight, string? Value);

/// <summary>
/// baseline_rate and minimum_detectable_effect are fractions (0.40 and 0.05 for 40% and +5 points); the planned
/// sample size per variant is computed from them (two-sided 5%, power 0.8).
/// </summary>
public sealed record CreateExperimentRequest(
    string? Name,
    string? Hypothesis,
    string? Factor,
    List<VariantRequest>? Variants,
    string? Team,
    Guid? CourseId,
    string? PrimaryMetric,
    List<string>? Guardrails,
    double? BaselineRate,
    double? MinimumDetectableEffect);

public sealed record ShipRequest(string? Variant);

public sealed record VariantResponse(string Name, int Weight, string Value);

public sealed record ExperimentResponse(
    Guid Id, string Name, string Hypothesis, string Factor, IReadOnlyList<VariantResponse> Variants, string? Team, Guid? CourseId,
    string PrimaryMetric, IReadOnlyList<string> Guardrails, double BaselineRate, double MinimumDetectableEffect, long PlannedPerVariant,
    string Status, string? ShippedVariant, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? StoppedAt);

public sealed record ComparisonResponse(double Difference, double CiLow, double CiHigh, double PValue, bool Significant);

public sealed record VariantMetricResponse(string Variant, long Successes, long Trials, double? Rate, ComparisonResponse? VersusControl);

public sealed record MetricResponse(string Metric, bool Primary, IReadOnlyList<VariantMetricResponse> Variants);

public sealed record SampleRatioResponse(IReadOnlyList<long> Exposed, double ChiSquare, double PValue, bool Mismatch);

public sealed record ResultsResponse(Guid ExperimentId, string State, string Explanation, long PlannedPerVariant, SampleRatioResponse SampleRatio, IReadOnlyList<MetricResponse> Metrics);

public static class ExperimentMapping
{
    public static ExperimentResponse ToResponse(this Experiment e) => new(
        e.Id, e.Name, e.Hypothesis, e.Factor, e.Variants.Select(v => new VariantResponse(v.Name, v.Weight, v.Value)).ToList(), e.Team, e.CourseId,
        e.PrimaryMetric, e.Guardrails, e.BaselineRate, e.MinimumDetectableEffect, e.PlannedPerVariant,
        StateName(e.Status), e.ShippedVariant, e.CreatedAt, e.StartedAt, e.StoppedAt);

    public static ResultsResponse ToResponse(this ExperimentReport report) => new(
        report.Experiment.Id,
        report.StateName,
        report.Primary.Explanation,
        report.Primary.PlannedPerVariant,
        new SampleRatioResponse(report.Exposed, Finite(report.Primary.SampleRatio.ChiSquare), Finite(report.Primary.SampleRatio.PValue), report.Primary.SampleRatio.Mismatch),
        report.Metrics.Select(m => new MetricResponse(m.Metric, m.Metric == report.Experiment.PrimaryMetric, report.Experiment.Variants.Select((v, i) =>
            new VariantMetricResponse(v.Name, m.Counts[i].Successes, m.Counts[i].Trials, m.Counts[i].Trials == 0 ? null : m.Counts[i].Rate,
                m.VersusControl[i] is { } c ? new ComparisonResponse(Finite(c.Difference), Finite(c.CiLow), Finite(c.CiHigh), Finite(c.PValue), c.Significant()) : null)).ToList())).ToList());

    public static string StateName(ExperimentStatus status) => ExperimentCommands.StateName(status);

    /// <summary>JSON has no NaN: a degenerate comparison (all successes in both arms) reports 0 rather than failing.</summary>
    private static double Finite(double x) => double.IsFinite(x) ? x : 0;
}
