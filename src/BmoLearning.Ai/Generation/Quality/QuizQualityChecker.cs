using BmoLearning.Core.Lessons;

namespace BmoLearning.Ai.Generation.Quality;

/// <summary>One reason a quiz would not survive a trainer's review; the message is phrased for a repair prompt.</summary>
public sealed record QuizProblem(string Code, string Message)
{
    public override string ToString() => $"quiz ({Code}): {Message}";
}

/// <summary>
/// Checks one quiz for what lets a learner pass without learning: surface tells (the correct option clearly the
/// longest or shortest, the only one without a negation, the one sharing most words with the question, the one most
/// like the others), distractors that are the answer with a "not" added, length outliers, duplicates, "all/none of the
/// above", and an answer its cited source does not support (or a distractor it does). One quiz in four has any
/// option longest by chance, so the per-quiz tells fire only on a clear margin; the bench measures the rates.
/// </summary>
public static class QuizQualityChecker
{
    public static IReadOnlyList<QuizProblem> Check(QuizItem quiz, IReadOnlyList<string>? citedTexts = null, bool checkAnswerSupport = true)
    {
        var problems = new List<QuizProblem>();
        var options = quiz.Options;
        if (options.Count != LessonValidator.OptionCount)
        {
            problems.Add(new("option_count", $"the question has {options.Count} options; exactly {LessonValidator.OptionCount} are required"));
            return problems;
        }

        if (quiz.CorrectIndex < 0 || quiz.CorrectIndex >= options.Count)
        {
            problems.Add(new("correct_index", $"correct_answer {quiz.CorrectIndex} is not an option index"));
            return problems;
        }

        if (options.Select(QuizText.Normalize).Distinct(StringComparer.Ordinal).Count() != options.Count)
        {
            problems.Add(new("duplicate_options", "two options say the same thing; every option must be different"));
        }

        if (options.Any(o => QuizText.Normalize(o) is var n && (n.Contains("all of the above", StringComparison.Ordinal) || n.Contains("none of the above", StringComparison.Ordinal)
            || n.Contains("both of the above", StringComparison.Ordinal))))
        {
            problems.Add(new("all_none_of_the_above", "do not use \"all/none of the above\"; write four statements that each stand alone"));
        }

        var correct = options[quiz.CorrectIndex];
        var distractors = options.Where((_, i) => i != quiz.CorrectIndex).ToList();
        var stripped = options.Select(QuizText.WithoutNegation).ToList();
        for (var i = 0; i < options.Count; i++)
        {
            if (i != quiz.CorrectIndex && Enumerable.Range(0, options.Count).Any(j => j != i && stripped[j] == stripped[i] && QuizText.Normalize(options[j]) != QuizText.Normalize(options[i])))
            {
                problems.Add(new("negation_only_distractor", $"option {i + 1} differs from another option only by a negation; a wrong option must state a different fact, not the answer with \"not\""));
                break;
            }
        }

        if (!QuizText.HasNegation(correct) && distractors.All(QuizText.HasNegation))
        {
            problems.Add(new("tell_negation", "the correct option is the only one without a negation word, so it can be picked without knowing the answer"));
        }

        var lengths = options.Select(QuizText.Length).ToList();
        var otherMax = distractors.Max(QuizText.Length);
        var otherMin = distractors.Min(QuizText.Length);
        if (lengths[quiz.CorrectIndex] >= otherMax * 1.3 && lengths[quiz.CorrectIndex] - otherMax >= 10)
        {
            problems.Add(new("tell_longest", "the correct option is clearly the longest; make the options of comparable length"));
        }

        if (lengths[quiz.CorrectIndex] * 1.3 <= otherMin && otherMin - lengths[quiz.CorrectIndex] >= 10)
        {
            problems.Add(new("tell_shortest", "the correct option is clearly the shortest; make the options of comparable length"));
        }

        for (var i = 0; i < options.Count; i++)
        {
            var others = lengths.Where((_, j) => j != i).Order().ToList();
            var median = (double)others[1];
            if ((lengths[i] > median * 2 || lengths[i] * 2 < median) && Math.Abs(lengths[i] - median) >= 15)
            {
                problems.Add(new("length_outlier", $"option {i + 1} is far longer or shorter than the others; options must be of comparable length and form"));
                break;
            }
        }

        var questionWords = QuizText.ContentWords(quiz.Question);
        var overlaps = options.Select(o => QuizText.ContentWords(o).Count(questionWords.Contains)).ToList();
        if (overlaps[quiz.CorrectIndex] >= overlaps.Where((_, i) => i != quiz.CorrectIndex).Max() + 2)
        {
            problems.Add(new("tell_overlap", "the correct option repeats more of the question's words than any other option; reword the question or the options"));
        }

        var words = options.Select(QuizText.ContentWords).ToList();
        var similarity = Enumerable.Range(0, options.Count)
            .Select(i => Enumerable.Range(0, options.Count).Where(j => j != i).Average(j => QuizText.Jaccard(words[i], words[j]))).ToList();
        if (similarity[quiz.CorrectIndex] >= similarity.Where((_, i) => i != quiz.CorrectIndex).Max() + 0.1)
        {
            problems.Add(new("tell_similarity", "the correct option is the one most like the others (each wrong option is a variation of it); vary the wrong options in the same way"));
        }

        if (citedTexts is { Count: > 0 })
        {
            CheckSupport(quiz, citedTexts, checkAnswerSupport, problems);
        }

        return problems;
    }

    /// <summary>
    /// The correct statement must be stated by a cited chunk (all its figures there, and most of its words); no wrong
    /// statement may appear in one word for word, or the "wrong" answer is right too.
    /// </summary>
    private static void CheckSupport(QuizItem quiz, IReadOnlyList<string> citedTexts, bool checkAnswerSupport, List<QuizProblem> problems)
    {
        var normalizedSources = citedTexts.Select(QuizText.Normalize).ToList();
        if (checkAnswerSupport && !IsSupported(QuizText.Claim(quiz.Question, quiz.Options[quiz.CorrectIndex]), citedTexts))
        {
            problems.Add(new("answer_unsupported", "the correct option is not stated by the source it cites"));
        }

        for (var i = 0; i < quiz.Options.Count; i++)
        {
            var claim = QuizText.Normalize(QuizText.Claim(quiz.Question, quiz.Options[i]));
            if (i != quiz.CorrectIndex && claim.Length > 0 && normalizedSources.Any(s => s.Contains(claim, StringComparison.Ordinal)))
            {
                problems.Add(new("distractor_supported", $"option {i + 1} is marked wrong, but the cited source states it"));
            }
        }
    }

    /// <summary>Lexical support: every figure of the claim, and at least 80% of its content words, in one source.</summary>
    public static bool IsSupported(string claim, IReadOnlyList<string> sources)
    {
        var words = QuizText.ContentWords(claim);
        if (words.Count == 0)
        {
            return false;
        }

        return sources.Any(source =>
        {
            var sourceWords = QuizText.ContentWords(source);
            return words.Where(w => w.Any(char.IsAsciiDigit)).All(sourceWords.Contains)
                && words.Count(sourceWords.Contains) >= 0.8 * words.Count;
        });
    }
}
