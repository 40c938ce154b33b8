using System.Globalization;
using BmoLearning.Learning.Fsrs;

namespace BmoLearning.Bench;

// Spaced-repetition schedulers on simulated learners whose memory is NOT FSRS (issue 12):
//   dotnet run -c Release --project bench/BmoLearning.Bench -- retention [--learners 1000] [--days 90] [--plot docs/images/retention.png] [--guess-percent 25]
// Ground truth: power-law forgetting p(t) = (1 + t/h)^-0.5 with a memory strength h (days) per learner and
// concept; h grows on a successful retrieval by a factor that is larger the lower recall was (spacing
// effect) and scaled by learner ability and concept difficulty, and shrinks on a failure (the right answer
// is then shown, so it is relearnt, not lost). Answers are noisy (logit noise) and a multiple-choice
// question can be guessed (1 in 4). Learners miss days at their own rate; one new concept is taught on each
// active day, and every due review is done that day.
internal static class RetentionBench
{
    private static double Guess = 0.25;
    private const double Decay = 0.5;
    private const int FitDay = 30;
    private static readonly DateTimeOffset Epoch = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly int[] LeitnerDays = [1, 2, 4, 8, 16];

    private sealed record Answer(int Day, bool Correct);

    private sealed record RunResult(string Name, double[] RetentionByDay, double ReviewsPerLearner, List<List<Answer>> Logs);

