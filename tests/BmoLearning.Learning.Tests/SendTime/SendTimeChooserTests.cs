using BmoLearning.Learning.SendTime;

namespace BmoLearning.Learning.Tests.SendTime;

public sealed class SendTimeChooserTests
{
    private static readonly TimeZoneInfo Toronto = TimeZoneInfo.FindSystemTimeZoneById("America/Toronto");
    private static readonly SendWindow Window = new(Toronto, QuietStartHour: 21, QuietEndHour: 7, SendWindow.MondayToFriday);

    // Wednesday 2026-04-01 00:00 in Toronto (EDT, UTC−4).
    private static readonly DateTimeOffset StartOfWednesday = new(2026, 4, 1, 4, 0, 0, TimeSpan.Zero);
    private readonly SendTimeChooser _chooser = new();

    private static SlotCounts[] Empty() => new SlotCounts[24];

    private static SlotCounts[] RandomCounts(Random random) =>
        Enumerable.Range(0, 24).Select(_ => { var sent = random.Next(0, 50); return new SlotCounts(sent, random.Next(0, sent + 1)); }).ToArray();

    private static SendTimeRequest Request(SlotCounts[]? learner = null, SlotCounts[]? team = null, SlotCounts[]? org = null, DateTimeOffset? now = null, int sentToday = 0, int budget = 1, SendWindow? window = null) =>
        new(now ?? StartOfWednesday, window ?? Window, sentToday, budget, learner ?? Empty(), team ?? Empty(), org ?? Empty());

    [Fact]
    public void Never_chooses_a_quiet_hour_whatever_the_evidence()
    {
        var random = new Random(1);
        for (var i = 0; i < 2000; i++)
        {
            // Evidence that quiet hours are the best: answered every time at 22:00 and 3:00.
            var learner = RandomCounts(random);
            learner[22] = new SlotCounts(100, 100);
            learner[3] = new SlotCounts(100, 100);
            var choice = _chooser.Choose(Request(learner, RandomCounts(random), RandomCounts(random)), random);
            Assert.True(choice.CanSend);
            Assert.False(Window.IsQuiet(choice.LocalHour), $"chose {choice.LocalHour}:00");
            Assert.InRange(choice.LocalHour, 7, 20);
            Assert.Equal(choice.LocalHour, TimeZoneInfo.ConvertTime(choice.SendAt, Toronto).Hour);
        }
    }

    [Fact]
    public void Quiet_hours_that_do_not_wrap_midnight_are_also_respected()
    {
        var window = Window with { QuietStartHour = 12, QuietEndHour = 14 };
        var learner = Empty();
        learner[12] = new SlotCounts(50, 50);
        learner[13] = new SlotCounts(50, 50);
        var random = new Random(2);
        for (var i = 0; i < 500; i++)
        {
            Assert.DoesNotContain(_chooser.Choose(Request(learner, window: window), random).LocalHour, new[] { 12, 13 });
        }
    }

    [Fact]
    public void A_spent_daily_budget_means_no_send()
    {
        var choice = _chooser.Choose(Request(sentToday: 1, budget: 1), new Random(3));
        Assert.False(choice.CanSend);
        Assert.Contains("budget", choice.Reason, StringComparison.Ordinal);
        Assert.False(_chooser.Choose(Request(budget: 0), new Random(3)).CanSend);
        Assert.True(_chooser.Choose(Request(sentToday: 1, budget: 2), new Random(3)).CanSend);
    }

    [Fact]
    public void No_send_on_a_day_off_or_after_the_last_allowed_hour()
    {
        var saturday = new DateTimeOffset(2026, 4, 4, 14, 0, 0, TimeSpan.Zero);
        Assert.Contains("not a working day", _chooser.Choose(Request(now: saturday), new Random(4)).Reason, StringComparison.Ordinal);
        // 21:30 Toronto on a Wednesday: everything left today is quiet.
        var late = new DateTimeOffset(2026, 4, 2, 1, 30, 0, TimeSpan.Zero);
        Assert.False(_chooser.Choose(Request(now: late), new Random(4)).CanSend);
    }

    [Fact]
    public void Slots_already_past_today_are_not_offered_and_the_current_one_sends_now()
    {
        // 15:20 Toronto: only 15..20 remain; 15 sends at once, not in the past.
        var now = new DateTimeOffset(2026, 4, 1, 19, 20, 0, TimeSpan.Zero);
        var learner = Empty();
        learner[9] = new SlotCounts(40, 40);
        var random = new Random(5);
        for (var i = 0; i < 300; i++)
        {
            var choice = _chooser.Choose(Request(learner, now: now), random);
            Assert.InRange(choice.LocalHour, 15, 20);
            Assert.True(choice.SendAt >= now);
        }
    }

