using BmoLearning.Learning.Fsrs;

namespace BmoLearning.Learning.Reviews;

/// <summary>The learner's own answer-time quartiles, known once they have answered enough questions.</summary>
public sealed record AnswerTimeQuartiles(TimeSpan P25, TimeSpan P75)
{
    /// <summary>Fewer answers than this and the quartiles say more about chance than about the learner.</summary>
    public const int MinimumAnswers = 10;

    /// <summary>Quartiles of past answer times (linear interpolation), or null with fewer than <see cref="MinimumAnswers"/>.</summary>
    public static AnswerTimeQuartiles? From(IEnumerable<TimeSpan> answerTimes)
    {
        ArgumentNullException.ThrowIfNull(answerTimes);
        var sorted = answerTimes.Where(t => t >= TimeSpan.Zero).Select(t => t.TotalSeconds).Order().ToArray();
        return sorted.Length < MinimumAnswers
            ? null
            : new AnswerTimeQuartiles(TimeSpan.FromSeconds(Quantile(sorted, 0.25)), TimeSpan.FromSeconds(Quantile(sorted, 0.75)));
    }

    private static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }
}

/// <summary>Turns a quiz answer into an FSRS rating (issue 12).</summary>
public static class RatingRule
{
    /// <summary>
    /// Wrong → Again. Right and slower than the learner's own 75th percentile → Hard; right and faster than
    /// their 25th percentile ("fast") → Easy; otherwise right → Good. Without an answer time or enough
    /// history to know the learner's pace, a right answer is Good.
    /// </summary>
    public static Rating FromAnswer(bool correct, TimeSpan? answerTime, AnswerTimeQuartiles? learnerPace)
    {
        if (answerTime is { } negative && negative < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(answerTime), "An answer time cannot be negative.");
        }

        if (!correct)
        {
            return Rating.Again;
        }

        if (answerTime is not { } time || learnerPace is null)
        {
            return Rating.Good;
        }

        if (time > learnerPace.P75)
        {
            return Rating.Hard;
        }

        return time < learnerPace.P25 ? Rating.Easy : Rating.Good;
    }
}
