namespace BmoLearning.Learning.Fsrs;

/// <summary>The 21 FSRS-6 parameters w[0..20]: defaults and the bounds the optimisers clamp to.</summary>
public static class FsrsParameters
{
    public const int Count = 21;
    public const double MinStability = 1e-3;
    public const double MaxStability = 36500;
    public const double DefaultDecay = 0.1542;

    // FSRS-6 defaults as published by fsrs-rs and ts-fsrs 5.x. w[19] scales same-day reviews by stability
    // (s^-w19); w[20] is the trainable decay of the forgetting curve.
    private static readonly double[] DefaultWeights =
    [
        0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
        1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, DefaultDecay,
    ];

    /// <summary>A fresh copy of the default parameters.</summary>
    public static double[] Default => (double[])DefaultWeights.Clone();

    private const double W17W18Ceiling = 2;

    /// <summary>Lower and upper bound of each parameter (ts-fsrs <c>CLAMP_PARAMETERS</c>, same as fsrs-rs).</summary>
    public static (double Min, double Max)[] Bounds(bool enableShortTerm = true, int relearningSteps = 1, IReadOnlyList<double>? weights = null)
    {
        (double, double)[] bounds =
        [
            (MinStability, 100), (MinStability, 100), (MinStability, 100), (MinStability, 100),
            (1, 10), (1e-3, 4), (1e-3, 4), (1e-3, 0.75), (0, 4.5), (0, 0.8), (1e-3, 3.5),
            (1e-3, 5), (1e-3, 0.25), (1e-3, 0.9), (0, 4), (0, 1), (1, 6),
            (0, W17W18Ceiling), (0, W17W18Ceiling), (enableShortTerm ? 0.01 : 0, 0.8), (0.1, 0.8),
        ];

        // With several relearning steps, w17·w18 is capped so that a lapse followed by "Good" on every
        // step cannot end with more stability than the lapse formula gives (ts-fsrs clipParameters).
        if (relearningSteps > 1 && weights is not null)
        {
            var w11 = Clamp(weights[11], bounds[11].Item1, bounds[11].Item2);
            var w13 = Clamp(weights[13], bounds[13].Item1, bounds[13].Item2);
            var w14 = Clamp(weights[14], bounds[14].Item1, bounds[14].Item2);
            var value = -(Math.Log(w11) + Math.Log(Math.Pow(2, w13) - 1) + (w14 * 0.3)) / relearningSteps;
            var ceiling = Clamp(FsrsMath.RoundTo(Math.Sqrt(Math.Max(value, 0)), 8), 0.01, W17W18Ceiling);
            bounds[17] = (bounds[17].Item1, ceiling);
            bounds[18] = (bounds[18].Item1, ceiling);
        }

        return bounds;
    }

    /// <summary>Checks the length and finiteness, then clamps every parameter into its bounds.</summary>
    public static double[] Clip(IReadOnlyList<double> weights, bool enableShortTerm = true, int relearningSteps = 1)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count != Count)
        {
            throw new ArgumentException($"FSRS-6 needs {Count} parameters, got {weights.Count}.", nameof(weights));
        }

        if (weights.Any(w => !double.IsFinite(w)))
        {
            throw new ArgumentException("FSRS parameters must be finite numbers.", nameof(weights));
        }

        var bounds = Bounds(enableShortTerm, relearningSteps, weights);
        var clipped = new double[Count];
        for (var i = 0; i < Count; i++)
        {
            clipped[i] = Clamp(weights[i], bounds[i].Min, bounds[i].Max);
        }

        return clipped;
    }

    private static double Clamp(double value, double min, double max) => Math.Min(Math.Max(value, min), max);
}
