using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace BmoLearning.Web.Tests;

/// <summary>A manager sees only their teams' learners: the overview is narrowed to them, another team is refused.</summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class ManagerScopeTests(ConsoleApp app)
{
    [Fact]
    public async Task A_manager_overview_counts_only_their_team_and_equals_the_api_filtered_by_that_team()
    {
        using var client = Client();
        var manager = await Metrics(client, "/admin", await app.SessionCookieAsync("manager", ConsoleApp.ManagerTeam));
        var admin = await Metrics(client, "/admin", await app.SessionCookieAsync("admin"));
        using var api = app.Api();
        var report = await api.GetFromJsonAsync<JsonElement>($"/api/v1/analytics/dashboard?team={ConsoleApp.ManagerTeam}");

        // Learner 2 (Branch): two Slack lessons in the last 7 days, one answered; everyone: two learners answered.
        Assert.Equal("1", manager["active_learners"]);
        Assert.Equal("2", manager["last_7_days.lessons_delivered"]);
        Assert.Equal("1", manager["last_7_days.lessons_answered"]);
        Assert.Equal("2", admin["active_learners"]);
        Assert.Equal(report.GetProperty("active_learners").GetInt32().ToString(), manager["active_learners"]);
        Assert.Equal(report.GetProperty("last_30_days").GetProperty("lessons_answered").GetInt32().ToString(), manager["last_30_days.lessons_answered"]);
        Assert.Equal(report.GetProperty("completion").GetProperty("total").GetInt32().ToString(), manager["completion.total"]);
    }

    [Fact]
    public async Task A_manager_asking_for_another_team_gets_403_and_an_admin_may_filter_by_any_team()
    {
        using var client = Client();
        var manager = await app.SessionCookieAsync("manager", ConsoleApp.ManagerTeam);
        var other = await Send(client, $"/admin?team={ConsoleApp.OtherTeam}", manager);
        var otherCsv = await Send(client, $"/admin?handler=Csv&table=summary&team={ConsoleApp.OtherTeam}", manager);
        var admin = await Metrics(client, $"/admin?team={ConsoleApp.OtherTeam}", await app.SessionCookieAsync("admin"));

        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherCsv.StatusCode);
        // Cards: learner 1 answered (learner 3's one SMS lesson failed).
        Assert.Equal("1", admin["active_learners"]);
    }

    [Fact]
    public async Task A_manager_without_teams_sees_no_learner()
    {
        using var client = Client();
        var metrics = await Metrics(client, "/admin", await app.SessionCookieAsync("manager"));

        Assert.Equal("0", metrics["active_learners"]);
        Assert.Equal("0", metrics["completion.total"]);
    }

    [Fact]
    public async Task A_configured_manager_signs_in_with_their_key_and_is_scoped_to_their_team()
    {
        using var client = Client();
        var form = await client.GetAsync("/admin/sign-in");
        var token = TokenPattern().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = ConsoleApp.ManagerKey, ["__RequestVerificationToken"] = token }),
            Headers = { { "Cookie", form.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("bmo_console_af=", StringComparison.Ordinal)).Split(';')[0] } },
        };
        var signIn = await client.SendAsync(request);
        var cookie = signIn.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("bmo_console=", StringComparison.Ordinal)).Split(';')[0];
        var metrics = await Metrics(client, "/admin", cookie);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("1", metrics["active_learners"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(client, "/admin/system", cookie)).StatusCode);
    }

    [Fact]
    public async Task The_api_team_filter_narrows_and_refuses_an_overlong_team()
    {
        using var api = app.Api();
        var branch = await api.GetFromJsonAsync<JsonElement>($"/api/v1/analytics/topics?team={ConsoleApp.ManagerTeam}");
        var tooLong = await api.GetAsync($"/api/v1/analytics/dashboard?team={new string('x', 101)}");

        Assert.Equal(1, branch.GetProperty("topics").GetArrayLength());
        Assert.Equal(1, branch.GetProperty("topics")[0].GetProperty("answers").GetInt32());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.StatusCode);
        Assert.Contains("team", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(app.BaseUrl) };

    private static async Task<HttpResponseMessage> Send(HttpClient client, string path, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "Cookie", cookie } } };
        return await client.SendAsync(request);
    }

    /// <summary>The overview's data-metric values by name.</summary>
    private static async Task<Dictionary<string, string>> Metrics(HttpClient client, string path, string cookie)
    {
        var response = await Send(client, path, cookie);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        return MetricPattern().Matches(html).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
    }

    [GeneratedRegex("data-metric=\"([^\"]+)\">([^<]*)<")]
    private static partial Regex MetricPattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
