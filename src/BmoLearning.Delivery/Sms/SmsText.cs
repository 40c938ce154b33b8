using System.Text;
using BmoLearning.Core.Lessons;

namespace BmoLearning.Delivery.Sms;

/// <summary>Lessons fitted to SMS: a short summary, a link to the full lesson, and the question with options A–D.</summary>
public static class SmsText
{
    public const int SummaryLength = 240;

    public const string Help = "BMO Learning: reply A, B, C or D to answer your latest question. Reply STOP to stop lessons by SMS, START to resume.";

    public static string Lesson(Lesson lesson, string pageUrl, bool reminder)
    {
        var text = new StringBuilder();
        if (reminder)
        {
            text.Append("Reminder: your BMO question on ").Append(lesson.Topic).Append(" is waiting.\n");
        }
        else
        {
            text.Append("BMO lesson: ").Append(lesson.Topic).Append('\n').Append(Summary(lesson.Content)).Append('\n');
        }

        text.Append("Full lesson: ").Append(pageUrl).Append("\n\n");
        text.Append("Q: ").Append(lesson.QuizQuestion).Append('\n');
        for (var i = 0; i < lesson.QuizOptions.Count; i++)
        {
            text.Append((char)('A' + i)).Append(") ").Append(lesson.QuizOptions[i]).Append('\n');
        }

        return text.Append("Reply A, B, C or D.").ToString();
    }

    public static string Result(Lesson lesson, int answerGiven, bool correct) => correct
        ? $"Correct! {Letter(answerGiven)}) {lesson.QuizOptions[answerGiven]}. {lesson.Explanation}"
        : $"Not quite: the answer is {Letter(lesson.CorrectAnswer)}) {lesson.QuizOptions[lesson.CorrectAnswer]}. {lesson.Explanation}";

    /// <summary>Whole sentences up to the summary length; the link carries the rest.</summary>
    public static string Summary(string content)
    {
        var flat = string.Join(' ', content.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (flat.Length <= SummaryLength)
        {
            return flat;
        }

        var cut = flat.LastIndexOf(". ", SummaryLength, StringComparison.Ordinal);
        return cut > 40 ? flat[..(cut + 1)] : flat[..(SummaryLength - 1)] + "…";
    }

    private static char Letter(int index) => (char)('A' + index);
}
