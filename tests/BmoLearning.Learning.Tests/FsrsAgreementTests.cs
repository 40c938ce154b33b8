using BmoLearning.Learning.Fsrs;

namespace BmoLearning.Learning.Tests;

// The C# scheduler against the reference implementation, ts-fsrs 5.4.2 (fuzz off), on random histories.
// In CI (CI=true) a missing node or ts-fsrs fails the test; elsewhere it is reported as skipped.
public sealed class FsrsAgreementTests(ITestOutputHelper output)
{
    private const int SequencesPerConfiguration = 1000;
    private const double Tolerance = 1e-6;

    private static readonly string[] ConfigurationNames = ["ts-fsrs defaults", "microlearning (no steps)", "long-term only", "fitted-like weights, 2 relearning steps"];

    public static TheoryData<string> Configurations => new(ConfigurationNames);

    [SkippableTheory]
    [MemberData(nameof(Configurations))]
    public void Scheduler_agrees_with_ts_fsrs_on_1000_random_histories(string configuration)
    {
        var (tools, missing) = TsFsrsOracle.Locate();
        if (missing is not null)
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", $"The ts-fsrs oracle must run in CI: {missing}.");
            Skip.If(true, $"ts-fsrs oracle unavailable: {missing}.");
        }

        var random = new Random(12_345 + Array.IndexOf(ConfigurationNames, configuration));
        var options = OptionsFor(configuration, random);
        var sequences = Enumerable.Range(0, SequencesPerConfiguration).Select(_ => RandomSequence(random)).ToList();

        var (version, cases) = TsFsrsOracle.Run(tools!, [(options, sequences)]);
        Assert.StartsWith("v5.4.2", version, StringComparison.Ordinal);

        var scheduler = new FsrsScheduler(options);
        var compared = 0;
        for (var i = 0; i < sequences.Count; i++)
        {
            MemoryState? state = MemoryState.New(sequences[i].Start);
            for (var j = 0; j < sequences[i].Reviews.Count; j++)
            {
                var (rating, at) = sequences[i].Reviews[j];
                var expected = cases[0][i][j];
                var outcome = scheduler.Review(state, rating, at);
                var where = $"{configuration}, sequence {i}, review {j} ({rating} at {at:O})";
                AssertClose(expected.Retrievability, outcome.RetrievabilityBefore, $"retrievability before, {where}");
                state = outcome.Next;
                AssertClose(expected.Stability, state.Stability, $"stability, {where}");
                AssertClose(expected.Difficulty, state.Difficulty, $"difficulty, {where}");
                Assert.True(expected.ScheduledDays == state.ScheduledDays, $"interval days {state.ScheduledDays}, ts-fsrs {expected.ScheduledDays}: {where}");
                Assert.True(expected.Due == state.Due.ToUnixTimeMilliseconds(), $"due {state.Due:O}, ts-fsrs {DateTimeOffset.FromUnixTimeMilliseconds(expected.Due):O}: {where}");
                Assert.True(expected.Phase == (int)state.Phase && expected.Step == state.Step, $"phase {state.Phase}/{state.Step}, ts-fsrs {expected.Phase}/{expected.Step}: {where}");
                Assert.True(expected.Reps == state.Reps && expected.Lapses == state.Lapses, $"reps/lapses {state.Reps}/{state.Lapses}, ts-fsrs {expected.Reps}/{expected.Lapses}: {where}");
                compared++;
            }
        }

        output.WriteLine($"{configuration}: {sequences.Count} sequences, {compared} reviews agree with ts-fsrs {version}");
    }

    private static FsrsOptions OptionsFor(string configuration, Random random) => configuration switch
    {
        "ts-fsrs defaults" => FsrsOptions.TsFsrsDefaults,
        "microlearning (no steps)" => new FsrsOptions(),
        "long-term only" => new FsrsOptions { EnableShortTerm = false, DesiredRetention = 0.85, MaximumIntervalDays = 365 },
        _ => new FsrsOptions
        {
            Weights = RandomWeights(random),
            DesiredRetention = 0.8,
            MaximumIntervalDays = 180,
            LearningStepsMinutes = [5, 30, 120],
            RelearningStepsMinutes = [10, 60],
        },
    };

    // Each default moved by up to ±30%, then clamped by the scheduler, as a fitted set would be.
    private static double[] RandomWeights(Random random) =>
        FsrsParameters.Default.Select(w => w * (0.7 + (0.6 * random.NextDouble()))).ToArray();

    private static TsFsrsOracle.Sequence RandomSequence(Random random)
    {
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMilliseconds(random.NextInt64(0, 365L * 86_400_000));
        var at = start;
        var length = random.Next(1, 16);
        var reviews = new List<(Rating, DateTimeOffset)>(length);
        for (var i = 0; i < length; i++)
        {
            if (i > 0)
            {
                // Same-day answers, overnight gaps and long absences, at random times of day.
                var kind = random.NextDouble();
                var gap = kind < 0.3 ? TimeSpan.FromMinutes(random.Next(0, 180))
                    : kind < 0.5 ? TimeSpan.FromHours(1 + (random.NextDouble() * 47))
                    : TimeSpan.FromDays(1 + (random.NextDouble() * 120));
                at = at + TimeSpan.FromMilliseconds(Math.Floor(gap.TotalMilliseconds));
            }

            reviews.Add(((Rating)random.Next(1, 5), at));
        }

        return new TsFsrsOracle.Sequence(start, reviews);
    }

    private static void AssertClose(double expected, double actual, string what)
    {
        var scale = Math.Max(Math.Abs(expected), Math.Abs(actual));
        Assert.True(Math.Abs(expected - actual) <= Tolerance * scale, $"{what}: {actual:R}, ts-fsrs {expected:R}");
    }
}
