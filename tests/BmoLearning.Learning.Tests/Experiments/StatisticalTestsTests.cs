using BmoLearning.Learning.Experiments;

namespace BmoLearning.Learning.Tests.Experiments;

/// <summary>The tests and the planned sample size against worked examples.</summary>
public sealed class StatisticalTestsTests
{
    [Fact]
    public void Two_proportion_test_matches_the_hand_computation()
    {
        // 120/1000 vs 150/1000: pooled p = 0.135, SE = √(0.135·0.865·2/1000) = 0.015282, z = 1.96305, p = 0.049640
        // (R: prop.test(c(150,120), c(1000,1000), correct = FALSE) gives X² = z² = 3.8536, p = 0.04964).
        var result = ProportionTest.Compare(new Proportion(120, 1000), new Proportion(150, 1000));
        Assert.Equal(0.03, result.Difference, 1e-12);
        Assert.Equal(1.96304980762236, result.Statistic, 1e-9);
        Assert.Equal(0.0496403868653688, result.PValue, 1e-10);
        // Wald interval: 0.03 ± 1.959964·√(0.12·0.88/1000 + 0.15·0.85/1000) = 0.03 ± 0.029965.
        var halfWidth = 1.959963984540054 * Math.Sqrt(0.12 * 0.88 / 1000 + 0.15 * 0.85 / 1000);
        Assert.Equal(0.03 - halfWidth, result.CiLow, 1e-12);
        Assert.Equal(0.03 + halfWidth, result.CiHigh, 1e-12);
        Assert.True(result.Significant());
    }

    [Fact]
    public void Two_proportion_test_refuses_impossible_counts()
    {
        Assert.Throws<ArgumentException>(() => ProportionTest.Compare(new Proportion(5, 0), new Proportion(1, 10)));
        Assert.Throws<ArgumentException>(() => ProportionTest.Compare(new Proportion(11, 10), new Proportion(1, 10)));
    }

    [Fact]
    public void Welch_test_matches_the_textbook_example()
    {
        // Example 1 of Wikipedia's "Welch's t-test": t = 2.46, ν = 25.0, p = 0.021 (30-digit reference below).
        double[] a1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];
        double[] a2 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];
        var result = WelchTest.Compare(Summary.Of(a1), Summary.Of(a2), 0.95, out var df);
        Assert.Equal(2.45535639828601, result.Statistic, 1e-9);
        Assert.Equal(24.9885292902314, df, 1e-9);
        Assert.Equal(0.0213780014628668, result.PValue, 1e-9);
        Assert.True(result.CiLow > 0 && result.CiHigh > result.CiLow);
    }

    [Fact]
    public void Planned_sample_size_matches_power_prop_test()
    {
        // R: power.prop.test(p1 = 0.10, p2 = 0.12, power = 0.8) gives n = 3840.847 per group.
        Assert.Equal(3841, SampleSize.PerVariant(0.10, 0.02));
        // power.prop.test(p1 = 0.5, p2 = 0.6, power = 0.8): n = 387.3385.
        Assert.Equal(388, SampleSize.PerVariant(0.5, 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleSize.PerVariant(0.98, 0.05));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleSize.PerVariant(0.3, 0));
    }

    [Fact]
    public void Skewed_assignment_is_flagged_by_the_sample_ratio_check()
    {
        // 50/50 design, 10,300 vs 9,700: chi-square 18, p = 2.2e-5.
        var skewed = SampleRatioCheck.Check([10_300, 9_700], [50, 50]);
        Assert.Equal(18, skewed.ChiSquare, 1e-9);
        Assert.True(skewed.Mismatch);
        var fine = SampleRatioCheck.Check([10_050, 9_950], [50, 50]);
        Assert.False(fine.Mismatch);
        // Unequal weights: 20/80 observed as 20/80 is fine, as 25/75 is not.
        Assert.False(SampleRatioCheck.Check([2_000, 8_000], [20, 80]).Mismatch);
        Assert.True(SampleRatioCheck.Check([2_500, 7_500], [20, 80]).Mismatch);
    }

    [Fact]
    public void Hash_assignment_that_drops_a_share_of_one_variant_is_flagged()
    {
        // Broken exposure logging: every tenth treatment learner is lost.
        Variant[] variants = [new("control", 50), new("treatment", 50)];
        long control = 0, treatment = 0;
        for (var i = 0; i < 20_000; i++)
        {
            if (VariantAssignment.Assign("exp-srm", $"learner-{i}", variants).Name == "control")
            {
                control++;
            }
            else if (i % 10 != 0)
            {
                treatment++;
            }
        }

        Assert.True(SampleRatioCheck.Check([control, treatment], [50, 50]).Mismatch);
    }
}
