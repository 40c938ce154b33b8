using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using BmoLearning.Core.Data;
using BmoLearning.Core.Delivery;
using BmoLearning.Core.Lessons;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BmoLearning.Web.Tests;

/// <summary>
/// The Enrol page (issue 13) in a real browser: import a CSV with one bad row and four good ones, enrol the four in a
/// course with the keyboard alone, and see their lesson requests; and over HTTP, who may post to it.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class EnrolPageTests(ConsoleApp app) : IAsyncLifetime
{
    private const string Domain = "enrol-test.example.com";
    private Browser _browser = null!;

    public async Task InitializeAsync() => _browser = await Browser.LaunchAsync();

    /// <summary>The shared application's other tests count learners and lessons: what this test added goes again, once its jobs are done.</summary>
    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var ids = await db.Learners.Where(l => l.Email.EndsWith("@" + Domain)).Select(l => l.Id).ToListAsync();
        if (ids.Count == 0)
        {
            return;
        }

        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline
               && (await db.LessonRequests.AnyAsync(r => ids.Contains(r.LearnerId) && (r.Status == LessonRequestStatus.Queued || r.Status == LessonRequestStatus.Generating))
                   || await db.LessonDeliveries.AnyAsync(d => ids.Contains(d.LearnerId) && (d.Status == DeliveryStatus.Queued || d.Status == DeliveryStatus.Sending))))
        {
            await Task.Delay(250);
        }

        await db.LessonDeliveries.Where(d => ids.Contains(d.LearnerId)).ExecuteDeleteAsync();
        await db.QuizResponses.Where(r => ids.Contains(r.LearnerId)).ExecuteDeleteAsync();
        await db.LessonRequests.Where(r => ids.Contains(r.LearnerId)).ExecuteDeleteAsync();
        await db.Lessons.Where(l => ids.Contains(l.LearnerId)).ExecuteDeleteAsync();
        await db.LearningPaths.Where(p => ids.Contains(p.LearnerId)).ExecuteDeleteAsync();
        await db.Enrolments.Where(e => ids.Contains(e.LearnerId)).ExecuteDeleteAsync();
        await db.Learners.Where(l => ids.Contains(l.Id)).ExecuteDeleteAsync();
    }

    [Fact]
    public async Task Import_a_csv_with_one_bad_row_then_enrol_the_four_with_the_keyboard_and_see_their_lesson_requests()
    {
        var csv = "email,name,team,phone,slack_id,time_zone\n" +
                  $"ada@{Domain},Ada Lovelace,Branch,+14165550101,,America/Toronto\n" +
                  $"bo@{Domain},Bo Chen,Branch,,U012AB3CD,\n" +
                  $"not-an-email,Bad Row,Branch,,,\n" +
                  $"cy@{Domain},\"=HYPERLINK(\"\"http://example.invalid\"\",\"\"x\"\")\",Branch,,,\n" +
                  $"di@{Domain},Di Okafor,Branch,,,Europe/London\n";
        await using var context = await _browser.ConsoleContextAsync(app.BaseUrl);
        await context.AddCookiesAsync([SessionCookie(await app.SessionCookieAsync("admin"))]);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/enrol");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enrol", Exact = true })).ToBeVisibleAsync();
        await AssertAccessibleAsync(page);

        await page.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload { Name = "learners.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.GetByLabel("CSV file").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Import", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-summary]")).ToHaveTextAsync("4 created, 0 updated, 0 unchanged, 1 rejected.");
        var rejected = page.Locator("tr[data-outcome='rejected']");
        await Assertions.Expect(rejected).ToHaveCountAsync(1);
        await Assertions.Expect(rejected).ToContainTextAsync("email must be a valid email address");
        await Assertions.Expect(page.Locator("tr[data-outcome='created']", new() { HasText = $"cy@{Domain}" })).ToContainTextAsync("apostrophe");
        await AssertAccessibleAsync(page);

        // Keyboard alone: Tab to the course list, pick the first course with the arrow key, Tab past the team to the
        // emails (filled in with the imported learners) and on to Enrol, press Enter.
        for (var i = 0; i < 40 && await ActiveIdAsync(page) != "target"; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Equal("target", await ActiveIdAsync(page));
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.StartsWith("course:", await page.Locator("#target").InputValueAsync());
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("emails", await ActiveIdAsync(page));
        Assert.Equal(4, (await page.Locator("#emails").InputValueAsync()).Split('\n').Length);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enrolled in Business credit cards: 4 new, 0 already, 0 not found" })).ToBeVisibleAsync();
        var rows = page.Locator("table[data-table='enrol-results'] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(4);
        foreach (var row in await rows.AllAsync())
        {
            await Assertions.Expect(row).ToHaveAttributeAsync("data-outcome", "enrolled");
            await Assertions.Expect(row.Locator("[data-request]")).ToHaveAttributeAsync("data-request", new Regex("^(queued|generating|ready)$"));
            await Assertions.Expect(row.Locator("[data-request]")).ToContainTextAsync("Business credit versus personal credit");
        }

        await AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "enrol");

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(4, await db.Enrolments.CountAsync(e => db.Learners.Any(l => l.Id == e.LearnerId && l.Email.EndsWith("@" + Domain))));
        Assert.Equal(4, await db.LessonRequests.CountAsync(r => db.Learners.Any(l => l.Id == r.LearnerId && l.Email.EndsWith("@" + Domain))));
    }

    [Theory]
    [InlineData("viewer", "Enrol", HttpStatusCode.Forbidden)]
    [InlineData("viewer", "Import", HttpStatusCode.Forbidden)]
    [InlineData("manager", "Enrol", HttpStatusCode.OK)]
    public async Task A_viewer_posting_gets_403_and_a_manager_may_post(string role, string handler, HttpStatusCode expected)
    {
        var client = await FormClientAsync(await app.SessionCookieAsync(role, role == "manager" ? [ConsoleApp.ManagerTeam] : []));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(client.Token), "__RequestVerificationToken" },
            { new StringContent("topic:Fees on business credit cards"), "Target" },
            { new StringContent($"nobody@{Domain}"), "Emails" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes($"email,name\nviewer@{Domain},Viewer\n")), "file", "learners.csv" },
        };

        var response = await client.Http.PostAsync($"/admin/enrol?handler={handler}", form);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            Assert.Contains("No learner of your teams has this email.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_manager_asking_for_another_team_gets_403()
    {
        var client = await FormClientAsync(await app.SessionCookieAsync("manager", ConsoleApp.ManagerTeam));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = client.Token,
            ["Target"] = "topic:Fees on business credit cards",
            ["Team"] = ConsoleApp.OtherTeam,
        });

        var response = await client.Http.PostAsync("/admin/enrol?handler=Enrol", form);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private sealed record FormClient(HttpClient Http, string Token);

    /// <summary>A client with the session cookie and an antiforgery token for it (from the overview, which every role may read).</summary>
    private async Task<FormClient> FormClientAsync(string cookie)
    {
        var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseUrl) };
        using var get = new HttpRequestMessage(HttpMethod.Get, "/admin");
        get.Headers.Add("Cookie", cookie);
        var page = await http.SendAsync(get);
        page.EnsureSuccessStatusCode();
        var html = await page.Content.ReadAsStringAsync();
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var antiforgery = page.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("bmo_console_af=", StringComparison.Ordinal)).Split(';')[0];
        http.DefaultRequestHeaders.Add("Cookie", $"{cookie}; {antiforgery}");
        return new FormClient(http, token);
    }

    private Microsoft.Playwright.Cookie SessionCookie(string cookie)
    {
        var (name, value) = (cookie[..cookie.IndexOf('=')], cookie[(cookie.IndexOf('=') + 1)..]);
        return new Microsoft.Playwright.Cookie { Name = name, Value = value, Url = app.BaseUrl + "/admin" };
    }

    private static Task<string> ActiveIdAsync(IPage page) => page.EvaluateAsync<string>("() => document.activeElement?.id ?? ''");

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var violations = await Browser.SeriousViolationsAsync(page);
        Assert.True(violations.Count == 0, $"{page.Url}: {string.Join("; ", violations)}");
    }
}
