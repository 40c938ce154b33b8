using System.Net;
using System.Text;
using BmoLearning.Core.Lessons;

namespace BmoLearning.Delivery.Web;

/// <summary>
/// The lesson as an accessible HTML page (landmarks, headings, a fieldset of labelled radio buttons, visible
/// focus, no script): the question form before an answer, the result and explanation after.
/// </summary>
public static class LessonPage
{
    public static string Question(Lesson lesson, string formAction, string? error = null)
    {
        var body = new StringBuilder();
        LessonBody(body, lesson);
        body.Append("<section aria-labelledby=\"q\"><h2 id=\"q\">Question</h2>");
        if (error is not null)
        {
            body.Append("<p role=\"alert\" class=\"error\">").Append(E(error)).Append("</p>");
        }

        body.Append("<form method=\"post\" action=\"").Append(E(formAction)).Append("\"><fieldset><legend>").Append(E(lesson.QuizQuestion)).Append("</legend>");
        for (var i = 0; i < lesson.QuizOptions.Count; i++)
        {
            body.Append("<div class=\"option\"><input type=\"radio\" name=\"answer\" required id=\"o").Append(i).Append("\" value=\"").Append(i).Append("\">")
                .Append("<label for=\"o").Append(i).Append("\">").Append(Letter(i)).Append(") ").Append(E(lesson.QuizOptions[i])).Append("</label></div>");
        }

        body.Append("</fieldset><button type=\"submit\">Submit answer</button></form></section>");
        return Page(lesson.Topic, body.ToString());
    }

    /// <summary>
    /// The page a one-click answer link opens: the lesson and the chosen option with one button that posts it.
    /// Nothing is recorded until the button is pressed, so a mail scanner opening the link answers nothing.
    /// </summary>
    public static string Confirm(Lesson lesson, int option, string formAction)
    {
        var body = new StringBuilder();
        LessonBody(body, lesson);
        body.Append("<section aria-labelledby=\"q\"><h2 id=\"q\">Question</h2><p>").Append(E(lesson.QuizQuestion)).Append("</p>");
        body.Append("<form method=\"post\" action=\"").Append(E(formAction)).Append("\"><p><strong>Your choice:</strong> ")
            .Append(Letter(option)).Append(") ").Append(E(lesson.QuizOptions[option])).Append("</p>")
            .Append("<input type=\"hidden\" name=\"answer\" value=\"").Append(option).Append("\">")
            .Append("<button type=\"submit\">Confirm answer ").Append(Letter(option)).Append("</button></form>")
            .Append("<p><a href=\"").Append(E(formAction)).Append("\">Choose a different answer</a></p></section>");
        return Page(lesson.Topic, body.ToString());
    }

    public static string Result(Lesson lesson, int answerGiven, bool correct, bool earlierAnswer)
    {
        var body = new StringBuilder();
        body.Append("<section aria-labelledby=\"r\" role=\"status\"><h2 id=\"r\">").Append(correct ? "Correct" : "Not quite").Append("</h2>");
        if (earlierAnswer)
        {
            body.Append("<p>You already answered this question; here is your answer.</p>");
        }

        body.Append("<p><strong>Question:</strong> ").Append(E(lesson.QuizQuestion)).Append("</p>");
        body.Append("<p><strong>Your answer:</strong> ").Append(Letter(answerGiven)).Append(") ").Append(E(lesson.QuizOptions[answerGiven])).Append("</p>");
        if (!correct)
        {
            body.Append("<p><strong>The answer:</strong> ").Append(Letter(lesson.CorrectAnswer)).Append(") ").Append(E(lesson.QuizOptions[lesson.CorrectAnswer])).Append("</p>");
        }

        body.Append("<p><strong>Why:</strong> ").Append(E(lesson.Explanation)).Append("</p>");
        if (lesson.Sources.Count > 0)
        {
            body.Append("<p class=\"sources\">Source: ").Append(E(string.Join("; ", lesson.Sources.Select(s => s.DocumentTitle).Distinct()))).Append("</p>");
        }

        body.Append("</section>");
        LessonBody(body, lesson);
        return Page(lesson.Topic, body.ToString());
    }

    public static string Message(string title, string message) => Page(title, $"<p>{E(message)}</p>");

    private static void LessonBody(StringBuilder body, Lesson lesson)
    {
        body.Append("<article aria-labelledby=\"lesson\"><h2 id=\"lesson\">Lesson</h2>");
        foreach (var paragraph in lesson.Content.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            body.Append("<p>").Append(E(paragraph)).Append("</p>");
        }

        body.Append("<h3>Key points</h3><ul>");
        foreach (var point in lesson.KeyPoints)
        {
            body.Append("<li>").Append(E(point)).Append("</li>");
        }

        body.Append("</ul><h3>Scenario</h3><p>").Append(E(lesson.Scenario)).Append("</p></article>");
    }

    private static string Page(string title, string main) =>
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<meta name=\"robots\" content=\"noindex\"><title>" + E(title) + " · BMO Learning</title><style>"
        + "body{font-family:system-ui,Arial,sans-serif;font-size:1.05rem;line-height:1.6;color:#1a1a1a;background:#fff;max-width:42rem;margin:0 auto;padding:1rem}"
        + "h1{font-size:1.6rem}fieldset{border:1px solid #767676;border-radius:4px;padding:1rem}legend{font-weight:600;padding:0 .25rem}"
        + ".option{margin:.5rem 0;display:flex;gap:.5rem;align-items:flex-start}input[type=radio]{width:1.25rem;height:1.25rem;margin-top:.2rem}"
        + "button{font-size:1rem;margin-top:1rem;padding:.6rem 1.2rem;background:#0058a3;color:#fff;border:0;border-radius:4px;cursor:pointer}"
        + ":focus-visible{outline:3px solid #b35c00;outline-offset:2px}.error{color:#a4000f;font-weight:600}.sources{color:#4a4a4a;font-size:.9rem}"
        + "</style></head><body><header><p>BMO Learning</p></header><main><h1>" + E(title) + "</h1>" + main + "</main></body></html>";

    private static char Letter(int index) => (char)('A' + index);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
