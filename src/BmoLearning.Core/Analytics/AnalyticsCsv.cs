using System.Globalization;
using BmoLearning.Core.Common;

namespace BmoLearning.Core.Analytics;

/// <summary>
/// CSV for every analytics export, written by <see cref="CsvWriter"/>: a cell that a spreadsheet would run as a
/// formula (=, +, -, @, tab, carriage return first) is prefixed with an apostrophe, so an exported topic or
/// question such as =HYPERLINK(...) is shown as text, never executed.
/// </summary>
public static class AnalyticsCsv
{
    public const string ContentType = CsvWriter.ContentType;

    /// <summary>Tables of the overview, each downloadable on its own.</summary>
    public static readonly IReadOnlyList<string> DashboardTables = ["summary", "topics", "funnel", "ai_spend"];

    public static string Cell(string? value) => CsvWriter.Cell(value);

    public static string Write(IEnumerable<IReadOnlyList<string?>> rows) => CsvWriter.Write(rows);

    /// <summary>One table of the dashboard (see <see cref="DashboardTables"/>), or all of them in long form (section, item, metric, value) when table is null.</summary>
    public static string Dashboard(DashboardReport report, string? table = null) => table switch
    {
        "summary" => Write(Summary(report).Select(r => (IReadOnlyList<string?>)[r.Metric, r.Value]).Prepend(["metric", "value"])),
        "topics" => Topics(report.AccuracyByTopic),
        "funnel" => Write(report.Funnel.Select(f => (IReadOnlyList<string?>)[f.Channel, N(f.Sent), N(f.Delivered), N(f.Answered)]).Prepend(["channel", "sent", "delivered", "answered"])),
        "ai_spend" => Write(report.AiSpendByDay.Select(d => (IReadOnlyList<string?>)[d.Date, N(d.Lessons), N(d.InputTokens), N(d.OutputTokens), N(d.EstimatedCostUsd)])
            .Prepend(["date", "lessons", "input_tokens", "output_tokens", "estimated_cost_usd"])),
        _ => Write(Long(report).Prepend(["section", "item", "metric", "value"])),
    };

    public static string Topics(IReadOnlyList<TopicAccuracy> topics) =>
        Write(topics.Select(t => (IReadOnlyList<string?>)[t.Topic, N(t.Answers), N(t.Correct), N(t.Accuracy)]).Prepend(["topic", "answers", "correct", "accuracy"]));

    public static string TopicsReport(TopicsReport report) =>
        Write(report.Topics.Select(t => (IReadOnlyList<string?>)["topic", t.Topic, null, N(t.Answers), N(t.Correct), N(t.Accuracy)])
            .Concat(report.MostMissed.Select(m => (IReadOnlyList<string?>)["missed_question", m.Topic, m.Question, N(m.Answers), N(m.Answers - m.Wrong), N(m.Answers == 0 ? null : Math.Round((double)(m.Answers - m.Wrong) / m.Answers, 4))]))
            .Prepend(["kind", "topic", "question", "answers", "correct", "accuracy"]));

    public static IEnumerable<(string Metric, string Value)> Summary(DashboardReport r)
    {
        yield return ("from", r.From);
        yield return ("to", r.To);
        yield return ("active_learners", N(r.ActiveLearners));
        yield return ("lessons_delivered", N(r.Window.LessonsDelivered));
        yield return ("lessons_answered", N(r.Window.LessonsAnswered));
        yield return ("lessons_delivered_7_days", N(r.Last7Days.LessonsDelivered));
        yield return ("lessons_answered_7_days", N(r.Last7Days.LessonsAnswered));
        yield return ("lessons_delivered_30_days", N(r.Last30Days.LessonsDelivered));
        yield return ("lessons_answered_30_days", N(r.Last30Days.LessonsAnswered));
        yield return ("paths_completed", N(r.Completion.Completed));
        yield return ("paths_total", N(r.Completion.Total));
        yield return ("completion_rate", N(r.Completion.Rate));
    }

    private static IEnumerable<IReadOnlyList<string?>> Long(DashboardReport r)
    {
        foreach (var (metric, value) in Summary(r))
        {
            yield return ["summary", null, metric, value];
        }

        foreach (var t in r.AccuracyByTopic)
        {
            yield return ["topics", t.Topic, "answers", N(t.Answers)];
            yield return ["topics", t.Topic, "correct", N(t.Correct)];
            yield return ["topics", t.Topic, "accuracy", N(t.Accuracy)];
        }

        foreach (var f in r.Funnel)
        {
            yield return ["funnel", f.Channel, "sent", N(f.Sent)];
            yield return ["funnel", f.Channel, "delivered", N(f.Delivered)];
            yield return ["funnel", f.Channel, "answered", N(f.Answered)];
        }

        foreach (var d in r.AiSpendByDay)
        {
            yield return ["ai_spend", d.Date, "lessons", N(d.Lessons)];
            yield return ["ai_spend", d.Date, "estimated_cost_usd", N(d.EstimatedCostUsd)];
        }
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string N(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string N(double? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? string.Empty;
}
