using BmoLearning.Core.Lessons;

namespace BmoLearning.Ai.Generation;

/// <summary>A draft's text fields as one text, so the safety pipeline runs once per lesson, and back again.</summary>
public static class LessonText
{
    // A record separator on its own line: no PII pattern spans it, and generated text does not contain it.
    private const string Separator = "\n\u241E\n";

    public static string Join(LessonDraft draft) =>
        string.Join(Separator, [draft.Content, draft.Scenario, draft.QuizQuestion, draft.Explanation, .. draft.KeyPoints, .. draft.QuizOptions]);

    /// <summary>The draft with its fields replaced by the parts of <paramref name="text"/>; null when the shape does not match.</summary>
    public static LessonDraft? Split(LessonDraft draft, string text)
    {
        var parts = text.Split(Separator);
        var expected = 4 + draft.KeyPoints.Count + draft.QuizOptions.Count;
        if (parts.Length != expected)
        {
            return null;
        }

        return draft with
        {
            Content = parts[0],
            Scenario = parts[1],
            QuizQuestion = parts[2],
            Explanation = parts[3],
            KeyPoints = parts[4..(4 + draft.KeyPoints.Count)],
            QuizOptions = parts[(4 + draft.KeyPoints.Count)..],
        };
    }
}
