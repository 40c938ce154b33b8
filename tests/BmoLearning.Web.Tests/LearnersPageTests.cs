using System.Net;
using System.Text.RegularExpressions;
using BmoLearning.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BmoLearning.Web.Tests;

/// <summary>The learners list (search, filters, team scope) and a learner's page (timeline, 404 for unknown or out-of-scope ids).</summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class LearnersPageTests(ConsoleApp app)
{
    [Theory]
    [InlineData("/admin/learners", 3)]
    [InlineData("/admin/learners?team=Branch", 1)]
    [InlineData("/admin/learners?q=LEARNER1%40example", 1)]
    [InlineData("/admin/learners?course=business%20cards&status=completed", 1)]
    [InlineData("/admin/learners?channel=sms", 0)]
    public async Task An_admin_searches_and_filters_learners(string path, int expected)
    {
        var html = await Html(path, await app.SessionCookieAsync("admin"), HttpStatusCode.OK);

        Assert.Equal(expected, RowPattern().Count(html));
    }

    [Fact]
    public async Task A_bad_filter_is_a_422_page_naming_the_field()
    {
        var html = await Html("/admin/learners?channel=fax", await app.SessionCookieAsync("admin"), HttpStatusCode.UnprocessableEntity);

        Assert.Contains("channel must be web, email, slack or sms.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manager_lists_and_opens_only_their_teams_learners()
    {
        var manager = await app.SessionCookieAsync("manager", ConsoleApp.ManagerTeam);
        var list = await Html("/admin/learners", manager, HttpStatusCode.OK);
        var ids = await IdsAsync();

        Assert.Equal(["Learner 2"], RowPattern().Matches(list).Select(m => m.Groups[1].Value));
        await Html($"/admin/learners/{ids["learner2@example.com"]}", manager, HttpStatusCode.OK);
        await Html($"/admin/learners/{ids["learner1@example.com"]}", manager, HttpStatusCode.NotFound);
        await Html($"/admin/learners?team={ConsoleApp.OtherTeam}", manager, HttpStatusCode.Forbidden);
        await Html("/admin/learners", await app.SessionCookieAsync("viewer"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_learners_timeline_shows_lessons_answers_and_failed_deliveries_with_their_reason()
    {
        var admin = await app.SessionCookieAsync("admin");
        var ids = await IdsAsync();
        var third = await Html($"/admin/learners/{ids["learner3@example.com"]}", admin, HttpStatusCode.OK);
        var first = await Html($"/admin/learners/{ids["learner1@example.com"]}", admin, HttpStatusCode.OK);

        Assert.Contains("sms: failed (Twilio: unreachable number)", third, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Count(first, "data-kind=\"answer\""));
        Assert.Contains("correct on email", first, StringComparison.Ordinal);
        Assert.Contains("wrong on web", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_learner_is_a_404_page()
    {
        var html = await Html($"/admin/learners/{Guid.NewGuid()}", await app.SessionCookieAsync("admin"), HttpStatusCode.NotFound);

        Assert.Contains("No such learner.", html, StringComparison.Ordinal);
    }

    private async Task<Dictionary<string, Guid>> IdsAsync()
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Learners.ToDictionaryAsync(l => l.Email, l => l.Id);
    }

    private async Task<string> Html(string path, string cookie, HttpStatusCode expected)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(app.BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "Cookie", cookie } } };
        var response = await client.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [GeneratedRegex("<th scope=\"row\"><a href=\"/admin/learners/[^\"]+\">([^<]+)</a>")]
    private static partial Regex RowPattern();
}