    [Fact]
    public void Clear_evidence_is_exploited_and_reported_as_not_exploring()
    {
        var learner = Enumerable.Range(0, 24).Select(_ => new SlotCounts(60, 6)).ToArray();
        learner[17] = new SlotCounts(60, 54);
        var choice = _chooser.Choose(Request(learner), new Random(6));
        Assert.Equal(17, choice.LocalHour);
        Assert.False(choice.Explored);
        Assert.InRange(choice.EstimatedAnswerRate, 0.8, 0.9);
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 21, 0, 0, TimeSpan.Zero), choice.SendAt);
    }

    [Fact]
    public void Without_evidence_it_explores_across_the_window()
    {
        var random = new Random(7);
        var hours = new HashSet<int>();
        var explored = 0;
        for (var i = 0; i < 500; i++)
        {
            var choice = _chooser.Choose(Request(), random);
            hours.Add(choice.LocalHour);
            explored += choice.Explored ? 1 : 0;
        }

        Assert.Equal(14, hours.Count);
        Assert.True(explored > 400, $"{explored} of 500 explored");
    }

    [Fact]
    public void A_new_learner_starts_at_their_teams_best_hour()
    {
        var team = Enumerable.Range(0, 24).Select(_ => new SlotCounts(200, 40)).ToArray();
        team[8] = new SlotCounts(200, 150);
        var random = new Random(8);
        var atEight = Enumerable.Range(0, 500).Count(_ => _chooser.Choose(Request(team: team), random).LocalHour == 8);
        Assert.True(atEight > 350, $"{atEight} of 500 at 8:00");
    }

    [Fact]
    public void A_small_team_is_shrunk_toward_the_organisation()
    {
        var org = new SlotCounts(10_000, 3_000);
        var (alphaSmall, betaSmall) = _chooser.Prior(new SlotCounts(2, 2), org);
        var (alphaLarge, betaLarge) = _chooser.Prior(new SlotCounts(2000, 2000), org);
        var small = alphaSmall / (alphaSmall + betaSmall);
        var large = alphaLarge / (alphaLarge + betaLarge);
        // Two answers out of two barely move a 30% organisation rate; 2,000 of 2,000 dominate it.
        Assert.InRange(small, 0.3, 0.4);
        Assert.True(large > 0.98);
    }

    [Fact]
    public void A_day_saving_gap_hour_is_skipped()
    {
        // 2026-03-08 is the spring-forward Sunday in Toronto: 2:00 does not exist.
        var window = new SendWindow(Toronto, 0, 0, new HashSet<DayOfWeek> { DayOfWeek.Sunday });
        var learner = Empty();
        learner[2] = new SlotCounts(100, 100);
        var midnight = new DateTimeOffset(2026, 3, 8, 5, 0, 0, TimeSpan.Zero);
        var random = new Random(9);
        for (var i = 0; i < 200; i++)
        {
            Assert.NotEqual(2, _chooser.Choose(Request(learner, now: midnight, window: window), random).LocalHour);
        }
    }

    [Fact]
    public void Bad_windows_and_counts_are_refused()
    {
        Assert.Contains(new SendWindow(Toronto, 24, 7, SendWindow.MondayToFriday).Validate(), e => e.Field == "quietStartHour");
        Assert.Contains(new SendWindow(Toronto, 21, 7, new HashSet<DayOfWeek>()).Validate(), e => e.Field == "workingDays");
        Assert.Throws<ArgumentException>(() => _chooser.Choose(Request(window: Window with { QuietEndHour = -1 }), new Random(10)));
        Assert.Throws<ArgumentException>(() => _chooser.Choose(Request(learner: new SlotCounts[23]), new Random(10)));
    }

    [Fact]
    public void Beta_samples_have_the_right_mean_and_variance()
    {
        var random = new Random(11);
        var samples = Enumerable.Range(0, 200_000).Select(_ => BetaSampler.Sample(random, 2.5, 0.7)).ToArray();
        var mean = samples.Average();
        var variance = samples.Select(s => (s - mean) * (s - mean)).Average();
        // Beta(2.5, 0.7): mean 0.78125, variance αβ/((α+β)²(α+β+1)) = 1.75/43.008 = 0.040690.
        Assert.Equal(0.78125, mean, 0.003);
        Assert.Equal(0.040690, variance, 0.001);
    }
}
