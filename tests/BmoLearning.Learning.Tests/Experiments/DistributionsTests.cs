using BmoLearning.Learning.Experiments;

namespace BmoLearning.Learning.Tests.Experiments;

/// <summary>Table values and an mpmath (30-digit) reference for the distribution functions.</summary>
public sealed class DistributionsTests
{
    [Theory]
    [InlineData(1.959963984540054, 0.975)]
    [InlineData(0.8416212335729143, 0.8)]
    [InlineData(0, 0.5)]
    [InlineData(-3.5, 0.000232629079035525)]
    public void Normal_cdf_matches_tables(double z, double expected) =>
        Assert.Equal(expected, Distributions.NormalCdf(z), 1e-12);

    [Theory]
    [InlineData(0.975, 1.959963984540054)]
    [InlineData(0.8, 0.8416212335729143)]
    [InlineData(0.001, -3.090232306167813)]
    public void Normal_quantile_matches_tables(double p, double expected) =>
        Assert.Equal(expected, Distributions.NormalQuantile(p), 1e-9);

    [Theory]
    [InlineData(2.0, 10, 0.963305982614630)]
    [InlineData(-1.3, 7.5, 0.116063389407804)]
    public void Student_t_cdf_matches_reference(double t, double df, double expected) =>
        Assert.Equal(expected, Distributions.StudentTCdf(t, df), 1e-10);

    [Theory]
    [InlineData(10, 2.228138851986274)]
    [InlineData(5, 2.570581835636314)]
    [InlineData(30, 2.042272456301238)]
    public void Student_t_quantile_matches_tables(double df, double expected) =>
        Assert.Equal(expected, Distributions.StudentTQuantile(0.975, df), 1e-8);

    [Theory]
    [InlineData(3.841458820694124, 1, 0.05)]
    [InlineData(5.991464547107979, 2, 0.05)]
    [InlineData(10.82756617745081, 1, 0.001)]
    [InlineData(18, 1, 0.0000220904969985854)]
    [InlineData(7.3, 3, 0.0629262364590432)]
    public void Chi_square_survival_matches_tables(double x, int df, double expected) =>
        Assert.Equal(expected, Distributions.ChiSquareSurvival(x, df), expected * 1e-8);

    [Fact]
    public void Quantiles_refuse_probabilities_outside_zero_to_one()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Distributions.NormalQuantile(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Distributions.StudentTQuantile(1, 5));
    }
}
