using BmoLearning.Learning.Fsrs;

namespace BmoLearning.Learning.Tests;

public sealed class FsrsOptimizerTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    // Learners whose memory really follows FSRS-6 with parameters far from the defaults: slower decay of
    // forgetting (w20), twice the initial stabilities, faster growth.
    private static double[] TrueWeights()
    {
        var w = FsrsParameters.Default;
        for (var i = 0; i < 4; i++)
        {
            w[i] *= 2.5;
        }

        w[8] += 0.4;
        w[20] = 0.45;
        return w;
    }

    private static List<IReadOnlyList<ReviewEvent>> SimulatedLogs(int cards, int seed)
    {
        var truth = new FsrsAlgorithm(new FsrsOptions { Weights = TrueWeights() });
        var random = new Random(seed);
        var logs = new List<IReadOnlyList<ReviewEvent>>();
        for (var c = 0; c < cards; c++)
        {
            var at = Start.AddHours(random.Next(0, 24 * 30));
            var history = new List<ReviewEvent>();
            double s = 0, d = 0;
            for (var j = 0; j < 8; j++)
            {
                Rating rating;
                var t = 0;
                if (j == 0)
                {
                    rating = random.NextDouble() < 0.3 ? Rating.Again : Rating.Good;
                }
                else
                {
                    // Reviews land anywhere from a day to three times the scheduled interval.
                    t = Math.Max(1, (int)(truth.NextIntervalDays(s) * (0.2 + (2.8 * random.NextDouble()))));
                    at = at.AddDays(t);
                    var passed = random.NextDouble() < truth.ForgettingCurve(t, s);
                    var u = random.NextDouble();
                    rating = !passed ? Rating.Again : u < 0.15 ? Rating.Hard : u < 0.85 ? Rating.Good : Rating.Easy;
                }

                history.Add(new ReviewEvent(at, rating));
                (s, d) = truth.NextMemory(s, d, t, rating);
            }

            logs.Add(history);
        }

        return logs;
    }

    [Fact]
    public void Fitting_recovers_most_of_the_loss_the_defaults_leave_and_is_deterministic()
    {
        var logs = SimulatedLogs(400, seed: 3);
        var fit = FsrsOptimizer.Fit(logs);
        var again = FsrsOptimizer.Fit(logs);
        var trueLoss = FsrsOptimizer.LogLoss(TrueWeights(), logs);
        output.WriteLine($"reviews {fit.Reviews}, default {fit.DefaultLogLoss:F4}, fitted {fit.FittedLogLoss:F4}, true {trueLoss:F4}");
        output.WriteLine($"fitted w = [{string.Join(", ", fit.Weights.Select(w => w.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)))}]");

        Assert.False(fit.KeptDefaults);
        Assert.Equal(fit.Weights, again.Weights);
        // At least two thirds of the way from the defaults' loss to the loss of the parameters that made the data.
        Assert.True(fit.FittedLogLoss < fit.DefaultLogLoss - ((fit.DefaultLogLoss - trueLoss) * 2 / 3), $"fitted {fit.FittedLogLoss}, default {fit.DefaultLogLoss}, true {trueLoss}");
        // Better on a held-out set of learners too.
        var heldOut = SimulatedLogs(400, seed: 4);
        Assert.True(FsrsOptimizer.LogLoss(fit.Weights, heldOut) < FsrsOptimizer.LogLoss(FsrsParameters.Default, heldOut));
        var bounds = FsrsParameters.Bounds();
        Assert.All(Enumerable.Range(0, FsrsParameters.Count), i => Assert.InRange(fit.Weights[i], bounds[i].Min, bounds[i].Max));
    }

    [Fact]
    public void Defaults_are_kept_below_1000_reviews()
    {
        var logs = SimulatedLogs(100, seed: 5); // 800 reviews
        var fit = FsrsOptimizer.Fit(logs);
        Assert.True(fit.KeptDefaults);
        Assert.Equal(800, fit.Reviews);
        Assert.Equal(FsrsParameters.Default, fit.Weights);
        Assert.Contains("1000", fit.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Logs_out_of_time_order_are_refused_with_the_history_and_review()
    {
        IReadOnlyList<ReviewEvent>[] logs = [[new(Start, Rating.Good), new(Start.AddDays(-1), Rating.Good)]];
        var error = Assert.Throws<ArgumentException>(() => FsrsOptimizer.Fit(logs));
        Assert.Contains("History 0, review 1", error.Message, StringComparison.Ordinal);
    }
}
