using System.Globalization;
using System.Text.Json.Nodes;
using BmoLearning.Core.Lessons;

namespace BmoLearning.Delivery.Slack;

/// <summary>Block Kit for a lesson: the lesson, then its question with one button per option; and the message after an answer.</summary>
public static class SlackBlocks
{
    public const string AnswerActionPrefix = "answer_";

    public static JsonArray Lesson(Lesson lesson, string pageUrl, bool reminder)
    {
        var blocks = new JsonArray();
        if (reminder)
        {
            blocks.Add(Section($":bell: *Reminder:* your question on *{Escape(lesson.Topic)}* is still waiting for an answer."));
        }
        else
        {
            blocks.Add(Header(lesson.Topic));
            blocks.Add(Section(Escape(lesson.Content)));
            blocks.Add(Section("*Key points*\n" + string.Join('\n', lesson.KeyPoints.Select(p => "• " + Escape(p)))));
            blocks.Add(Section("*Scenario*\n" + Escape(lesson.Scenario)));
            blocks.Add(new JsonObject { ["type"] = "divider" });
        }

        blocks.Add(Section("*Question:* " + Escape(lesson.QuizQuestion), blockId: "question"));
        var buttons = new JsonArray();
        for (var i = 0; i < lesson.QuizOptions.Count; i++)
        {
            buttons.Add(new JsonObject
            {
                ["type"] = "button",
                ["action_id"] = AnswerActionPrefix + i.ToString(CultureInfo.InvariantCulture),
                ["text"] = PlainText(Truncate($"{Letter(i)}) {lesson.QuizOptions[i]}", 75)),
                ["value"] = $"{lesson.Id:N}:{i}",
            });
        }

        blocks.Add(new JsonObject { ["type"] = "actions", ["block_id"] = $"answer:{lesson.Id:N}", ["elements"] = buttons });
        blocks.Add(Context($"<{pageUrl}|Open the full lesson>"));
        return blocks;
    }

    /// <summary>Replaces the message once answered: the buttons go, the result and explanation stay.</summary>
    public static JsonArray Answered(Lesson lesson, int answerGiven, bool correct)
    {
        var verdict = correct
            ? $":white_check_mark: *Correct:* {Letter(answerGiven)}) {Escape(lesson.QuizOptions[answerGiven])}"
            : $":x: *Not quite.* You chose {Letter(answerGiven)}) {Escape(lesson.QuizOptions[answerGiven])}. "
              + $"The answer is {Letter(lesson.CorrectAnswer)}) {Escape(lesson.QuizOptions[lesson.CorrectAnswer])}.";
        return
        [
            Header(lesson.Topic),
            Section("*Question:* " + Escape(lesson.QuizQuestion)),
            Section(verdict),
            Section("*Why:* " + Escape(lesson.Explanation)),
        ];
    }

    public static string FallbackText(Lesson lesson, bool reminder) =>
        reminder ? $"Reminder: your question on {lesson.Topic} is waiting." : $"Your lesson: {lesson.Topic}";

    public static char Letter(int index) => (char)('A' + index);

    /// <summary>Slack mrkdwn treats &amp;, &lt; and &gt; as control characters.</summary>
    public static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static JsonObject Header(string text) => new() { ["type"] = "header", ["text"] = PlainText(Truncate(text, 150)) };

    private static JsonObject Section(string mrkdwn, string? blockId = null)
    {
        var section = new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = Truncate(mrkdwn, 3000) } };
        if (blockId is not null)
        {
            section["block_id"] = blockId;
        }

        return section;
    }

    private static JsonObject Context(string mrkdwn) =>
        new() { ["type"] = "context", ["elements"] = new JsonArray(new JsonObject { ["type"] = "mrkdwn", ["text"] = mrkdwn }) };

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text, ["emoji"] = true };

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
