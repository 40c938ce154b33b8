namespace BmoLearning.Ai.Generation.Quality;

/// <summary>Ways to guess an answer from the options' surface alone, without reading any source.</summary>
public enum GuessStrategy
{
    Longest,
    Shortest,
    OnlyWithoutNegation,
    MostOverlapWithQuestion,
    MostSimilarToOthers,
    /// <summary>Issue 17's string match: the option that appears word for word in the lesson text.</summary>
    AppearsInLessonText,
}

/// <summary>
/// The options each surface strategy would pick. A strategy that cannot tell options apart picks all of them
/// (a guesser choosing at random among ties), so its expected accuracy is 1/picks when the correct one is among them.
/// </summary>
public static class GuessStrategies
{
    public static IReadOnlyList<GuessStrategy> SurfaceOnly { get; } =
        [GuessStrategy.Longest, GuessStrategy.Shortest, GuessStrategy.OnlyWithoutNegation, GuessStrategy.MostOverlapWithQuestion, GuessStrategy.MostSimilarToOthers];

    public static IReadOnlyList<int> Picks(GuessStrategy strategy, QuizItem quiz, string? lessonText = null)
    {
        var all = Enumerable.Range(0, quiz.Options.Count).ToList();
        switch (strategy)
        {
            case GuessStrategy.Longest:
                return Best(all, i => QuizText.Length(quiz.Options[i]));
            case GuessStrategy.Shortest:
                return Best(all, i => -QuizText.Length(quiz.Options[i]));
            case GuessStrategy.OnlyWithoutNegation:
                var plain = all.Where(i => !QuizText.HasNegation(quiz.Options[i])).ToList();
                return plain.Count == 1 ? plain : all;
            case GuessStrategy.MostOverlapWithQuestion:
                var question = QuizText.ContentWords(quiz.Question);
                return Best(all, i => QuizText.ContentWords(quiz.Options[i]).Count(question.Contains));
            case GuessStrategy.MostSimilarToOthers:
                var words = all.Select(i => QuizText.ContentWords(quiz.Options[i])).ToList();
                return Best(all, i => all.Where(j => j != i).Average(j => QuizText.Jaccard(words[i], words[j])));
            case GuessStrategy.AppearsInLessonText:
                var text = QuizText.Normalize(lessonText ?? string.Empty);
                var found = all.Where(i => text.Contains(QuizText.Normalize(quiz.Options[i]), StringComparison.Ordinal)).ToList();
                return found.Count > 0 ? found : all;
            default:
                throw new ArgumentOutOfRangeException(nameof(strategy));
        }
    }

    /// <summary>Chance that a guesser using <paramref name="picks"/> (random among ties) is right.</summary>
    public static double ExpectedAccuracy(IReadOnlyList<int> picks, int correct) => picks.Contains(correct) ? 1.0 / picks.Count : 0;

    /// <summary>Several strategies voting: each spreads one vote over its picks; the options with most votes are picked.</summary>
    public static IReadOnlyList<int> Combined(IEnumerable<GuessStrategy> strategies, QuizItem quiz, string? lessonText = null)
    {
        var votes = new double[quiz.Options.Count];
        foreach (var strategy in strategies)
        {
            var picks = Picks(strategy, quiz, lessonText);
            foreach (var i in picks)
            {
                votes[i] += 1.0 / picks.Count;
            }
        }

        return Best(Enumerable.Range(0, votes.Length).ToList(), i => votes[i]);
    }

    private static List<int> Best(List<int> indices, Func<int, double> score)
    {
        var max = indices.Max(score);
        return indices.Where(i => Math.Abs(score(i) - max) < 1e-9).ToList();
    }
}
