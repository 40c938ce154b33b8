namespace BmoLearning.Learning.SendTime;

/// <summary>Draws from Beta(α, β) as X/(X + Y) with X ~ Gamma(α), Y ~ Gamma(β) (Marsaglia–Tsang).</summary>
public static class BetaSampler
{
    public static double Sample(Random random, double alpha, double beta)
    {
        ArgumentNullException.ThrowIfNull(random);
        var x = Gamma(random, alpha);
        var y = Gamma(random, beta);
        return x + y == 0 ? 0.5 : x / (x + y);
    }

    internal static double Gamma(Random random, double shape)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shape);
        if (shape < 1)
        {
            // Boost: Gamma(a) = Gamma(a + 1) · U^(1/a).
            return Gamma(random, shape + 1) * Math.Pow(1 - random.NextDouble(), 1 / shape);
        }

        var d = shape - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double z, v;
            do
            {
                z = StandardNormal(random);
                v = 1 + c * z;
            }
            while (v <= 0);

            v = v * v * v;
            var u = 1 - random.NextDouble();
            if (Math.Log(u) < 0.5 * z * z + d - d * v + d * Math.Log(v))
            {
                return d * v;
            }
        }
    }

    internal static double StandardNormal(Random random)
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