    public static Task RunAsync(int learners, int days, string plotPath, double guess = 0.25)
    {
        Guess = guess;
        Console.WriteLine();
        Console.WriteLine($"## Retention simulation: {learners} learners, {days} days, ground truth not FSRS (power law, ability x difficulty, noise, guessing {Guess:0.00}, missed days)");
        var world = new World(learners, days, seed: 2026);

        var none = Simulate(world, "no reviews", () => new NoReviews());
        var leitner = Simulate(world, "Leitner (1, 2, 4, 8, 16 d)", () => new Leitner());
        var sm2 = Simulate(world, "SM-2", () => new Sm2());
        var fsrsDefault = Simulate(world, "FSRS-6 default", () => new FsrsPolicy(new FsrsScheduler(), refit: null));

        // FSRS fitted: same as the default until FitDay, then parameters fitted on the logs of days 0..FitDay-1.
        var early = fsrsDefault.Logs
            .Select(log => (IReadOnlyList<ReviewEvent>)log.Where(a => a.Day < FitDay).Select(ToEvent).ToList())
            .Where(log => log.Count > 0)
            .ToList();
        var fit = FsrsOptimizer.Fit(early);
        Console.WriteLine($"fit on days 0-{FitDay - 1}: {fit.Reviews} reviews, log loss {fit.DefaultLogLoss:F4} -> {fit.FittedLogLoss:F4} ({fit.Reason})");
        Console.WriteLine($"fitted w = [{string.Join(", ", fit.Weights.Select(w => w.ToString("0.####", CultureInfo.InvariantCulture)))}]");
        DumpFitLogs(fsrsDefault.Logs, fit.Weights);
        var fitted = new FsrsScheduler(new FsrsOptions { Weights = fit.Weights });
        var fsrsFitted = Simulate(world, "FSRS-6 fitted", () => new FsrsPolicy(new FsrsScheduler(), refit: (FitDay, fitted)));

        // Desired retention is the scheduler's knob (default 0.90): the fitted model at lower targets shows
        // the reviews-versus-retention trade-off against Leitner's fixed boxes.
        var sweep = new[] { 0.85, 0.8, 0.7 }.Select(target =>
        {
            var swept = new FsrsScheduler(new FsrsOptions { Weights = fit.Weights, DesiredRetention = target });
            return Simulate(world, $"FSRS-6 fitted, retention {target:0.00}", () => new FsrsPolicy(new FsrsScheduler(), refit: (FitDay, swept)));
        }).ToList();

        RunResult[] runs = [none, leitner, sm2, fsrsDefault, fsrsFitted, .. sweep];
        var predictors = new (string Name, Func<List<Answer>, IEnumerable<(double P, bool Y)>> Predict)[]
        {
            ("Leitner", log => LeitnerPredictions(log)),
            ("SM-2", log => Sm2Predictions(log)),
            ("FSRS-6 default", log => FsrsPredictions(new FsrsScheduler().Algorithm, log)),
            ("FSRS-6 fitted", log => FsrsPredictions(fitted.Algorithm, log)),
        };

        Console.WriteLine();
        Console.WriteLine($"| scheduler | day-{days} retention | reviews per learner | log loss (own reviews) | RMSE bins (own reviews) |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var run in runs)
        {
            var own = predictors.FirstOrDefault(p => run.Name.StartsWith(p.Name, StringComparison.Ordinal));
            var (loss, rmse, _) = own.Predict is null ? (double.NaN, double.NaN, 0) : Score(run.Logs.SelectMany(own.Predict));
            Console.WriteLine($"| {run.Name} | {run.RetentionByDay[^1]:F3} | {run.ReviewsPerLearner:F1} | {Fmt(loss)} | {Fmt(rmse)} |");
        }

        // Every predictor on the same outcomes: the reviews of all schedulers after the fit day.
        Console.WriteLine();
        Console.WriteLine($"| predictor, on the pooled reviews of days {FitDay}-{days - 1} of all schedulers | log loss | RMSE (bins) | reviews |");
        Console.WriteLine("|---|---|---|---|");
        var pooled = new List<(string Name, double Loss)>();
        foreach (var (name, predict) in predictors)
        {
            var (loss, rmse, n) = Score(runs.Take(5).SelectMany(r => r.Logs).SelectMany(predict));
            pooled.Add((name, loss));
            Console.WriteLine($"| {name} | {loss:F4} | {rmse:F4} | {n} |");
        }

        Console.WriteLine();
        foreach (var f in new[] { fsrsDefault, fsrsFitted }.Concat(sweep))
        {
            Console.WriteLine($"target, {f.Name}: retention {f.RetentionByDay[^1]:F3} >= Leitner {leitner.RetentionByDay[^1]:F3}: {Verdict(f.RetentionByDay[^1] >= leitner.RetentionByDay[^1])}; " +
                $"reviews {f.ReviewsPerLearner / leitner.ReviewsPerLearner:P0} of Leitner's (<= 70%): {Verdict(f.ReviewsPerLearner <= 0.7 * leitner.ReviewsPerLearner)}; " +
                $"{f.RetentionByDay[^1] / none.RetentionByDay[^1]:F1}x no reviews (>= 2x): {Verdict(f.RetentionByDay[^1] >= 2 * none.RetentionByDay[^1])}");
        }

        var best = pooled.MinBy(p => p.Loss);
        Console.WriteLine($"target, best log loss on the pooled reviews: {best.Name} ({best.Loss:F4}): {Verdict(best.Name.StartsWith("FSRS", StringComparison.Ordinal))}");

        Plot(runs, plotPath);
        Console.WriteLine($"plot: {plotPath}");
        return Task.CompletedTask;
    }

    // The logs the fit saw, for scripts/fsrs-binding-compare.mjs (fsrs-rs on the same data).
    private static void DumpFitLogs(List<List<Answer>> logs, double[] weights)
    {
        var histories = logs
            .Select(log => log.Where(a => a.Day < FitDay).Select((a, i) => new[] { a.Correct ? 3 : 1, i == 0 ? 0 : a.Day - log[i - 1].Day }).ToArray())
            .Where(h => h.Length > 0)
            .ToArray();
        Directory.CreateDirectory("bench/results");
        var path = Path.Combine("bench/results", "retention-fit-logs.json");
        File.WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(new { weights, histories }));
        Console.WriteLine($"fit logs: {path}");
    }

    private static string Verdict(bool met) => met ? "met" : "MISSED";

    private static string Fmt(double value) => double.IsNaN(value) ? "-" : value.ToString("F4", CultureInfo.InvariantCulture);

    private static ReviewEvent ToEvent(Answer a) => new(Epoch.AddDays(a.Day), a.Correct ? Rating.Good : Rating.Again);

    // The learners and concepts, identical for every scheduler; each run replays the same random streams.
    private sealed class World(int learners, int days, int seed)
    {
        public int Learners { get; } = learners;

        public int Days { get; } = days;

        public int Seed { get; } = seed;
    }

    private static RunResult Simulate(World world, string name, Func<Policy> create)
    {
        var retention = new double[world.Days];
        var reviews = 0L;
        var logs = new List<List<Answer>>();
        for (var l = 0; l < world.Learners; l++)
        {
            // A fixed seed per learner (HashCode.Combine is randomised per process): runs repeat exactly.
            var random = new Random((world.Seed * 100_003) + l);
            var ability = Normal(random) * 0.4;
            var missRate = 0.05 + (random.NextDouble() * 0.25);
            var policy = create();
            var strength = new List<double>();
            var lastSeen = new List<double>();
            var difficulty = new List<double>();
            var learnerLogs = new List<List<Answer>>();
            for (var day = 0; day < world.Days; day++)
            {
                var now = day + 0.375;
                policy.StartDay(day, learnerLogs);
                if (random.NextDouble() >= missRate)
                {
                    for (var c = 0; c < strength.Count; c++)
                    {
                        if (!policy.IsDue(c, day))
                        {
                            continue;
                        }

                        var correct = Attempt(random, ability - difficulty[c], strength, lastSeen, c, now);
                        learnerLogs[c].Add(new Answer(day, correct));
                        policy.Record(c, day, correct);
                        reviews++;
                    }

                    // Today's lesson: a new concept, read, then its question answered right away.
                    var d = Normal(random) * 0.4;
                    difficulty.Add(d);
                    strength.Add(0.6 * Math.Exp(ability - d));
                    lastSeen.Add(now);
                    var first = Attempt(random, ability - d, strength, lastSeen, strength.Count - 1, now + 0.01);
                    learnerLogs.Add([new Answer(day, first)]);
                    policy.Teach(strength.Count - 1, day, first);
                }

                var end = day + 1.375;
                double sum = 0;
                for (var c = 0; c < strength.Count; c++)
                {
                    sum += Recall(end - lastSeen[c], strength[c]);
                }

                retention[day] += strength.Count == 0 ? 0 : sum / strength.Count;
            }

            logs.AddRange(learnerLogs);
        }

        for (var d = 0; d < world.Days; d++)
        {
            retention[d] /= world.Learners;
        }

        Console.WriteLine($"simulated {name}");
        return new RunResult(name, retention, (double)reviews / world.Learners, logs);
    }

    private static double Recall(double days, double strength) => Math.Pow(1 + (Math.Max(days, 0) / strength), -Decay);

    // One retrieval attempt: updates the learner's memory and returns whether the answer was right.
    private static bool Attempt(Random random, double edge, List<double> strength, List<double> lastSeen, int c, double now)
    {
        var p = Recall(now - lastSeen[c], strength[c]);
        var logit = Math.Log(p / (1 - p + 1e-12)) + (Normal(random) * 0.5);
        var recalled = random.NextDouble() < 1 / (1 + Math.Exp(-logit));
        if (recalled)
        {
            // Spacing effect: a retrieval that was hard (low p) strengthens memory most.
            strength[c] *= 1 + (5 * Math.Exp(0.5 * edge) * Math.Pow(1 - p, 0.8));
        }
        else
        {
            strength[c] = Math.Max(0.6 * Math.Exp(edge), strength[c] * 0.4);
        }

        lastSeen[c] = now;
        return recalled || random.NextDouble() < Guess;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private abstract class Policy
    {
        public virtual void StartDay(int day, List<List<Answer>> logs)
        {
        }

        public abstract void Teach(int concept, int day, bool correct);

        public abstract bool IsDue(int concept, int day);

        public abstract void Record(int concept, int day, bool correct);
    }

    private sealed class NoReviews : Policy
    {
        public override void Teach(int concept, int day, bool correct)
        {
        }

        public override bool IsDue(int concept, int day) => false;

        public override void Record(int concept, int day, bool correct)
        {
        }
    }

    private sealed class Leitner : Policy
    {
        private readonly List<(int Box, int Due)> _cards = [];

        public override void Teach(int concept, int day, bool correct) => _cards.Add((0, day + LeitnerDays[0]));

        public override bool IsDue(int concept, int day) => _cards[concept].Due <= day;

        public override void Record(int concept, int day, bool correct)
        {
            var box = correct ? Math.Min(_cards[concept].Box + 1, LeitnerDays.Length - 1) : 0;
            _cards[concept] = (box, day + LeitnerDays[box]);
        }
    }

    // SuperMemo-2 with pass → quality 4, fail → quality 1 (the simulation's answers are right or wrong).
    private sealed class Sm2 : Policy
    {
        private readonly List<Sm2State> _cards = [];

        public override void Teach(int concept, int day, bool correct) => _cards.Add(Sm2State.New.Next(correct, day));

        public override bool IsDue(int concept, int day) => _cards[concept].Due <= day;

        public override void Record(int concept, int day, bool correct) => _cards[concept] = _cards[concept].Next(correct, day);
    }

    private sealed record Sm2State(int Repetitions, double Ease, int Interval, int Due)
    {
        public static Sm2State New { get; } = new(0, 2.5, 0, 0);

        public Sm2State Next(bool correct, int day)
        {
            var q = correct ? 4 : 1;
            var ease = Math.Max(1.3, Ease + 0.1 - ((5 - q) * (0.08 + ((5 - q) * 0.02))));
            if (!correct)
            {
                return new Sm2State(0, ease, 1, day + 1);
            }

            var interval = Repetitions switch { 0 => 1, 1 => 6, _ => (int)Math.Round(Interval * Ease) };
            return new Sm2State(Repetitions + 1, ease, interval, day + interval);
        }
    }

    private sealed class FsrsPolicy(FsrsScheduler scheduler, (int Day, FsrsScheduler Scheduler)? refit) : Policy
    {
        private readonly List<MemoryState> _cards = [];
        private FsrsScheduler _scheduler = scheduler;

        public override void StartDay(int day, List<List<Answer>> logs)
        {
            if (refit is not { } r || r.Day != day)
            {
                return;
            }

            // New parameters: rebuild every memory state from its history, as the recurring job would.
            _scheduler = r.Scheduler;
            for (var c = 0; c < _cards.Count; c++)
            {
                MemoryState? state = null;
                foreach (var a in logs[c])
                {
                    state = _scheduler.Review(state, a.Correct ? Rating.Good : Rating.Again, Epoch.AddDays(a.Day)).Next;
                }

                _cards[c] = state!;
            }
        }

        public override void Teach(int concept, int day, bool correct) =>
            _cards.Add(_scheduler.Review(null, correct ? Rating.Good : Rating.Again, Epoch.AddDays(day)).Next);

        public override bool IsDue(int concept, int day) => _cards[concept].Due <= Epoch.AddDays(day);

        public override void Record(int concept, int day, bool correct) =>
            _cards[concept] = _scheduler.Review(_cards[concept], correct ? Rating.Good : Rating.Again, Epoch.AddDays(day)).Next;
    }

    // Predicted recall of each answer after the fit day, replaying a concept's history through a model.
    // Leitner and SM-2 do not predict recall; as in srs-benchmark, they are read as R = 0.9^(t / interval).
    private static IEnumerable<(double P, bool Y)> LeitnerPredictions(List<Answer> log)
    {
        var box = 0;
        for (var i = 1; i < log.Count; i++)
        {
            if (log[i].Day >= FitDay)
            {
                yield return (Math.Pow(0.9, (double)(log[i].Day - log[i - 1].Day) / LeitnerDays[box]), log[i].Correct);
            }

            box = log[i].Correct ? Math.Min(box + 1, LeitnerDays.Length - 1) : 0;
        }
    }

    private static IEnumerable<(double P, bool Y)> Sm2Predictions(List<Answer> log)
    {
        var state = Sm2State.New.Next(log[0].Correct, log[0].Day);
        for (var i = 1; i < log.Count; i++)
        {
            if (log[i].Day >= FitDay)
            {
                yield return (Math.Pow(0.9, (double)(log[i].Day - log[i - 1].Day) / state.Interval), log[i].Correct);
            }

            state = state.Next(log[i].Correct, log[i].Day);
        }
    }

    private static IEnumerable<(double P, bool Y)> FsrsPredictions(FsrsAlgorithm algorithm, List<Answer> log)
    {
        var events = log.Select(ToEvent).ToList();
        var predicted = FsrsOptimizer.Predictions(algorithm, events).ToList();
        // Predictions() yields one per answer after the first on a later day; in this simulation every answer is.
        var days = log.Skip(1).Select(a => a.Day).ToList();
        for (var i = 0; i < predicted.Count; i++)
        {
            if (days[i] >= FitDay)
            {
                yield return predicted[i];
            }
        }
    }

    private static (double LogLoss, double Rmse, int Count) Score(IEnumerable<(double P, bool Y)> predictions)
    {
        const int bins = 20;
        var n = new int[bins];
        var sumP = new double[bins];
        var sumY = new double[bins];
        double loss = 0;
        var count = 0;
        foreach (var (raw, y) in predictions)
        {
            var p = Math.Clamp(raw, 1e-7, 1 - 1e-7);
            loss -= y ? Math.Log(p) : Math.Log(1 - p);
            var b = Math.Min((int)(p * bins), bins - 1);
            n[b]++;
            sumP[b] += p;
            sumY[b] += y ? 1 : 0;
            count++;
        }

        double squared = 0;
        for (var b = 0; b < bins; b++)
        {
            if (n[b] > 0)
            {
                squared += n[b] * Math.Pow((sumP[b] - sumY[b]) / n[b], 2);
            }
        }

        return count == 0 ? (double.NaN, double.NaN, 0) : (loss / count, Math.Sqrt(squared / count), count);
    }

    private static void Plot(RunResult[] runs, string path)
    {
        var plot = new ScottPlot.Plot();
        var xs = Enumerable.Range(1, runs[0].RetentionByDay.Length).Select(d => (double)d).ToArray();
        foreach (var run in runs)
        {
            var line = plot.Add.ScatterLine(xs, run.RetentionByDay);
            line.LegendText = $"{run.Name} ({run.ReviewsPerLearner:F0} reviews/learner)";
            line.LineWidth = 2;
        }

        plot.Title("Recall probability over all taught concepts (simulated learners; ground truth is not FSRS)");
        plot.XLabel("day");
        plot.YLabel("mean recall probability");
        plot.Axes.SetLimitsY(0, 1);
        plot.ShowLegend(ScottPlot.Alignment.MiddleRight);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        plot.SavePng(path, 1000, 560);
    }
}
