using BmoLearning.Learning.Fsrs;

namespace BmoLearning.Learning.Tests;

public sealed class FsrsSchedulerTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Known_history_gives_the_values_ts_fsrs_5_4_2_prints()
    {
        // Printed by tests/.../oracle/ts-fsrs-oracle.mjs with ts-fsrs defaults (steps 1m, 10m; relearning 10m):
        // Good at 0, Good 10 minutes later, Again 1,000 days later.
        var scheduler = new FsrsScheduler(FsrsOptions.TsFsrsDefaults);
        var epoch = DateTimeOffset.FromUnixTimeMilliseconds(0);
        var first = scheduler.Review(null, Rating.Good, epoch);
        Assert.Equal((2.3065, 2.11810397, ReviewPhase.Learning, 1), (first.Next.Stability, first.Next.Difficulty, first.Next.Phase, first.Next.Step));
        Assert.Equal(TimeSpan.FromMinutes(10), first.Interval);

        var second = scheduler.Review(first.Next, Rating.Good, epoch.AddMinutes(10));
        Assert.Equal((2.3065, 2.11121424, ReviewPhase.Review, 2), (second.Next.Stability, second.Next.Difficulty, second.Next.Phase, second.Next.ScheduledDays));

        var third = scheduler.Review(second.Next, Rating.Again, DateTimeOffset.FromUnixTimeMilliseconds(86_400_000_000));
        Assert.Equal(0.39319335, third.RetrievabilityBefore);
        Assert.Equal((1.42339617, 7.39223814, ReviewPhase.Relearning, 1), (third.Next.Stability, third.Next.Difficulty, third.Next.Phase, third.Next.Lapses));
    }

    [Fact]
    public void A_wrong_first_answer_is_due_again_within_a_day_and_right_answers_push_it_out()
    {
        var scheduler = new FsrsScheduler();
        var wrong = scheduler.Review(null, Rating.Again, Start);
        Assert.True(wrong.Interval <= TimeSpan.FromDays(1), $"interval {wrong.Interval}");

        var state = wrong.Next;
        var previous = TimeSpan.Zero;
        var now = Start;
        for (var i = 0; i < 5; i++)
        {
            now = state.Due;
            var outcome = scheduler.Review(state, Rating.Good, now);
            Assert.True(outcome.Interval > previous, $"review {i}: {outcome.Interval} after {previous}");
            previous = outcome.Interval;
            state = outcome.Next;
        }
    }

    [Fact]
    public void Same_day_reviews_use_the_short_term_formula_and_a_pass_never_lowers_stability()
    {
        var scheduler = new FsrsScheduler();
        var first = scheduler.Review(null, Rating.Good, Start).Next;
        var sameDay = scheduler.Review(first, Rating.Good, Start.AddHours(3)).Next;
        var w = FsrsParameters.Default;
        // S' = S · max(1, S^-w19 · e^(w17 · (G - 3 + w18))) for G = Good.
        var expected = first.Stability * Math.Max(1, Math.Pow(first.Stability, -w[19]) * Math.Exp(w[17] * w[18]));
        Assert.Equal(expected, sameDay.Stability, 1e-7);
        Assert.True(sameDay.Stability >= first.Stability);
    }

    [Fact]
    public void Desired_retention_changes_the_interval_the_stability_gives()
    {
        var state = new FsrsScheduler().Review(null, Rating.Easy, Start).Next;
        var strict = new FsrsScheduler(new FsrsOptions { DesiredRetention = 0.95 }).Algorithm.NextIntervalDays(state.Stability);
        var lax = new FsrsScheduler(new FsrsOptions { DesiredRetention = 0.8 }).Algorithm.NextIntervalDays(state.Stability);
        var standard = new FsrsScheduler().Algorithm.NextIntervalDays(state.Stability);
        Assert.True(strict < standard && standard < lax, $"{strict} < {standard} < {lax}");
        // At 0.9, the interval is the stability (that is what stability means).
        Assert.Equal((int)Math.Round(state.Stability), standard);
    }

    [Fact]
    public void Maximum_interval_caps_the_next_due_date_except_for_the_rating_order()
    {
        var scheduler = new FsrsScheduler(new FsrsOptions { MaximumIntervalDays = 7 });
        var state = scheduler.Review(null, Rating.Easy, Start).Next;
        for (var i = 0; i < 6; i++)
        {
            var hard = scheduler.Review(state, Rating.Hard, state.Due);
            var easy = scheduler.Review(state, Rating.Easy, state.Due);
            Assert.True(hard.Interval <= TimeSpan.FromDays(7), $"{hard.Interval}");
            // As in ts-fsrs, Good and Easy stay at least a day apart from the rating below, even past the cap.
            Assert.True(easy.Interval <= TimeSpan.FromDays(9), $"{easy.Interval}");
            state = easy.Next;
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Desired_retention_outside_0_to_1_is_refused(double retention)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new FsrsScheduler(new FsrsOptions { DesiredRetention = retention }));
        Assert.Contains("retention", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Parameters_of_the_wrong_length_or_not_finite_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new FsrsScheduler(new FsrsOptions { Weights = new double[19] }));
        var nan = FsrsParameters.Default;
        nan[3] = double.NaN;
        Assert.Throws<ArgumentException>(() => new FsrsScheduler(new FsrsOptions { Weights = nan }));
    }

    [Fact]
    public void Out_of_range_parameters_are_clamped_to_the_fsrs_bounds()
    {
        var wild = FsrsParameters.Default;
        wild[20] = 5;
        wild[0] = -1;
        var algorithm = new FsrsScheduler(new FsrsOptions { Weights = wild }).Algorithm;
        Assert.Equal(0.8, algorithm.Weights[20]);
        Assert.Equal(FsrsParameters.MinStability, algorithm.Weights[0]);
    }

    [Fact]
    public void A_review_before_the_previous_one_is_refused()
    {
        var scheduler = new FsrsScheduler();
        var state = scheduler.Review(null, Rating.Good, Start).Next;
        Assert.Throws<ArgumentOutOfRangeException>(() => scheduler.Review(state, Rating.Good, Start.AddMinutes(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => scheduler.Review(state, (Rating)0, Start));
    }

    [Fact]
    public void A_concept_never_reviewed_has_no_recall()
    {
        Assert.Equal(0, new FsrsScheduler().Retrievability(MemoryState.New(Start), Start.AddDays(3)));
    }
}
