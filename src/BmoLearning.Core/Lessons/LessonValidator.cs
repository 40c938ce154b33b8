namespace BmoLearning.Core.Lessons;

/// <summary>Checks a draft against the lesson contract: what any generator must produce.</summary>
public static class LessonValidator
{
    public const int MaxContentWords = 200;
    public const int MinKeyPoints = 3;
    public const int MaxKeyPoints = 5;
    public const int OptionCount = 4;

    public static IReadOnlyList<string> Validate(LessonDraft draft, IReadOnlyCollection<long> providedChunkIds)
    {
        var errors = new List<string>();
        var words = CountWords(draft.Content);
        if (words == 0)
        {
            errors.Add("content is empty");
        }
        else if (words > MaxContentWords)
        {
            errors.Add($"content has {words} words; at most {MaxContentWords} are allowed");
        }

        if (draft.KeyPoints.Count is < MinKeyPoints or > MaxKeyPoints)
        {
            errors.Add($"key_points has {draft.KeyPoints.Count} items; {MinKeyPoints}-{MaxKeyPoints} are required");
        }

        if (draft.KeyPoints.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("key_points contains an empty item");
        }

        if (string.IsNullOrWhiteSpace(draft.Scenario))
        {
            errors.Add("scenario is empty");
        }

        if (string.IsNullOrWhiteSpace(draft.QuizQuestion))
        {
            errors.Add("quiz_question is empty");
        }

        if (draft.QuizOptions.Count != OptionCount)
        {
            errors.Add($"quiz_options has {draft.QuizOptions.Count} items; exactly {OptionCount} are required");
        }
        else if (draft.QuizOptions.Select(Normalize).Distinct().Count() != OptionCount)
        {
            errors.Add("quiz_options are not distinct");
        }

        if (draft.CorrectAnswer < 0 || draft.CorrectAnswer >= OptionCount)
        {
            errors.Add($"correct_answer {draft.CorrectAnswer} is not an option index (0-{OptionCount - 1})");
        }

        if (draft.SourceChunkIds.Count == 0)
        {
            errors.Add("no sources are cited");
        }

        var unknown = draft.SourceChunkIds.Where(id => !providedChunkIds.Contains(id)).ToList();
        if (unknown.Count > 0)
        {
            errors.Add($"sources cite chunks that were not provided: {string.Join(", ", unknown)}");
        }

        return errors;
    }

    public static int CountWords(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    private static string Normalize(string option) => option.Trim().ToLowerInvariant();
}
