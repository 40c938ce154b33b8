using BmoLearning.Core.Lessons;

namespace BmoLearning.Core.Experiments;

/// <summary>
/// The lesson_length factor applied to a generated draft: "short" keeps the first paragraph of the content and
/// the fewest key points a lesson may have; scenario and question are untouched so answers stay comparable across variants.
/// </summary>
public static class LessonLength
{
    public const string Short = "short";
    public const int ShortKeyPoints = LessonValidator.MinKeyPoints;

    public static LessonDraft Apply(LessonDraft draft, string value)
    {
        if (value != Short)
        {
            return draft;
        }

        var firstParagraph = draft.Content.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? draft.Content;
        return draft with { Content = firstParagraph, KeyPoints = draft.KeyPoints.Take(ShortKeyPoints).ToList() };
    }
}
