using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BmoLearning.Core.Data;
using BmoLearning.Core.Experiments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BmoLearning.Web.Tests;

/// <summary>
/// The Experiments page (issue 15) in a real browser: define (a refused definition first), start, read results that
/// are the API's numbers, stop and ship, each act audited; and over HTTP, that only admins may open or post to it.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class ExperimentsPageTests(ConsoleApp app) : IAsyncLifetime
{
    private const string NamePrefix = "Console test ";
    private Browser _browser = null!;

    public async Task InitializeAsync() => _browser = await Browser.LaunchAsync();

    /// <summary>The shared application's other tests generate lessons: nothing this test defined may outlive it.</summary>
    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var ids = await db.Experiments.Where(e => e.Name.StartsWith(NamePrefix)).Select(e => e.Id).ToListAsync();
        await db.ExperimentExposures.Where(x => ids.Contains(x.ExperimentId)).ExecuteDeleteAsync();
        await db.Experiments.Where(e => ids.Contains(e.Id)).ExecuteDeleteAsync();
    }

    [Fact]
    public async Task An_admin_defines_starts_reads_the_apis_numbers_stops_and_ships_and_every_act_is_audited()
    {
        await using var context = await _browser.ConsoleContextAsync(app.BaseUrl);
        await context.AddCookiesAsync([SessionCookie(await app.SessionCookieAsync("admin"))]);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/experiments");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Experiments", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Experiments", Exact = true })).ToHaveAttributeAsync("aria-current", "page");
        await AssertAccessibleAsync(page);

        // Weights of 50 and 40: refused with the field and the reason, and what was typed is kept.
        var name = NamePrefix + Guid.NewGuid().ToString("N")[..8];
        await page.Locator("#name").FillAsync(name);
        await page.Locator("#hypothesis").FillAsync("Shorter lessons are answered more often.");
        await page.Locator("#factor").SelectOptionAsync("lesson_length");
        await page.Locator("#team").FillAsync("Experiments page test");
        await page.Locator("#control-name").FillAsync("normal");
        await page.Locator("#control-value").FillAsync("standard");
        await page.Locator("#treatment-name").FillAsync("short");
        await page.Locator("#treatment-weight").FillAsync("40");
        await page.Locator("#treatment-value").FillAsync("short");
        await page.Locator("#baseline-rate").FillAsync("0.4");
        await page.Locator("#mde").FillAsync("0.1");
        await page.Locator("#guardrail-accuracy").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Define" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-errors]")).ToContainTextAsync("variants");
        await Assertions.Expect(page.Locator("[data-errors]")).ToContainTextAsync("100");
        await Assertions.Expect(page.Locator("#name")).ToHaveValueAsync(name);
        await AssertAccessibleAsync(page);

        await page.Locator("#treatment-weight").FillAsync("50");
        await page.GetByRole(AriaRole.Button, new() { Name = "Define" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = name })).ToBeVisibleAsync();
        var id = Guid.Parse(page.Url.Split('/')[^1]);
        await Assertions.Expect(page.Locator("dd[data-status]")).ToHaveTextAsync("draft");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Assertions.Expect(page.Locator("dd[data-status]")).ToHaveTextAsync("running");

        // Exposures for the seeded learners (a month before their activity) so the results count real answers.
        await ExposeSeededLearnersAsync(id);
        await page.ReloadAsync();
        await AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "experiment");
        using var api = app.Api();
        var results = (await api.GetFromJsonAsync<JsonObject>($"/api/v1/experiments/{id}/results"))!;
        Assert.Equal((string)results["state"]!, await page.Locator("[data-state]").GetAttributeAsync("data-state"));
        var compared = 0L;
        foreach (var metric in results["metrics"]!.AsArray())
        {
            foreach (var variant in metric!["variants"]!.AsArray())
            {
                var row = page.Locator($"tr[data-metric='{metric["metric"]}'][data-variant='{variant!["variant"]}']");
                var (successes, trials) = ((long)variant["successes"]!, (long)variant["trials"]!);
                await Assertions.Expect(row.Locator("[data-successes]")).ToHaveTextAsync(successes.ToString(CultureInfo.InvariantCulture));
                await Assertions.Expect(row.Locator("[data-trials]")).ToHaveTextAsync(trials.ToString(CultureInfo.InvariantCulture));
                var rate = variant["rate"] is { } r ? ((double)r * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "–";
                await Assertions.Expect(row.Locator("[data-rate]")).ToHaveTextAsync(rate);
                compared += trials;
            }
        }

        Assert.True(compared > 0, "The seeded learners' answers should be counted, or the comparison proves nothing.");

        await page.GetByRole(AriaRole.Button, new() { Name = "Stop" }).ClickAsync();
        await Assertions.Expect(page.Locator("dd[data-status]")).ToHaveTextAsync("stopped");
        // Shipping control keeps the built-in lesson length for the other tests of this shared application.
        await page.GetByLabel("Ship variant").SelectOptionAsync("normal");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ship" }).ClickAsync();
        await Assertions.Expect(page.Locator("dd[data-status]")).ToHaveTextAsync("shipped (normal)");
        Assert.Equal("shipped", (string?)(await api.GetFromJsonAsync<JsonObject>($"/api/v1/experiments/{id}"))!["status"]);

        await page.GotoAsync("/admin/experiments");
        await Assertions.Expect(page.Locator($"tr[data-experiment='{id}'] [data-status]")).ToHaveTextAsync("shipped (normal)");

        await using var scope = app.Services.CreateAsyncScope();
        var entries = await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.SubjectId == id.ToString()).OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(["CreateExperiment", "StartExperiment", "StopExperiment", "ShipExperiment"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.StartsWith("console:", e.Actor, StringComparison.Ordinal));
        Assert.All(entries, e => Assert.DoesNotContain("test admin", e.Actor + e.Data, StringComparison.OrdinalIgnoreCase));
        Assert.Contains("\"variant\":\"normal\"", entries[^1].Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Viewers_and_managers_get_403_and_a_post_without_the_antiforgery_token_is_refused()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(app.BaseUrl) };
        foreach (var cookie in new[] { await app.SessionCookieAsync("viewer"), await app.SessionCookieAsync("manager", ConsoleApp.ManagerTeam) })
        {
            using var get = new HttpRequestMessage(HttpMethod.Get, "/admin/experiments") { Headers = { { "Cookie", cookie } } };
            Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(get)).StatusCode);
            var (status, _) = await PostDefineAsync(client, cookie, withToken: true);
            Assert.Equal(HttpStatusCode.Forbidden, status);
        }

        using var anonymous = new HttpRequestMessage(HttpMethod.Get, "/admin/experiments");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SendAsync(anonymous)).StatusCode);

        var admin = await app.SessionCookieAsync("admin");
        var (forged, _) = await PostDefineAsync(client, admin, withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, forged);
        var (bad, html) = await PostDefineAsync(client, admin, withToken: true);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad);
        Assert.Contains("Unknown factor", html, StringComparison.Ordinal);

        await using var scope = app.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<AppDbContext>().Experiments.AnyAsync(e => e.Name == NamePrefix + "forged"));
    }

    private async Task ExposeSeededLearnersAsync(Guid experimentId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var learners = await db.Learners.AsNoTracking().Where(l => l.Email.EndsWith("@example.com")).Select(l => l.Id).ToListAsync();
        var at = DateTimeOffset.UtcNow.AddDays(-60);
        db.ExperimentExposures.AddRange(learners.Select((l, i) => new ExperimentExposure { ExperimentId = experimentId, LearnerId = l, Variant = i % 2 == 0 ? "normal" : "short", At = at }));
        await db.SaveChangesAsync();
    }

    /// <summary>A define post with an unknown factor (so an admin's is refused with 422, not stored).</summary>
    private async Task<(HttpStatusCode Status, string Html)> PostDefineAsync(HttpClient client, string cookie, bool withToken)
    {
        var fields = new Dictionary<string, string>
        {
            ["Form.Name"] = NamePrefix + "forged", ["Form.Hypothesis"] = "h", ["Form.Factor"] = "font_size",
            ["Form.ControlName"] = "a", ["Form.ControlWeight"] = "50", ["Form.ControlValue"] = "x",
            ["Form.TreatmentName"] = "b", ["Form.TreatmentWeight"] = "50", ["Form.TreatmentValue"] = "y",
            ["Form.PrimaryMetric"] = "accuracy", ["Form.BaselineRate"] = "0.4", ["Form.MinimumDetectableEffect"] = "0.1",
        };
        var cookies = cookie;
        if (withToken)
        {
            // The token (bound to the signed-in user) from the overview, which every role may open, with its cookie.
            using var get = new HttpRequestMessage(HttpMethod.Get, "/admin") { Headers = { { "Cookie", cookie } } };
            var form = await client.SendAsync(get);
            fields["__RequestVerificationToken"] = TokenPattern().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;
            cookies += "; " + form.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("bmo_console_af=", StringComparison.Ordinal)).Split(';')[0];
        }

        using var post = new HttpRequestMessage(HttpMethod.Post, "/admin/experiments?handler=Define")
        {
            Content = new FormUrlEncodedContent(fields),
            Headers = { { "Cookie", cookies } },
        };
        var response = await client.SendAsync(post);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private Microsoft.Playwright.Cookie SessionCookie(string cookie)
    {
        var (name, value) = (cookie[..cookie.IndexOf('=')], cookie[(cookie.IndexOf('=') + 1)..]);
        return new Microsoft.Playwright.Cookie { Name = name, Value = value, Url = app.BaseUrl + "/admin" };
    }

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var violations = await Browser.SeriousViolationsAsync(page);
        Assert.True(violations.Count == 0, $"{page.Url}: {string.Join("; ", violations)}");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
