using System.Globalization;
using BmoLearning.Learning.SendTime;

namespace BmoLearning.Bench;

// Send-time learning on simulated learners (issue 15):
//   dotnet run -c Release --project bench/BmoLearning.Bench -- send-time [--learners 5000] [--days 60] [--plot docs/images/send-time-regret.png]
// Ground truth (hidden from every policy): each learner has a shift pattern (office, early, late, night) with its own
// quiet hours and working days, a time zone, and a preferred local hour drawn around one of the shift's natural
// moments (start of shift, break, end of shift) plus personal noise. The chance a lesson sent at local hour h is
// answered within 24 h is base + lift·exp(−d²/2σ²), d the circular distance from h to the preferred hour, with
// base, lift and σ per learner. Teams of 25 share a shift and a zone. One lesson per working day (daily budget 1).
// Policies: fixed 9:00 local (the first allowed hour after it when 9:00 is quiet), uniformly random allowed hour,
// and SendTimeChooser (Thompson sampling, prior pooled from team and organisation counts updated each day).
// Regret of a send = p(best allowed hour) − p(chosen hour), in expected answers.
internal static class SendTimeBench
{
    private const int TeamSize = 25;
    private const int LearnedFromDay = 30;
    private static readonly DateTime FirstDay = new(2026, 3, 2); // a Monday; the run crosses the spring DST changes

    private static readonly string[] Zones = ["America/Toronto", "America/Vancouver", "America/Halifax", "America/Chicago", "Europe/London"];

    private sealed record Shift(string Name, double Share, int QuietStart, int QuietEnd, DayOfWeek[] Days, double[] Moments);

    private static readonly Shift[] Shifts =
    [
        new("office 9-17", 0.5, 21, 7, [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], [8, 12.5, 16.5, 19]),
        new("early 6-14", 0.2, 20, 5, [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], [5.5, 10, 14.5]),
        new("late 14-22", 0.15, 0, 9, [DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday], [10.5, 13.5, 18, 22.5]),
        new("night 22-6", 0.15, 9, 17, [DayOfWeek.Sunday, DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday], [6.5, 18, 21.5]),
    ];

    private sealed class Learner(int team, SendWindow window, double[] answerRate)
    {
        public int Team { get; } = team;
        public SendWindow Window { get; } = window;
        public double[] AnswerRate { get; } = answerRate;
        public double BestAllowed { get; } = window.AllowedHours().Max(h => answerRate[h]);
        public SlotCounts[] Counts { get; } = new SlotCounts[24];
    }

    private sealed record PolicyResult(string Name, double RateAll, double RateAfter30, long SentAfter30, double[] CumulativeRegretPerLearner, double ExploredAfter30);

    public static Task RunAsync(int learnerCount, int days, string plotPath)
    {
        Console.WriteLine();
        Console.WriteLine($"## Send-time learning: {learnerCount} simulated learners, {days} days, hidden hour preferences by shift and time zone");
        var shiftsSeen = new Dictionary<string, int>();
        var policies = new List<PolicyResult>
        {
            Simulate("fixed 9:00 local", Build(learnerCount, shiftsSeen), days, seed: 11, (l, _, _, r) => Fixed(l)),
            Simulate("random allowed hour", Build(learnerCount, null), days, seed: 11, (l, _, _, r) => RandomAllowed(l, r)),
        };

        var chooser = new SendTimeChooser();
        policies.Add(Simulate("learned (Thompson, team/org prior)", Build(learnerCount, null), days, seed: 11, (l, now, pooled, r) =>
        {
            var choice = chooser.Choose(new SendTimeRequest(now, l.Window, 0, 1, l.Counts, pooled.Team[l.Team], pooled.Org), r);
            return choice.CanSend ? (choice.LocalHour, choice.Explored) : (-1, false);
        }));

        Console.WriteLine($"shifts: {string.Join(", ", shiftsSeen.Select(s => $"{s.Key} {s.Value}"))}; zones: {string.Join(", ", Zones)}");
        Console.WriteLine();
        Console.WriteLine($"| policy | answered within 24 h, days 1-{days} | answered within 24 h, days {LearnedFromDay + 1}-{days} | relative to fixed 9:00 (days {LearnedFromDay + 1}-{days}) | cumulative regret per learner at day {days} | explored (days {LearnedFromDay + 1}-{days}) |");
        Console.WriteLine("|---|---|---|---|---|---|");
        var fixedRate = policies[0].RateAfter30;
        foreach (var p in policies)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {p.Name} | {p.RateAll:P1} | {p.RateAfter30:P1} | {(p.RateAfter30 / fixedRate - 1):+0.0%;-0.0%} | {p.CumulativeRegretPerLearner[^1]:F2} | {p.ExploredAfter30:P1} |"));
        }

