using System.Net;
using System.Text;
using BmoLearning.Core.Lessons;

namespace BmoLearning.Delivery.Email;

/// <summary>The lesson as email: an HTML part and a plain-text part, each option a signed link to a page that confirms that answer.</summary>
public static class LessonEmail
{
    public static string Subject(Lesson lesson, bool reminder) =>
        reminder ? $"Reminder: your question on {lesson.Topic} is waiting" : $"Your 3-minute lesson: {lesson.Topic}";

    public static string Html(Lesson lesson, string pageUrl, IReadOnlyList<string> answerUrls, bool reminder)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(Subject(lesson, reminder))).Append("</title></head>");
        html.Append("<body style=\"font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:640px\">");
        html.Append("<h1 style=\"font-size:22px\">").Append(E(lesson.Topic)).Append("</h1>");
        if (reminder)
        {
            html.Append("<p>Your question is still waiting for an answer.</p>");
        }
        else
        {
            foreach (var paragraph in lesson.Content.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                html.Append("<p>").Append(E(paragraph)).Append("</p>");
            }

            html.Append("<h2 style=\"font-size:18px\">Key points</h2><ul>");
            foreach (var point in lesson.KeyPoints)
            {
                html.Append("<li>").Append(E(point)).Append("</li>");
            }

            html.Append("</ul><h2 style=\"font-size:18px\">Scenario</h2><p>").Append(E(lesson.Scenario)).Append("</p>");
        }

        html.Append("<h2 style=\"font-size:18px\">Question</h2><p>").Append(E(lesson.QuizQuestion)).Append("</p>");
        html.Append("<p>Choose your answer, then confirm it on the page that opens:</p><ul style=\"list-style:none;padding:0\">");
        for (var i = 0; i < lesson.QuizOptions.Count; i++)
        {
            html.Append("<li style=\"margin:8px 0\"><a href=\"").Append(E(answerUrls[i])).Append("\" style=\"display:inline-block;padding:10px 14px;border:1px solid #0075be;border-radius:4px;color:#0075be;text-decoration:none\">")
                .Append(Letter(i)).Append(") ").Append(E(lesson.QuizOptions[i])).Append("</a></li>");
        }

        html.Append("</ul><p><a href=\"").Append(E(pageUrl)).Append("\">Open the lesson in your browser</a></p>");
        html.Append("<p style=\"font-size:13px;color:#555\">These links are personal to you and expire. Please do not forward this email.</p></body></html>");
        return html.ToString();
    }

    public static string Text(Lesson lesson, string pageUrl, IReadOnlyList<string> answerUrls, bool reminder)
    {
        var text = new StringBuilder();
        text.Append(lesson.Topic).Append("\n\n");
        if (reminder)
        {
            text.Append("Your question is still waiting for an answer.\n\n");
        }
        else
        {
            text.Append(lesson.Content).Append("\n\nKey points:\n");
            foreach (var point in lesson.KeyPoints)
            {
                text.Append("- ").Append(point).Append('\n');
            }

            text.Append("\nScenario:\n").Append(lesson.Scenario).Append("\n\n");
        }

        text.Append("Question: ").Append(lesson.QuizQuestion).Append("\n\nOpen a link, then confirm your answer on the page:\n");
        for (var i = 0; i < lesson.QuizOptions.Count; i++)
        {
            text.Append(Letter(i)).Append(") ").Append(lesson.QuizOptions[i]).Append("\n   ").Append(answerUrls[i]).Append('\n');
        }

        return text.Append("\nThe lesson in your browser: ").Append(pageUrl).Append('\n').ToString();
    }

    private static char Letter(int index) => (char)('A' + index);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
