using BmoLearning.Learning.Fsrs;
using BmoLearning.Learning.Reviews;

namespace BmoLearning.Learning.Tests;

public sealed class RatingRuleTests
{
    private static readonly AnswerTimeQuartiles Pace = AnswerTimeQuartiles.From(
        Enumerable.Range(1, 11).Select(i => TimeSpan.FromSeconds(i * 2)))!; // 2..22 s: P25 7 s, P75 17 s

    [Fact]
    public void Quartiles_of_the_learners_own_answer_times()
    {
        Assert.Equal(TimeSpan.FromSeconds(7), Pace.P25);
        Assert.Equal(TimeSpan.FromSeconds(17), Pace.P75);
    }

    [Fact]
    public void Quartiles_are_unknown_with_fewer_than_ten_answers()
    {
        Assert.Null(AnswerTimeQuartiles.From(Enumerable.Repeat(TimeSpan.FromSeconds(5), 9)));
    }

    [Theory]
    [InlineData(false, 3.0, Rating.Again)]
    [InlineData(false, 60.0, Rating.Again)]
    [InlineData(true, 30.0, Rating.Hard)]
    [InlineData(true, 17.0, Rating.Good)]
    [InlineData(true, 10.0, Rating.Good)]
    [InlineData(true, 7.0, Rating.Good)]
    [InlineData(true, 3.0, Rating.Easy)]
    public void Answer_becomes_a_rating_by_correctness_and_the_learners_pace(bool correct, double seconds, Rating expected)
    {
        Assert.Equal(expected, RatingRule.FromAnswer(correct, TimeSpan.FromSeconds(seconds), Pace));
    }

    [Fact]
    public void A_right_answer_without_a_known_pace_or_time_is_good()
    {
        Assert.Equal(Rating.Good, RatingRule.FromAnswer(true, TimeSpan.FromSeconds(1), null));
        Assert.Equal(Rating.Good, RatingRule.FromAnswer(true, null, Pace));
        Assert.Equal(Rating.Again, RatingRule.FromAnswer(false, null, null));
    }

    [Fact]
    public void A_negative_answer_time_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RatingRule.FromAnswer(true, TimeSpan.FromSeconds(-1), Pace));
    }
}
