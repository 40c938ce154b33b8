namespace BmoLearning.Learning.Fsrs;

/// <summary>One answer in a review log.</summary>
public sealed record ReviewEvent(DateTimeOffset At, Rating Rating);

/// <summary>Settings of <see cref="FsrsOptimizer"/>; the defaults are fsrs-rs's (Adam, lr 0.04, 5 epochs, batches of 512).</summary>
public sealed record FsrsOptimizerOptions
{
    /// <summary>Below this many reviews the defaults are kept: a fit would follow noise.</summary>
    public int MinimumReviews { get; init; } = 1000;

    public int Epochs { get; init; } = 5;

    /// <summary>Small logs get more epochs, so that even a few batches take this many Adam steps.</summary>
    public int MinimumSteps { get; init; } = 200;

    public int BatchSize { get; init; } = 512;

    public double LearningRate { get; init; } = 0.04;

    public int Seed { get; init; } = 42;

    public bool EnableShortTerm { get; init; } = true;
}

/// <summary>Parameters found by <see cref="FsrsOptimizer.Fit"/> and the log loss before and after, on the same logs.</summary>
public sealed record FsrsFit(double[] Weights, int Reviews, int PredictedReviews, double DefaultLogLoss, double FittedLogLoss, bool KeptDefaults, string Reason);

/// <summary>
/// Fits the 21 FSRS-6 parameters to review logs by minimising the log loss (binary cross-entropy) of the
/// predicted recall against whether each answer passed (anything but Again), as fsrs-rs does: Adam on
/// mini-batches of histories, gradients by central finite differences, parameters clamped to the FSRS
/// bounds after every step. Deterministic for a given seed.
/// </summary>
public static class FsrsOptimizer
{
    private const double Epsilon = 1e-7;

    /// <summary>
    /// Each history is one learner's answers on one concept, oldest first. The first answer only sets the
    /// initial state; every later answer at least a calendar day after the previous one is predicted.
    /// </summary>
    public static FsrsFit Fit(IReadOnlyList<IReadOnlyList<ReviewEvent>> histories, FsrsOptimizerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(histories);
        options ??= new FsrsOptimizerOptions();
        var compiled = Compile(histories);
        var reviews = compiled.Sum(h => h.Ratings.Length);
        var predicted = compiled.Sum(h => h.Elapsed.Skip(1).Count(t => t > 0));
        var defaults = FsrsParameters.Default;
        var all = Enumerable.Range(0, compiled.Length).ToArray();
        var defaultLoss = predicted > 0 ? LogLoss(defaults, compiled, all, options.EnableShortTerm) : double.NaN;

        if (reviews < options.MinimumReviews || predicted == 0)
        {
            return new FsrsFit(defaults, reviews, predicted, defaultLoss, defaultLoss, true,
                $"{reviews} reviews ({predicted} predictable); at least {options.MinimumReviews} are needed before fitting.");
        }

        var random = new Random(options.Seed);
        var w = FsrsParameters.Default;
        var m = new double[FsrsParameters.Count];
        var v = new double[FsrsParameters.Count];
        var order = (int[])all.Clone();
        var batchesPerEpoch = (compiled.Length + options.BatchSize - 1) / options.BatchSize;
        var epochs = Math.Max(options.Epochs, (options.MinimumSteps + batchesPerEpoch - 1) / batchesPerEpoch);
        var totalSteps = epochs * batchesPerEpoch;
        var step = 0;
        var best = (double[])w.Clone();
        var bestLoss = defaultLoss;
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            random.Shuffle(order);
            for (var b = 0; b < batchesPerEpoch; b++)
            {
                var batch = order.AsSpan(b * options.BatchSize, Math.Min(options.BatchSize, order.Length - (b * options.BatchSize))).ToArray();
                var gradient = Gradient(w, compiled, batch, options.EnableShortTerm);
                step++;
                // Cosine annealing of the learning rate, as fsrs-rs.
                var lr = options.LearningRate * 0.5 * (1 + Math.Cos(Math.PI * (step - 1) / totalSteps));
                for (var i = 0; i < w.Length; i++)
                {
                    m[i] = (0.9 * m[i]) + (0.1 * gradient[i]);
                    v[i] = (0.999 * v[i]) + (0.001 * gradient[i] * gradient[i]);
                    var mHat = m[i] / (1 - Math.Pow(0.9, step));
                    var vHat = v[i] / (1 - Math.Pow(0.999, step));
                    w[i] -= lr * mHat / (Math.Sqrt(vHat) + 1e-8);
                }

                w = FsrsParameters.Clip(w, options.EnableShortTerm);
            }

            // Keep the best parameters seen at the end of an epoch: a fit is never worse than the defaults on its logs.
            var loss = LogLoss(w, compiled, all, options.EnableShortTerm);
            if (loss < bestLoss)
            {
                bestLoss = loss;
                best = (double[])w.Clone();
            }
        }

