namespace BmoLearning.Learning.Experiments;

/// <summary>
/// Planned sample size per variant for a two-proportion test (two-sided), from the baseline rate and the minimum
/// detectable effect in absolute points: n = (z₁₋α/₂·√(2p̄q̄) + z₁₋β·√(p₁q₁ + p₂q₂))² / δ², the formula of
/// R's power.prop.test, rounded up.
/// </summary>
public static class SampleSize
{
    public const double DefaultAlpha = 0.05;
    public const double DefaultPower = 0.8;

    public static long PerVariant(double baselineRate, double minimumDetectableEffect, double alpha = DefaultAlpha, double power = DefaultPower)
    {
        var treated = baselineRate + minimumDetectableEffect;
        if (baselineRate is <= 0 or >= 1 || treated is <= 0 or >= 1 || minimumDetectableEffect == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(minimumDetectableEffect), "Baseline and baseline + effect must be rates strictly between 0 and 1, and the effect non-zero.");
        }

        if (alpha is <= 0 or >= 1 || power is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(power), "Alpha and power must be strictly between 0 and 1.");
        }

        var mean = (baselineRate + treated) / 2;
        var zAlpha = Distributions.NormalQuantile(1 - alpha / 2);
        var zBeta = Distributions.NormalQuantile(power);
        var root = zAlpha * Math.Sqrt(2 * mean * (1 - mean)) + zBeta * Math.Sqrt(baselineRate * (1 - baselineRate) + treated * (1 - treated));
        return (long)Math.Ceiling(root * root / (minimumDetectableEffect * minimumDetectableEffect));
    }
}