        var oracle = OracleRate(Build(learnerCount, null), days);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| best allowed hour known (oracle, expected) | | {oracle:P1} | {(oracle / fixedRate - 1):+0.0%;-0.0%} | 0 | |"));
        Console.WriteLine();
        var gain = policies[2].RateAfter30 / fixedRate - 1;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"learned vs fixed 9:00 after day {LearnedFromDay}: {gain:+0.0%;-0.0%} (target >= +20%: {(gain >= 0.2 ? "met" : "NOT met")})"));
        Plot(policies, plotPath);
        Console.WriteLine($"regret plot: {plotPath}");
        return Task.CompletedTask;
    }

    /// <summary>The same population for every policy (seeded), so differences come from the policy alone.</summary>
    private static List<Learner> Build(int count, Dictionary<string, int>? shiftsSeen)
    {
        var random = new Random(2026);
        var learners = new List<Learner>(count);
        Shift shift = Shifts[0];
        TimeZoneInfo zone = TimeZoneInfo.Utc;
        for (var i = 0; i < count; i++)
        {
            if (i % TeamSize == 0)
            {
                shift = PickShift(random.NextDouble());
                zone = TimeZoneInfo.FindSystemTimeZoneById(Zones[random.Next(Zones.Length)]);
            }

            if (shiftsSeen is not null)
            {
                shiftsSeen[shift.Name] = shiftsSeen.GetValueOrDefault(shift.Name) + 1;
            }

            var preferred = shift.Moments[random.Next(shift.Moments.Length)] + Normal(random) * 1.0;
            var baseRate = 0.10 + 0.20 * random.NextDouble();
            var lift = 0.30 + 0.35 * random.NextDouble();
            var sigma = 1.5 + 1.5 * random.NextDouble();
            var rates = new double[24];
            for (var h = 0; h < 24; h++)
            {
                var d = Math.Abs(h + 0.5 - preferred) % 24;
                d = Math.Min(d, 24 - d);
                rates[h] = baseRate + lift * Math.Exp(-d * d / (2 * sigma * sigma));
            }

            learners.Add(new Learner(i / TeamSize, new SendWindow(zone, shift.QuietStart, shift.QuietEnd, new HashSet<DayOfWeek>(shift.Days)), rates));
        }

        return learners;
    }

    private static Shift PickShift(double u)
    {
        foreach (var shift in Shifts)
        {
            if ((u -= shift.Share) < 0)
            {
                return shift;
            }
        }

        return Shifts[^1];
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static (int Hour, bool Explored) Fixed(Learner learner)
    {
        for (var k = 0; k < 24; k++)
        {
            if (!learner.Window.IsQuiet((9 + k) % 24))
            {
                return ((9 + k) % 24, false);
            }
        }

        return (-1, false);
    }

    private static (int Hour, bool Explored) RandomAllowed(Learner learner, Random random)
    {
        var allowed = learner.Window.AllowedHours().ToArray();
        return (allowed[random.Next(allowed.Length)], false);
    }

    private sealed class Pooled
    {
        public SlotCounts[][] Team { get; init; } = [];
        public SlotCounts[] Org { get; } = new SlotCounts[24];
    }

    private static PolicyResult Simulate(string name, List<Learner> learners, int days, int seed, Func<Learner, DateTimeOffset, Pooled, Random, (int Hour, bool Explored)> policy)
    {
        var random = new Random(seed);
        var pooled = new Pooled { Team = Enumerable.Range(0, learners[^1].Team + 1).Select(_ => new SlotCounts[24]).ToArray() };
        var cumulative = new double[days];
        double regret = 0;
        long sent = 0, answered = 0, sentLate = 0, answeredLate = 0, exploredLate = 0;
        var outcomes = new List<(Learner Learner, int Hour, bool Answered)>(learners.Count);
        for (var day = 0; day < days; day++)
        {
            outcomes.Clear();
            var date = FirstDay.AddDays(day);
            foreach (var learner in learners)
            {
                var midnight = new DateTimeOffset(date, learner.Window.TimeZone.GetUtcOffset(date));
                if (!learner.Window.WorkingDays.Contains(date.DayOfWeek))
                {
                    continue;
                }

                var (hour, explored) = policy(learner, midnight, pooled, random);
                if (hour < 0 || learner.Window.IsQuiet(hour))
                {
                    throw new InvalidOperationException($"{name} chose {hour}, outside the window: the constraint must never break.");
                }

                var yes = random.NextDouble() < learner.AnswerRate[hour];
                regret += learner.BestAllowed - learner.AnswerRate[hour];
                sent++;
                answered += yes ? 1 : 0;
                if (day >= LearnedFromDay)
                {
                    sentLate++;
                    answeredLate += yes ? 1 : 0;
                    exploredLate += explored ? 1 : 0;
                }

                outcomes.Add((learner, hour, yes));
            }

            // Answers within 24 h are known by the next day's decisions.
            foreach (var (learner, hour, yes) in outcomes)
            {
                Add(learner.Counts, hour, yes);
                Add(pooled.Team[learner.Team], hour, yes);
                Add(pooled.Org, hour, yes);
            }

            cumulative[day] = regret / learners.Count;
        }

        return new PolicyResult(name, answered / (double)sent, answeredLate / (double)sentLate, sentLate, cumulative, exploredLate / (double)sentLate);
    }

    private static void Add(SlotCounts[] counts, int hour, bool answered) =>
        counts[hour] = new SlotCounts(counts[hour].Sent + 1, counts[hour].Answered + (answered ? 1 : 0));

    private static double OracleRate(List<Learner> learners, int days)
    {
        double expected = 0;
        long sends = 0;
        for (var day = LearnedFromDay; day < days; day++)
        {
            var weekday = FirstDay.AddDays(day).DayOfWeek;
            foreach (var learner in learners.Where(l => l.Window.WorkingDays.Contains(weekday)))
            {
                expected += learner.BestAllowed;
                sends++;
            }
        }

        return expected / sends;
    }

    private static void Plot(List<PolicyResult> policies, string path)
    {
        var plot = new ScottPlot.Plot();
        var xs = Enumerable.Range(1, policies[0].CumulativeRegretPerLearner.Length).Select(d => (double)d).ToArray();
        foreach (var policy in policies)
        {
            var line = plot.Add.ScatterLine(xs, policy.CumulativeRegretPerLearner);
            line.LegendText = policy.Name;
            line.LineWidth = 2;
        }

        plot.Title("Cumulative regret per learner (expected answers lost against the best allowed hour)");
        plot.XLabel("day");
        plot.YLabel("cumulative regret per learner");
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        plot.SavePng(path, 1000, 560);
    }
}
