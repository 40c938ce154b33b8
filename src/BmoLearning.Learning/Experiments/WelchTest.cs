namespace BmoLearning.Learning.Experiments;

/// <summary>Mean, sample variance (n − 1) and count of a continuous metric in one variant.</summary>
public readonly record struct Summary(double Mean, double Variance, long Count)
{
    public static Summary Of(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < 2)
        {
            throw new ArgumentException("At least two values are needed for a variance.", nameof(values));
        }

        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return new Summary(mean, variance, values.Count);
    }
}

/// <summary>Welch's t-test (unequal variances, Welch–Satterthwaite degrees of freedom) for continuous metrics.</summary>
public static class WelchTest
{
    public static Comparison Compare(Summary control, Summary treatment, double confidence = 0.95) => Compare(control, treatment, confidence, out _);

    public static Comparison Compare(Summary control, Summary treatment, double confidence, out double degreesOfFreedom)
    {
        if (control.Count < 2 || treatment.Count < 2)
        {
            throw new ArgumentException("Each variant needs at least two observations.");
        }

        double v1 = control.Variance / control.Count, v2 = treatment.Variance / treatment.Count;
        var se = Math.Sqrt(v1 + v2);
        var difference = treatment.Mean - control.Mean;
        if (se == 0)
        {
            degreesOfFreedom = control.Count + treatment.Count - 2;
            return new Comparison(difference, difference, difference, 0, difference == 0 ? 1 : 0);
        }

        degreesOfFreedom = (v1 + v2) * (v1 + v2) / (v1 * v1 / (control.Count - 1) + v2 * v2 / (treatment.Count - 1));
        var t = difference / se;
        var p = 2 * Distributions.StudentTCdf(-Math.Abs(t), degreesOfFreedom);
        var critical = Distributions.StudentTQuantile(1 - (1 - confidence) / 2, degreesOfFreedom);
        return new Comparison(difference, difference - critical * se, difference + critical * se, t, p);
    }
}
