using BmoLearning.Learning.Experiments;

namespace BmoLearning.Learning.Tests.Experiments;

/// <summary>The error rates the statistics promise, checked by simulation with seeded generators.</summary>
public sealed class SimulatedExperimentTests(ITestOutputHelper output)
{
    private static long Binomial(Random random, long trials, double p)
    {
        long successes = 0;
        for (long i = 0; i < trials; i++)
        {
            if (random.NextDouble() < p)
            {
                successes++;
            }
        }

        return successes;
    }

    [Fact]
    public void A_thousand_AA_experiments_reject_at_five_percent_give_or_take_one_and_a_half()
    {
        var random = new Random(20261204);
        const int experiments = 1000, perVariant = 2000;
        var rejections = 0;
        for (var e = 0; e < experiments; e++)
        {
            var a = new Proportion(Binomial(random, perVariant, 0.3), perVariant);
            var b = new Proportion(Binomial(random, perVariant, 0.3), perVariant);
            if (ProportionTest.Compare(a, b).Significant())
            {
                rejections++;
            }
        }

        var rate = rejections / (double)experiments;
        output.WriteLine($"A/A rejection rate {rate:P1} over {experiments} experiments");
        Assert.InRange(rate, 0.035, 0.065);
    }

    [Fact]
    public void A_five_point_lift_at_the_planned_sample_size_is_detected_with_power_at_least_0_8()
    {
        var planned = SampleSize.PerVariant(0.30, 0.05);
        var random = new Random(15);
        const int experiments = 4000;
        var detected = 0;
        for (var e = 0; e < experiments; e++)
        {
            var control = new Proportion(Binomial(random, planned, 0.30), planned);
            var treatment = new Proportion(Binomial(random, planned, 0.35), planned);
            var result = ExperimentAnalysis.Analyze([new("control", 50), new("treatment", 50)], [control, treatment], planned);
            if (result.State == ResultState.Significant && result.Variants[1].VersusControl!.Difference > 0)
            {
                detected++;
            }
        }

        // The planned size is by definition the n whose power is 0.8, so the simulated power scatters around 0.8
        // (standard error √(0.8·0.2/4000) = 0.0063). Power ≥ 0.8 is accepted unless the estimate is more than three
        // standard errors below it; an undersized plan fails (half the size gives about 0.5, see the next test).
        var power = detected / (double)experiments;
        var standardError = Math.Sqrt(0.8 * 0.2 / experiments);
        output.WriteLine($"power {power:F3} at n = {planned} per variant over {experiments} experiments");
        Assert.True(power >= 0.8 - 3 * standardError, $"power {power:F3} at n = {planned} per variant");
    }

    [Fact]
    public void The_exact_power_at_the_planned_sample_size_is_at_least_0_8()
    {
        // Without simulation noise: sum the binomial probabilities of every outcome pair the test calls significant
        // (0.30 vs 0.35 at n = 1377 gives 0.80014; Python with math.lgamma agrees).
        var n = SampleSize.PerVariant(0.30, 0.05);
        var control = BinomialPmf(n, 0.30);
        var treatment = BinomialPmf(n, 0.35);
        double power = 0;
        for (var x = 0; x <= n; x++)
        {
            for (var y = 0; y <= n; y++)
            {
                if (control[x] * treatment[y] > 1e-18 && ProportionTest.Compare(new Proportion(x, n), new Proportion(y, n)) is { PValue: < 0.05, Difference: > 0 })
                {
                    power += control[x] * treatment[y];
                }
            }
        }

        output.WriteLine($"exact power {power:F5} at n = {n}");
        Assert.True(power >= 0.8, $"exact power {power:F5} at n = {n}");
        Assert.True(power < 0.81, "the planned size should be the smallest with power 0.8, not an over-sized one");
    }

    private static double[] BinomialPmf(long n, double p) =>
        Enumerable.Range(0, (int)n + 1).Select(k => Math.Exp(Distributions.LogGamma(n + 1) - Distributions.LogGamma(k + 1) - Distributions.LogGamma(n - k + 1) + k * Math.Log(p) + (n - k) * Math.Log(1 - p))).ToArray();

    [Fact]
    public void Half_the_planned_sample_size_has_too_little_power()
    {
        // The counter-check: the power test above would fail if the planned size were halved.
        var half = SampleSize.PerVariant(0.30, 0.05) / 2;
        var random = new Random(16);
        var detected = 0;
        for (var e = 0; e < 1000; e++)
        {
            if (ProportionTest.Compare(new Proportion(Binomial(random, half, 0.30), half), new Proportion(Binomial(random, half, 0.35), half)).Significant())
            {
                detected++;
            }
        }

        Assert.True(detected / 1000.0 < 0.7, $"power {detected / 1000.0:F3} at n = {half}");
    }

    [Fact]
    public void Results_before_the_planned_sample_size_give_no_verdict_even_when_p_is_small()
    {
        Variant[] variants = [new("control", 50), new("treatment", 50)];
        var result = ExperimentAnalysis.Analyze(variants, [new Proportion(100, 500), new Proportion(160, 500)], plannedPerVariant: 1377);
        Assert.Equal(ResultState.NotYetAtPlannedSample, result.State);
        Assert.True(result.Variants[1].VersusControl!.PValue < 0.001);
        Assert.Contains("500 of 1377", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sample_ratio_mismatch_overrides_every_verdict()
    {
        Variant[] variants = [new("control", 50), new("treatment", 50)];
        var result = ExperimentAnalysis.Analyze(variants, [new Proportion(600, 2000), new Proportion(900, 2600)], plannedPerVariant: 1000);
        Assert.Equal(ResultState.SampleRatioMismatch, result.State);
    }

    [Fact]
    public void At_the_planned_sample_with_no_difference_the_verdict_is_not_significant()
    {
        Variant[] variants = [new("control", 50), new("treatment", 50)];
        var result = ExperimentAnalysis.Analyze(variants, [new Proportion(420, 1400), new Proportion(425, 1400)], plannedPerVariant: 1377);
        Assert.Equal(ResultState.NotSignificant, result.State);
    }
}
