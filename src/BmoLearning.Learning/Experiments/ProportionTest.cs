namespace BmoLearning.Learning.Experiments;

/// <summary>Successes out of trials for one variant.</summary>
public readonly record struct Proportion(long Successes, long Trials)
{
    public double Rate => Trials == 0 ? double.NaN : (double)Successes / Trials;
}

/// <summary>Result of comparing a treatment with control: difference = treatment − control.</summary>
public sealed record Comparison(double Difference, double CiLow, double CiHigh, double Statistic, double PValue)
{
    public bool Significant(double alpha = 0.05) => PValue < alpha;
}

/// <summary>
/// Two-proportion z-test: the statistic uses the pooled rate (the null says the rates are equal), the 95%
/// interval the unpooled standard error (Wald), as in most texts and in R's prop.test without continuity correction.
/// </summary>
public static class ProportionTest
{
    public static Comparison Compare(Proportion control, Proportion treatment, double confidence = 0.95)
    {
        if (control.Trials <= 0 || treatment.Trials <= 0)
        {
            throw new ArgumentException("Both variants need at least one trial.");
        }

        if (control.Successes < 0 || control.Successes > control.Trials || treatment.Successes < 0 || treatment.Successes > treatment.Trials)
        {
            throw new ArgumentException("Successes must be between 0 and the number of trials.");
        }

        double p1 = control.Rate, p2 = treatment.Rate, n1 = control.Trials, n2 = treatment.Trials;
        var difference = p2 - p1;
        var pooled = (control.Successes + treatment.Successes) / (n1 + n2);
        var pooledSe = Math.Sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
        var z = pooledSe == 0 ? 0 : difference / pooledSe;
        var p = 2 * Distributions.NormalCdf(-Math.Abs(z));
        var se = Math.Sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2);
        var critical = Distributions.NormalQuantile(1 - (1 - confidence) / 2);
        return new Comparison(difference, difference - critical * se, difference + critical * se, z, p);
    }
}
