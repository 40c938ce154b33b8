using static BmoLearning.Learning.Fsrs.FsrsMath;

namespace BmoLearning.Learning.Fsrs;

/// <summary>
/// The FSRS-6 memory model: forgetting curve, next stability and difficulty, next interval. It follows
/// ts-fsrs 5.4.2 (FSRSAlgorithm) operation by operation, including its rounding to 8 decimals.
/// </summary>
public sealed class FsrsAlgorithm
{
    private readonly double[] _w;
    private readonly double _decay;
    private readonly double _factor;
    private readonly double _intervalModifier;
    private readonly int _maximumInterval;
    private readonly bool _shortTerm;

    public FsrsAlgorithm(FsrsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.DesiredRetention > 0 && options.DesiredRetention <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Desired retention must be in (0, 1].");
        }

        if (options.MaximumIntervalDays < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The maximum interval must be at least one day.");
        }

        _w = FsrsParameters.Clip(options.Weights, options.EnableShortTerm, options.RelearningStepsMinutes.Count);
        _shortTerm = options.EnableShortTerm;
        _maximumInterval = options.MaximumIntervalDays;
        _decay = -_w[20];
        // FACTOR makes R(S, S) = 0.9 whatever the decay: 0.9^(1/DECAY) - 1.
        _factor = RoundTo(Math.Exp(Math.Log(0.9) / _decay) - 1, 8);
        _intervalModifier = RoundTo((Math.Pow(options.DesiredRetention, 1 / _decay) - 1) / _factor, 8);
    }

    public IReadOnlyList<double> Weights => _w;

    /// <summary>Probability of recall after <paramref name="elapsedDays"/> days at stability <paramref name="stability"/>.</summary>
    public double ForgettingCurve(double elapsedDays, double stability) =>
        RoundTo(Math.Pow(1 + (_factor * elapsedDays / stability), _decay), 8);

    /// <summary>Days until recall falls to the desired retention, rounded, at least 1 and at most the maximum.</summary>
    public int NextIntervalDays(double stability) =>
        (int)Math.Min(Math.Max(1, JsRound(stability * _intervalModifier)), _maximumInterval);

    /// <summary>
    /// Stability and difficulty after a review <paramref name="elapsedDays"/> days after the previous one
    /// (ts-fsrs <c>next_state</c>). A state of (0, 0) means no memory yet: the initial values for the rating.
    /// </summary>
    public (double Stability, double Difficulty) NextMemory(double stability, double difficulty, int elapsedDays, Rating rating, double? retrievability = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(elapsedDays);
        var g = (int)rating;
        if (g is < 1 or > 4)
        {
            throw new ArgumentOutOfRangeException(nameof(rating), "Rating must be Again, Hard, Good or Easy.");
        }

        if (difficulty == 0 && stability == 0)
        {
            return (InitStability(g), Clamp(InitDifficulty(g), 1, 10));
        }

        if (difficulty < 1 || stability < FsrsParameters.MinStability)
        {
            throw new ArgumentOutOfRangeException(nameof(stability), $"Invalid memory state (stability {stability}, difficulty {difficulty}).");
        }

        var r = retrievability ?? ForgettingCurve(elapsedDays, stability);
        double nextStability;
        if (elapsedDays == 0 && _shortTerm)
        {
            nextStability = ShortTermStability(stability, g);
        }
        else if (g == 1)
        {
            var afterFail = ForgetStability(difficulty, stability, r);
            var (w17, w18) = _shortTerm ? (_w[17], _w[18]) : (0, 0);
            var floor = stability / Math.Exp(w17 * w18);
            nextStability = Clamp(RoundTo(floor, 8), FsrsParameters.MinStability, afterFail);
        }
        else
        {
            nextStability = RecallStability(difficulty, stability, r, g);
        }

        return (nextStability, NextDifficulty(difficulty, g));
    }

    private double InitStability(int g) => Math.Max(_w[g - 1], 0.1);

    private double InitDifficulty(int g) => RoundTo(_w[4] - Math.Exp((g - 1) * _w[5]) + 1, 8);

    private double NextDifficulty(double d, int g)
    {
        var delta = -_w[6] * (g - 3);
        // Linear damping: the closer to 10, the smaller the step.
        var next = d + RoundTo(delta * (10 - d) / 9, 8);
        // Mean reversion towards D0(Easy), unclamped as in FSRS-6.
        var reverted = RoundTo((_w[7] * InitDifficulty(4)) + ((1 - _w[7]) * next), 8);
        return Clamp(reverted, 1, 10);
    }

    private double RecallStability(double d, double s, double r, int g)
    {
        var hardPenalty = g == 2 ? _w[15] : 1;
        var easyBonus = g == 4 ? _w[16] : 1;
        var growth = Math.Exp(_w[8]) * (11 - d) * Math.Pow(s, -_w[9]) * (Math.Exp((1 - r) * _w[10]) - 1) * hardPenalty * easyBonus;
        return RoundTo(Clamp(s * (1 + growth), FsrsParameters.MinStability, FsrsParameters.MaxStability), 8);
    }

    private double ForgetStability(double d, double s, double r) =>
        RoundTo(Clamp(
            _w[11] * Math.Pow(d, -_w[12]) * (Math.Pow(s + 1, _w[13]) - 1) * Math.Exp((1 - r) * _w[14]),
            FsrsParameters.MinStability, FsrsParameters.MaxStability), 8);

    private double ShortTermStability(double s, int g)
    {
        var increase = Math.Pow(s, -_w[19]) * Math.Exp(_w[17] * (g - 3 + _w[18]));
        // A same-day pass never lowers stability; a same-day fail may.
        var masked = g >= 2 ? Math.Max(increase, 1) : increase;
        return RoundTo(Clamp(s * masked, FsrsParameters.MinStability, FsrsParameters.MaxStability), 8);
    }
}