        return new FsrsFit(best, reviews, predicted, defaultLoss, bestLoss, false, $"fitted on {reviews} reviews ({predicted} predicted).");
    }

    /// <summary>Mean log loss of the recall predicted by <paramref name="weights"/> on the logs.</summary>
    public static double LogLoss(IReadOnlyList<double> weights, IReadOnlyList<IReadOnlyList<ReviewEvent>> histories, bool enableShortTerm = true)
    {
        var compiled = Compile(histories);
        return LogLoss(FsrsParameters.Clip(weights, enableShortTerm), compiled, Enumerable.Range(0, compiled.Length).ToArray(), enableShortTerm);
    }

    /// <summary>
    /// Replays a history: the recall predicted before each answer (null for the first one and for same-day
    /// answers, which FSRS does not predict) and whether the answer passed.
    /// </summary>
    public static IEnumerable<(double Predicted, bool Passed)> Predictions(FsrsAlgorithm algorithm, IReadOnlyList<ReviewEvent> history)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        var compiled = Compile([history])[0];
        double s = 0, d = 0;
        for (var j = 0; j < compiled.Ratings.Length; j++)
        {
            var t = compiled.Elapsed[j];
            if (j > 0 && t > 0)
            {
                yield return (algorithm.ForgettingCurve(t, s), compiled.Ratings[j] != Rating.Again);
            }

            (s, d) = algorithm.NextMemory(s, d, j == 0 ? 0 : t, compiled.Ratings[j]);
        }
    }

    private sealed record Compiled(int[] Elapsed, Rating[] Ratings);

    private static Compiled[] Compile(IReadOnlyList<IReadOnlyList<ReviewEvent>> histories)
    {
        var result = new Compiled[histories.Count];
        for (var h = 0; h < histories.Count; h++)
        {
            var events = histories[h] ?? throw new ArgumentException($"History {h} is null.", nameof(histories));
            var elapsed = new int[events.Count];
            var ratings = new Rating[events.Count];
            for (var j = 0; j < events.Count; j++)
            {
                if (events[j].Rating is < Rating.Again or > Rating.Easy)
                {
                    throw new ArgumentException($"History {h}, review {j}: rating {(int)events[j].Rating} is not 1–4.", nameof(histories));
                }

                if (j > 0 && events[j].At < events[j - 1].At)
                {
                    throw new ArgumentException($"History {h}, review {j}: reviews must be in time order.", nameof(histories));
                }

                elapsed[j] = j == 0 ? 0 : FsrsScheduler.CalendarDaysBetween(events[j - 1].At, events[j].At);
                ratings[j] = events[j].Rating;
            }

            result[h] = new Compiled(elapsed, ratings);
        }

        return result;
    }

    private static double LogLoss(double[] w, Compiled[] histories, int[] indices, bool shortTerm)
    {
        var algorithm = new FsrsAlgorithm(new FsrsOptions { Weights = w, EnableShortTerm = shortTerm });
        double sum = 0;
        var count = 0;
        foreach (var index in indices)
        {
            var history = histories[index];
            double s = 0, d = 0;
            for (var j = 0; j < history.Ratings.Length; j++)
            {
                var t = history.Elapsed[j];
                if (j > 0 && t > 0)
                {
                    var p = Math.Clamp(algorithm.ForgettingCurve(t, s), Epsilon, 1 - Epsilon);
                    sum -= history.Ratings[j] == Rating.Again ? Math.Log(1 - p) : Math.Log(p);
                    count++;
                }

                (s, d) = algorithm.NextMemory(s, d, j == 0 ? 0 : t, history.Ratings[j]);
            }
        }

        return count == 0 ? 0 : sum / count;
    }

    private static double[] Gradient(double[] w, Compiled[] histories, int[] batch, bool shortTerm)
    {
        var gradient = new double[w.Length];
        var bounds = FsrsParameters.Bounds(shortTerm);
        for (var i = 0; i < w.Length; i++)
        {
            // Step inside the bounds (a clamped probe would see a flat loss); large enough to see past the
            // 8-decimal rounding of the FSRS states.
            var h = 1e-4 * Math.Max(1, Math.Abs(w[i]));
            var up = (double[])w.Clone();
            var down = (double[])w.Clone();
            up[i] = Math.Min(w[i] + h, bounds[i].Max);
            down[i] = Math.Max(w[i] - h, bounds[i].Min);
            var width = up[i] - down[i];
            gradient[i] = width <= 0 ? 0 : (LogLoss(up, histories, batch, shortTerm) - LogLoss(down, histories, batch, shortTerm)) / width;
        }

        return gradient;
    }
}
