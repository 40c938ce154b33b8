using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using BmoLearning.Tests.Infrastructure;
using Microsoft.Playwright;

namespace BmoLearning.Web.Tests;

/// <summary>The console in a real browser: keyboard sign-in, every page checked by axe-core and captured, numbers against the API, upload to processed.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleBrowserTests(ConsoleApp app) : IAsyncLifetime
{
    private Browser _browser = null!;

    public async Task InitializeAsync() => _browser = await Browser.LaunchAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task Sign_in_with_the_keyboard_alone_and_every_page_has_no_serious_accessibility_violation()
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin");
        Assert.EndsWith("/admin/sign-in?ReturnUrl=%2Fadmin", page.Url, StringComparison.Ordinal);
        await AssertAccessibleAsync(page, "sign-in");

        // Tab to the key field (past the skip link and the home link), type the key, press Enter.
        for (var i = 0; i < 6 && await page.EvaluateAsync<string>("() => document.activeElement?.id ?? ''") != "key"; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await page.Keyboard.TypeAsync(ConsoleApp.AdminKey);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(new Regex("/admin$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Exact = true })).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "overview");

        await page.GotoAsync("/admin/documents");
        await AssertAccessibleAsync(page, "documents");
        await page.Locator("table a").First.ClickAsync();
        await Assertions.Expect(page.Locator("#document-status")).ToHaveAttributeAsync("data-status", "processed");
        await AssertAccessibleAsync(page, "document");

        await page.GotoAsync("/admin/lessons");
        await AssertAccessibleAsync(page, "lessons");
        await page.Locator("table a").First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sources" })).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "lesson");

        await page.GotoAsync("/admin/deliveries");
        await Assertions.Expect(page.Locator("table[data-table='failed-deliveries']")).ToContainTextAsync("Twilio: unreachable number");
        await AssertAccessibleAsync(page, "deliveries");

        await page.GotoAsync("/admin/system");
        await AssertAccessibleAsync(page, "system");

        // Readable on a phone (and so at 200% zoom of a small laptop): nothing wider than the viewport.
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/admin");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The overview scrolls sideways on a phone.");
        await AssertAccessibleAsync(page, "overview-mobile");
    }

    [Theory]
    [InlineData("")]
    [InlineData("?course=Business%20cards")]
    [InlineData("?from=2020-01-01&to=2020-03-01")]
    public async Task The_overview_shows_exactly_the_numbers_of_the_analytics_api(string query)
    {
        await using var context = await SignedInContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/admin{query}");
        using var api = app.Api();
        var json = await api.GetFromJsonAsync<JsonElement>($"/api/v1/analytics/dashboard{query}");

        var shown = new Dictionary<string, string>();
        foreach (var metric in await page.Locator("[data-metric]").AllAsync())
        {
            shown[(await metric.GetAttributeAsync("data-metric"))!] = (await metric.InnerTextAsync()).Trim();
        }

        Assert.Equal(json.GetProperty("active_learners").GetInt32().ToString(CultureInfo.InvariantCulture), shown["active_learners"]);
        foreach (var period in new[] { "last_7_days", "last_30_days" })
        {
            foreach (var count in new[] { "lessons_delivered", "lessons_answered" })
            {
                Assert.Equal(json.GetProperty(period).GetProperty(count).GetInt32().ToString(CultureInfo.InvariantCulture), shown[$"{period}.{count}"]);
            }
        }

        Assert.Equal(json.GetProperty("completion").GetProperty("completed").GetInt32().ToString(CultureInfo.InvariantCulture), shown["completion.completed"]);
        Assert.Equal(json.GetProperty("completion").GetProperty("total").GetInt32().ToString(CultureInfo.InvariantCulture), shown["completion.total"]);
        var topics = json.GetProperty("accuracy_by_topic").EnumerateArray()
            .Select(t => $"{t.GetProperty("topic").GetString()}|{t.GetProperty("answers").GetInt32()}|{t.GetProperty("correct").GetInt32()}").ToList();
        Assert.Equal(topics, await RowsAsync(page, "topics", 3));
        var funnel = json.GetProperty("funnel").EnumerateArray()
            .Select(f => $"{f.GetProperty("channel").GetString()}|{f.GetProperty("sent").GetInt32()}|{f.GetProperty("delivered").GetInt32()}|{f.GetProperty("answered").GetInt32()}").ToList();
        Assert.Equal(funnel, await RowsAsync(page, "funnel", 4));
        var mastery = json.GetProperty("mastery_by_topic").EnumerateArray()
            .Select(t => $"{t.GetProperty("topic").GetString()}|{t.GetProperty("learners").GetInt32()}|{t.GetProperty("concepts").GetInt32()}|{t.GetProperty("mastery").GetDouble().ToString("P1", CultureInfo.InvariantCulture)}").ToList();
        Assert.Equal(mastery, await RowsAsync(page, "mastery", 4));
        var missed = json.GetProperty("knowledge_gaps").GetProperty("most_missed_concepts").EnumerateArray()
            .Select(m => $"{m.GetProperty("concept").GetString()}|{m.GetProperty("topic").GetString()}|{m.GetProperty("answers").GetInt32()}|{m.GetProperty("wrong").GetInt32()}").ToList();
        Assert.Equal(missed, await RowsAsync(page, "missed_concepts", 4));
        if (query == "")
        {
            Assert.NotEmpty(topics);
            Assert.NotEmpty(mastery);
            Assert.NotEmpty(missed);
        }
    }

    [Fact]
    public async Task A_manager_signs_in_with_their_key_and_sees_only_their_teams_learners()
    {
        await using var context = await NewContextAsync();
        var page = await Browser.SignInAsync(context, ConsoleApp.ManagerKey);

        await page.GetByRole(AriaRole.Link, new() { Name = "Learners", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/admin/learners$"));
        Assert.Equal(["Learner 2"], await page.Locator("table[data-table='learners'] tbody th").AllInnerTextsAsync());
        await AssertAccessibleAsync(page, "learners");
        await page.Locator("table[data-table='learners'] a").First.ClickAsync();
        await Assertions.Expect(page.Locator("[data-field='team']")).ToHaveTextAsync(ConsoleApp.ManagerTeam);
        await Assertions.Expect(page.Locator("table[data-table='timeline']")).ToContainTextAsync("correct on slack");
        await AssertAccessibleAsync(page, "learner");
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        await using var context = await SignedInContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/admin/sign-in"));

        await page.GotoAsync("/admin/documents");
        Assert.Contains("/admin/sign-in", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_posted_without_the_antiforgery_token_is_refused()
    {
        await using var context = await SignedInContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/documents");
        var documents = await page.Locator("table a").CountAsync();
        var href = await page.Locator("table a").First.GetAttributeAsync("href");

        // The browser's own session cookie goes with the request; only the token is missing.
        var response = await context.APIRequest.PostAsync($"{href}?handler=Delete", new APIRequestContextOptions { Form = context.APIRequest.CreateFormData() });

        Assert.Equal(400, response.Status);
        await page.ReloadAsync();
        Assert.Equal(documents, await page.Locator("table a").CountAsync());
    }

    [Fact]
    public async Task Upload_a_pdf_and_watch_it_reach_processed()
    {
        await using var context = await SignedInContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/documents");
        await page.GetByLabel("File (PDF, Word, HTML, Markdown or text)").SetInputFilesAsync(new FilePayload
        {
            Name = "corporate-card-limits.pdf",
            MimeType = "application/pdf",
            Buffer = TestDocuments.Pdf(
                ("Corporate card limits", ["Each corporate card has a monthly limit set by the cardholder's manager.", "Limits above 25,000 dollars need finance approval."]),
                ("Disputes", ["A cardholder disputes a charge within 60 days of the statement date.", "The bank credits the amount while it investigates."])),
        });
        await page.GetByLabel("Title (optional)").FillAsync("Corporate card limits");
        await page.GetByLabel("Category").SelectOptionAsync("reference");
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();

        await page.WaitForURLAsync(new Regex("/admin/documents/[0-9a-f-]{36}"));
        // The page refreshes itself while the worker processes the document.
        await Assertions.Expect(page.Locator("#document-status")).ToHaveAttributeAsync("data-status", "processed", new() { Timeout = 120_000 });
        // Chunks keep their page numbers: the first starts on page 1 (short pages may share one chunk, "pp. 1–2").
        await Assertions.Expect(page.Locator(".chunk").First).ToContainTextAsync(new Regex(@"pp?\. 1"));
        await Assertions.Expect(page.Locator(".chunk").First).ToContainTextAsync("monthly limit");
        await AssertAccessibleAsync(page, "document-uploaded");

        await page.GotoAsync("/admin/documents");
        var row = page.Locator("tr", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "Corporate card limits" }) });
        await Assertions.Expect(row.Locator("[data-status]")).ToHaveAttributeAsync("data-status", "processed");
    }

    private Task<IBrowserContext> NewContextAsync() => _browser.ConsoleContextAsync(app.BaseUrl);

    private async Task<IBrowserContext> SignedInContextAsync()
    {
        var context = await NewContextAsync();
        await (await Browser.SignInAsync(context, ConsoleApp.AdminKey)).CloseAsync();
        return context;
    }

    private static async Task AssertAccessibleAsync(IPage page, string name)
    {
        await Browser.ScreenshotAsync(page, name);
        var violations = await Browser.SeriousViolationsAsync(page);
        Assert.True(violations.Count == 0, $"{page.Url}: {string.Join("; ", violations)}");
    }

    private static async Task<List<string>> RowsAsync(IPage page, string table, int cells)
    {
        var rows = new List<string>();
        foreach (var row in await page.Locator($"table[data-table='{table}'] tbody tr").AllAsync())
        {
            var texts = await row.Locator("th, td").AllInnerTextsAsync();
            rows.Add(string.Join('|', texts.Take(cells).Select(t => t.Trim())));
        }

        return rows;
    }
}
