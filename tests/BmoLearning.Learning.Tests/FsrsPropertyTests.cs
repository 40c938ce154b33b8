using BmoLearning.Learning.Fsrs;

namespace BmoLearning.Learning.Tests;

// Invariants over random histories, for every scheduler configuration the product can use.
public sealed class FsrsPropertyTests
{
    public static TheoryData<string> Configurations => ["microlearning", "ts-fsrs defaults", "long-term only", "retention 0.7"];

    private static FsrsOptions OptionsFor(string name) => name switch
    {
        "microlearning" => new FsrsOptions(),
        "ts-fsrs defaults" => FsrsOptions.TsFsrsDefaults,
        "long-term only" => new FsrsOptions { EnableShortTerm = false },
        _ => new FsrsOptions { DesiredRetention = 0.7 },
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Stability_stays_positive_recall_stays_in_0_to_1_and_intervals_rise_with_the_rating(string configuration)
    {
        var scheduler = new FsrsScheduler(OptionsFor(configuration));
        var random = new Random(7);
        var checkedStates = 0;
        for (var sequence = 0; sequence < 500; sequence++)
        {
            var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(random.Next(0, 1440));
            MemoryState? state = null;
            for (var review = 0; review < random.Next(1, 20); review++)
            {
                now = now.AddMinutes(random.NextDouble() < 0.3 ? random.Next(0, 600) : random.Next(1440, 1440 * 200));
                if (state is not null)
                {
                    var r = scheduler.Retrievability(state, now);
                    Assert.True(r > 0 && r <= 1, $"retrievability {r}");
                }

                var outcomes = Enum.GetValues<Rating>().Select(g => scheduler.Review(state, g, now)).ToArray();
                for (var g = 1; g < outcomes.Length; g++)
                {
                    Assert.True(outcomes[g - 1].Interval <= outcomes[g].Interval,
                        $"{(Rating)g} interval {outcomes[g - 1].Interval} > {(Rating)(g + 1)} interval {outcomes[g].Interval} (state {state})");
                }

                foreach (var outcome in outcomes)
                {
                    Assert.True(outcome.Next.Stability > 0, $"stability {outcome.Next.Stability}");
                    Assert.InRange(outcome.Next.Difficulty, 1, 10);
                    Assert.True(outcome.Interval > TimeSpan.Zero);
                }

                state = outcomes[random.Next(0, 4)].Next;
                checkedStates++;
            }
        }

        Assert.True(checkedStates > 1000);
    }
}
