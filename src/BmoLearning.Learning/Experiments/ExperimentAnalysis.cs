namespace BmoLearning.Learning.Experiments;

/// <summary>What the results allow one to say.</summary>
public enum ResultState
{
    /// <summary>Fewer than the planned learners in some variant: numbers are shown, no verdict (no peeking).</summary>
    NotYetAtPlannedSample,

    /// <summary>Counts per variant do not match the weights: assignment or logging is broken; no verdict.</summary>
    SampleRatioMismatch,

    /// <summary>At the planned sample, at least one treatment differs from control at the 5% level.</summary>
    Significant,

    /// <summary>At the planned sample, no treatment differs from control at the 5% level.</summary>
    NotSignificant,
}

/// <summary>Per-variant figures and, for each treatment, its comparison with control (the first variant).</summary>
public sealed record VariantResult(string Name, Proportion Primary, Comparison? VersusControl);

public sealed record ExperimentResult(ResultState State, long PlannedPerVariant, SampleRatio SampleRatio, IReadOnlyList<VariantResult> Variants, string Explanation);

/// <summary>Results of a binary primary metric: SRM first, then the planned-sample gate, then the tests.</summary>
public static class ExperimentAnalysis
{
    public static ExperimentResult Analyze(IReadOnlyList<Variant> variants, IReadOnlyList<Proportion> primary, long plannedPerVariant)
    {
        ArgumentNullException.ThrowIfNull(variants);
        ArgumentNullException.ThrowIfNull(primary);
        if (VariantAssignment.Validate(variants) is { Count: > 0 } errors)
        {
            throw new ArgumentException(string.Join(" ", errors.Select(e => $"{e.Field}: {e.Reason}")), nameof(variants));
        }

        if (primary.Count != variants.Count)
        {
            throw new ArgumentException("One primary-metric count per variant is required.", nameof(primary));
        }

        var srm = SampleRatioCheck.Check(primary.Select(p => p.Trials).ToList(), variants.Select(v => v.Weight).ToList());
        var control = primary[0];
        var rows = variants.Select((v, i) => new VariantResult(
            v.Name,
            primary[i],
            i == 0 || control.Trials == 0 || primary[i].Trials == 0 ? null : ProportionTest.Compare(control, primary[i]))).ToList();

        if (srm.Mismatch)
        {
            return new ExperimentResult(ResultState.SampleRatioMismatch, plannedPerVariant, srm, rows,
                $"Sample ratio mismatch (chi-square {srm.ChiSquare:F1}, p = {srm.PValue:G2}): assignment or exposure logging is broken, so no verdict.");
        }

        var smallest = primary.Min(p => p.Trials);
        if (smallest < plannedPerVariant)
        {
            return new ExperimentResult(ResultState.NotYetAtPlannedSample, plannedPerVariant, srm, rows,
                $"Not yet at planned sample size: the smallest variant has {smallest} of {plannedPerVariant} learners.");
        }

        var winners = rows.Where(r => r.VersusControl is { } c && c.Significant()).Select(r => r.Name).ToList();
        return winners.Count > 0
            ? new ExperimentResult(ResultState.Significant, plannedPerVariant, srm, rows, $"Differs from control at the 5% level: {string.Join(", ", winners)}.")
            : new ExperimentResult(ResultState.NotSignificant, plannedPerVariant, srm, rows, "No variant differs from control at the 5% level.");
    }
}
