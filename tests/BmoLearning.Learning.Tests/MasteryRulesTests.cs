using BmoLearning.Learning.Fsrs;
using BmoLearning.Learning.Mastery;

namespace BmoLearning.Learning.Tests;

public sealed class MasteryRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly FsrsScheduler _scheduler = new();

    [Fact]
    public void Untaught_concepts_count_zero_in_a_topics_mastery()
    {
        var taught = _scheduler.Review(null, Rating.Good, Now).Next;
        var mastery = MasteryRules.ForTopic(_scheduler, [taught, null, MemoryState.New(Now), null], Now);
        // The taught concept is recalled with certainty right after its review; three of four are untaught.
        Assert.Equal(0.25, mastery, 1e-9);
    }

    [Fact]
    public void Mastery_falls_as_time_passes_without_review()
    {
        var state = _scheduler.Review(null, Rating.Good, Now).Next;
        var soon = MasteryRules.ForTopic(_scheduler, [state], Now.AddDays(1));
        var later = MasteryRules.ForTopic(_scheduler, [state], Now.AddDays(30));
        Assert.True(soon > later && later > 0, $"{soon} then {later}");
        Assert.Equal(_scheduler.Retrievability(state, Now.AddDays(30)), later);
    }

    [Fact]
    public void An_empty_topic_has_no_mastery()
    {
        Assert.Equal(0, MasteryRules.ForTopic(_scheduler, [], Now));
    }

    [Theory]
    [InlineData(0.81, NextStepKind.Advance)]
    [InlineData(1.0, NextStepKind.Advance)]
    [InlineData(0.8, NextStepKind.Continue)]
    [InlineData(0.65, NextStepKind.Continue)]
    [InlineData(0.5, NextStepKind.Continue)]
    [InlineData(0.49, NextStepKind.Reinforce)]
    [InlineData(0.0, NextStepKind.Reinforce)]
    public void Next_step_advances_above_0_8_reinforces_below_0_5_and_continues_between(double mastery, NextStepKind expected)
    {
        var step = MasteryRules.Decide(mastery);
        Assert.Equal(expected, step.Kind);
        Assert.Contains(mastery.ToString("0.00", System.Globalization.CultureInfo.CurrentCulture), step.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void Mastery_outside_0_to_1_is_refused(double mastery)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MasteryRules.Decide(mastery));
    }
}
