using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace BmoLearning.Web.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class AnalyticsApiTests(ConsoleApp app)
{
    [Fact]
    public async Task Dashboard_counts_the_activity_of_the_window()
    {
        using var api = app.Api();
        var json = await api.GetFromJsonAsync<JsonElement>("/api/v1/analytics/dashboard");

        Assert.Equal(2, json.GetProperty("active_learners").GetInt32());
        Assert.Equal(5, json.GetProperty("window").GetProperty("lessons_delivered").GetInt32());
        Assert.Equal(4, json.GetProperty("window").GetProperty("lessons_answered").GetInt32());
        Assert.Equal(4, json.GetProperty("last_7_days").GetProperty("lessons_delivered").GetInt32());
        Assert.Equal(3, json.GetProperty("last_7_days").GetProperty("lessons_answered").GetInt32());
        var completion = json.GetProperty("completion");
        Assert.Equal((1, 4, 0.25), (completion.GetProperty("completed").GetInt32(), completion.GetProperty("total").GetInt32(), completion.GetProperty("rate").GetDouble()));
        var cards = json.GetProperty("accuracy_by_topic").EnumerateArray().Single(t => t.GetProperty("topic").GetString() == "Business cards");
        Assert.Equal((3, 2), (cards.GetProperty("answers").GetInt32(), cards.GetProperty("correct").GetInt32()));
        var funnel = json.GetProperty("funnel").EnumerateArray().ToDictionary(
            f => f.GetProperty("channel").GetString()!, f => (f.GetProperty("sent").GetInt32(), f.GetProperty("delivered").GetInt32(), f.GetProperty("answered").GetInt32()));
        Assert.Equal((2, 2, 2), funnel["email"]);
        Assert.Equal((2, 2, 1), funnel["slack"]);
        Assert.Equal((1, 0, 0), funnel["sms"]);
        Assert.Equal(0.0027m, json.GetProperty("ai_spend_by_day").EnumerateArray().Sum(d => d.GetProperty("estimated_cost_usd").GetDecimal()));
    }

    [Fact]
    public async Task Dashboard_for_one_course_ignores_case_and_spacing_and_counts_only_that_course()
    {
        using var api = app.Api();
        var json = await api.GetFromJsonAsync<JsonElement>("/api/v1/analytics/dashboard?course=business%20%20CARDS");

        Assert.Equal("business  CARDS", json.GetProperty("course").GetString());
        Assert.Equal(2, json.GetProperty("active_learners").GetInt32());
        Assert.Equal(4, json.GetProperty("window").GetProperty("lessons_delivered").GetInt32());
        Assert.Equal(3, json.GetProperty("window").GetProperty("lessons_answered").GetInt32());
        Assert.Equal(3, json.GetProperty("completion").GetProperty("total").GetInt32());
        Assert.Single(json.GetProperty("accuracy_by_topic").EnumerateArray());
    }

    [Fact]
    public async Task Dashboard_of_a_window_before_any_activity_is_zero_with_no_completion_rate()
    {
        using var api = app.Api();
        var json = await api.GetFromJsonAsync<JsonElement>("/api/v1/analytics/dashboard?from=2020-01-01&to=2020-01-31");

        Assert.Equal(0, json.GetProperty("active_learners").GetInt32());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("completion").GetProperty("rate").ValueKind);
        Assert.Empty(json.GetProperty("funnel").EnumerateArray());
    }

    [Theory]
    [InlineData("from=2026-02-30", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("from=2026-03-02&to=2026-03-01", "from")]
    [InlineData("from=2020-01-01&to=2026-01-01", "to")]
    public async Task Bad_dates_are_422_naming_the_field(string query, string field)
    {
        using var api = app.Api();
        var response = await api.GetAsync($"/api/v1/analytics/dashboard?{query}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/v1/analytics/dashboard")]
    [InlineData("/api/v1/analytics/topics")]
    public async Task Analytics_needs_the_admin_key(string path)
    {
        using var anonymous = app.Api(null);
        using var integration = app.Api(ConsoleApp.IntegrationKey);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await integration.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Topics_lists_accuracy_and_the_most_missed_questions()
    {
        using var api = app.Api();
        var json = await api.GetFromJsonAsync<JsonElement>("/api/v1/analytics/topics");

        Assert.Equal(2, json.GetProperty("topics").GetArrayLength());
        var missed = json.GetProperty("most_missed").EnumerateArray().ToList();
        Assert.Equal(2, missed.Count);
        Assert.All(missed, m => Assert.Equal(1, m.GetProperty("wrong").GetInt32()));
    }

    [Fact]
    public async Task Topics_and_the_dashboard_show_mastery_and_the_concepts_most_often_missed()
    {
        using var api = app.Api();
        var topics = await api.GetFromJsonAsync<JsonElement>("/api/v1/analytics/topics");
        var dashboard = await api.GetFromJsonAsync<JsonElement>("/api/v1/analytics/dashboard");

        // Business cards: three learners taught its concept, learner 3 never answered (counts 0), so mastery is under
        // the others' recall; the formula topic's one learner answered wrongly two days ago with a one-day stability.
        var mastery = topics.GetProperty("mastery").EnumerateArray().ToDictionary(t => t.GetProperty("topic").GetString()!);
        var cards = mastery["Business cards"];
        Assert.Equal(3, cards.GetProperty("learners").GetInt32());
        Assert.Equal(1, cards.GetProperty("concepts").GetInt32());
        Assert.InRange(cards.GetProperty("mastery").GetDouble(), 0.5, 2.0 / 3);
        Assert.InRange(mastery[ConsoleApp.FormulaTopic].GetProperty("mastery").GetDouble(), 0.85, 0.95);

        var missed = topics.GetProperty("most_missed_concepts").EnumerateArray()
            .Select(m => $"{m.GetProperty("topic").GetString()}|{m.GetProperty("concept").GetString()}|{m.GetProperty("answers").GetInt32()}|{m.GetProperty("wrong").GetInt32()}").ToList();
        Assert.Equal([$"{ConsoleApp.FormulaTopic}|{ConsoleApp.FormulaTopic}|1|1", "Business cards|Business cards > Fees|3|1"], missed);

        // The overview's gaps are the same numbers: lowest mastery first, the same missed concepts for the same period.
        var gaps = dashboard.GetProperty("knowledge_gaps");
        Assert.Equal("Business cards", gaps.GetProperty("lowest_mastery")[0].GetProperty("topic").GetString());
        Assert.Equal(topics.GetProperty("most_missed_concepts").GetRawText(), gaps.GetProperty("most_missed_concepts").GetRawText());
        Assert.Equal(topics.GetProperty("mastery").GetRawText(), dashboard.GetProperty("mastery_by_topic").GetRawText());
    }

    [Fact]
    public async Task A_team_filter_keeps_only_that_teams_concepts_and_mastery()
    {
        using var api = app.Api();
        var topics = await api.GetFromJsonAsync<JsonElement>($"/api/v1/analytics/topics?team={ConsoleApp.ManagerTeam}");

        var mastery = Assert.Single(topics.GetProperty("mastery").EnumerateArray());
        Assert.Equal(1, mastery.GetProperty("learners").GetInt32());
        Assert.Empty(topics.GetProperty("most_missed_concepts").EnumerateArray());
    }

    [Theory]
    [InlineData("/api/v1/analytics/dashboard")]
    [InlineData("/api/v1/analytics/topics")]
    public async Task Csv_exports_neutralise_formulas(string path)
    {
        using var api = app.Api();
        api.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var response = await api.GetAsync(path);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var csv = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"x\"\")\"", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",=HYPERLINK", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("\"=HYPERLINK", csv, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-1+2", "'-1+2")]
    [InlineData("+cmd", "'+cmd")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    public void Every_formula_prefix_is_neutralised(string value, string expected) =>
        Assert.Equal(expected, BmoLearning.Core.Analytics.AnalyticsCsv.Cell(value));
}
