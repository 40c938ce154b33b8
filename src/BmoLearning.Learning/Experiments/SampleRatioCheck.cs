namespace BmoLearning.Learning.Experiments;

/// <summary>Chi-square goodness of fit of observed assignment counts to the weights.</summary>
public sealed record SampleRatio(double ChiSquare, int DegreesOfFreedom, double PValue, bool Mismatch);

/// <summary>
/// Sample-ratio-mismatch check: if the counts per variant are too far from the weights, assignment or exposure
/// logging is broken and no comparison can be trusted. p &lt; 0.001 is the usual threshold (it fires rarely by chance
/// on a check run every day).
/// </summary>
public static class SampleRatioCheck
{
    public const double Threshold = 0.001;

    public static SampleRatio Check(IReadOnlyList<long> observed, IReadOnlyList<int> weights)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(weights);
        if (observed.Count != weights.Count || observed.Count < 2)
        {
            throw new ArgumentException("One observed count per weight, and at least two variants, are needed.");
        }

        var total = observed.Sum();
        var weightTotal = weights.Sum(w => (double)w);
        if (total == 0)
        {
            return new SampleRatio(0, observed.Count - 1, 1, false);
        }

        double chi = 0;
        for (var i = 0; i < observed.Count; i++)
        {
            var expected = total * weights[i] / weightTotal;
            chi += (observed[i] - expected) * (observed[i] - expected) / expected;
        }

        var p = Distributions.ChiSquareSurvival(chi, observed.Count - 1);
        return new SampleRatio(chi, observed.Count - 1, p, p < Threshold);
    }
}
