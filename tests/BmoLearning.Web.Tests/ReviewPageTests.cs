using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BmoLearning.Core.Data;
using BmoLearning.Core.Governance.Audit;
using BmoLearning.Core.LearningPaths;
using BmoLearning.Core.Learners;
using BmoLearning.Core.Lessons;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BmoLearning.Web.Tests;

/// <summary>
/// The review page (issue 14): drafts awaiting approval with their sources, approved and rejected through the page's
/// forms, and the API sees the new states; axe-checked like every console page; admins only.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class ReviewPageTests(ConsoleApp app) : IAsyncLifetime
{
    private readonly List<Guid> _learners = [];
    private Browser _browser = null!;

    public async Task InitializeAsync() => _browser = await Browser.LaunchAsync();

    /// <summary>The shared application's other tests count learners and lessons: what this test added goes again.</summary>
    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        foreach (var learnerId in _learners)
        {
            await db.LessonDeliveries.Where(d => d.LearnerId == learnerId).ExecuteDeleteAsync();
            await db.Lessons.Where(l => l.LearnerId == learnerId).ExecuteDeleteAsync();
            await db.LearningPaths.Where(p => p.LearnerId == learnerId).ExecuteDeleteAsync();
            await db.Learners.Where(l => l.Id == learnerId).ExecuteDeleteAsync();
        }
    }

    [Fact]
    public async Task An_admin_approves_one_draft_and_rejects_another_with_a_reason_and_the_api_sees_both()
    {
        var approveId = await AddDraftAsync("Balance transfers");
        var rejectId = await AddDraftAsync("Minimum payments");
        await using var context = await _browser.ConsoleContextAsync(app.BaseUrl);
        var page = await Browser.SignInAsync(context, ConsoleApp.AdminKey);

        await page.GetByRole(AriaRole.Link, new() { Name = "Review", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/admin/review$"));
        var draft = page.Locator($"article[data-lesson='{approveId}']");
        await Assertions.Expect(draft).ToContainTextAsync("Cardholder agreement");
        await Assertions.Expect(draft).ToContainTextAsync("Balance transfers");
        await Browser.ScreenshotAsync(page, "review");
        var violations = await Browser.SeriousViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join("; ", violations));

        await page.GetByRole(AriaRole.Button, new() { Name = $"Approve Balance transfers ({approveId})" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Lesson approved.");
        await Assertions.Expect(page.Locator($"article[data-lesson='{approveId}']")).ToHaveCountAsync(0);
        // The reason is required in the browser too: an empty one never leaves the page.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Reject Minimum payments ({rejectId})" }).ClickAsync();
        Assert.Equal("draft", await StatusAsync(rejectId));
        await page.GetByLabel($"Reason for rejecting Minimum payments ({rejectId})").FillAsync("The minimum payment rule is out of date.");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Reject Minimum payments ({rejectId})" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Lesson rejected.");
        violations = await Browser.SeriousViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join("; ", violations));

        Assert.Equal("approved", await StatusAsync(approveId));
        Assert.Equal("retired", await StatusAsync(rejectId));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var rejected = await db.Lessons.AsNoTracking().SingleAsync(l => l.Id == rejectId);
        Assert.Equal(("console:admin key", "The minimum payment rule is out of date."), (rejected.ReviewedBy, rejected.ReviewReason));
        var audited = await db.AuditEntries.AsNoTracking().Where(e => e.Action == "ReviewLesson" && e.Actor == "console:admin key").Select(e => e.SubjectId).ToListAsync();
        Assert.Contains(approveId.ToString(), audited);
        Assert.Contains(rejectId.ToString(), audited);
        Assert.True((await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None)).Intact);
    }

    [Fact]
    public async Task An_admin_edits_a_draft_in_the_page_and_a_bad_edit_is_refused_with_its_field_and_changes_nothing()
    {
        var draftId = await AddDraftAsync("Promotional rates");
        await using var context = await _browser.ConsoleContextAsync(app.BaseUrl);
        var page = await Browser.SignInAsync(context, ConsoleApp.AdminKey);
        await page.GotoAsync("/admin/review");

        const string scenario = "Priya moves a $4,000 balance to a card with a six-month promotional rate and asks what happens in month seven.";
        await page.Locator($"article[data-lesson='{draftId}'] summary").ClickAsync();
        await page.GetByLabel($"Scenario of Promotional rates ({draftId})").FillAsync(scenario);
        await page.GetByLabel($"Reason for editing Promotional rates ({draftId})").FillAsync("A concrete amount helps.");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Save edit of Promotional rates ({draftId})" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Lesson edited");
        var violations = await Browser.SeriousViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join("; ", violations));

        using var api = app.Api();
        var lesson = JsonNode.Parse(await api.GetStringAsync($"/api/v1/lessons/{draftId}"))!;
        Assert.Equal(scenario, (string?)lesson["scenario"]);
        Assert.Equal("draft", (string?)lesson["status"]);

        // Two options only: the lesson contract refuses it, the page says which field, and nothing changes.
        await page.Locator($"article[data-lesson='{draftId}'] summary").ClickAsync();
        await page.GetByLabel($"Options of Promotional rates ({draftId})").FillAsync("The regular rate applies\nThe balance is forgiven");
        await page.GetByLabel($"Reason for editing Promotional rates ({draftId})").FillAsync("Fewer options.");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Save edit of Promotional rates ({draftId})" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("was not changed");
        Assert.Contains("quiz_options", await page.Locator("ul.error").InnerTextAsync(), StringComparison.Ordinal);
        lesson = JsonNode.Parse(await api.GetStringAsync($"/api/v1/lessons/{draftId}"))!;
        Assert.Equal(4, lesson["quiz_options"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("manager")]
    [InlineData("viewer")]
    public async Task Managers_and_viewers_get_403_from_the_page_and_its_forms(string role)
    {
        var draftId = await AddDraftAsync("Overlimit fees");
        var cookie = await app.SessionCookieAsync(role, ConsoleApp.ManagerTeam);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(app.BaseUrl) };
        using var get = new HttpRequestMessage(HttpMethod.Get, "/admin/review") { Headers = { { "Cookie", cookie } } };
        using var post = new HttpRequestMessage(HttpMethod.Post, $"/admin/review?handler=Approve&id={draftId}") { Headers = { { "Cookie", cookie } }, Content = new FormUrlEncodedContent([]) };

        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(get)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(post)).StatusCode);
        Assert.Equal("draft", await StatusAsync(draftId));
    }

    [Theory]
    [InlineData("Reject", " ", 422, "reason is required")]
    [InlineData("Regenerate", "", 409, "only a stale lesson is regenerated")]
    public async Task A_refused_act_posted_past_the_browser_shows_the_reason_with_the_api_status_and_changes_nothing(string handler, string reason, int status, string message)
    {
        var draftId = await AddDraftAsync("Foreign transaction fees");
        var cookie = await app.SessionCookieAsync("admin");
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(app.BaseUrl) };
        using var get = new HttpRequestMessage(HttpMethod.Get, "/admin/review") { Headers = { { "Cookie", cookie } } };
        var form = await client.SendAsync(get);
        var token = TokenPattern().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;
        var antiforgery = form.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("bmo_console_af=", StringComparison.Ordinal)).Split(';')[0];
        using var post = new HttpRequestMessage(HttpMethod.Post, $"/admin/review?handler={handler}&id={draftId}")
        {
            Headers = { { "Cookie", $"{cookie}; {antiforgery}" } },
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["reason"] = reason, ["__RequestVerificationToken"] = token }),
        };

        var response = await client.SendAsync(post);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("draft", await StatusAsync(draftId));
    }

    private async Task<string?> StatusAsync(Guid lessonId)
    {
        using var api = app.Api();
        var lesson = JsonNode.Parse(await api.GetStringAsync($"/api/v1/lessons/{lessonId}"))!;
        return (string?)lesson["status"];
    }

    private async Task<Guid> AddDraftAsync(string topic)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = DateTimeOffset.UtcNow;
        var learner = new Learner { Email = $"review-{Guid.NewGuid():N}@example.com", Name = "Rae Review", CreatedAt = now, UpdatedAt = now };
        var path = new LearningPath { LearnerId = learner.Id, Topic = topic, TopicKey = LearningPath.KeyFor(topic), CreatedAt = now, UpdatedAt = now };
        var lesson = new Lesson
        {
            LearningPathId = path.Id,
            LearnerId = learner.Id,
            Topic = topic,
            Content = "A balance transfer moves a balance from one card to another, often at a promotional rate for a set term.",
            KeyPoints = ["The promotional rate ends after the term.", "A transfer fee may apply.", "New purchases may carry the regular rate."],
            Scenario = "Sam moves a balance to a new card with a six-month promotional rate.",
            QuizQuestion = "What happens when the promotional term ends?",
            QuizOptions = ["The regular rate applies", "The balance is forgiven", "The card is closed", "The fee is refunded"],
            CorrectAnswer = 0,
            Explanation = "After the term the regular rate applies to what remains.",
            Sources = [new LessonSource(1, Guid.NewGuid(), "Cardholder agreement", "Balance transfers", 3, 3)],
            GeneratorName = "llm",
            GeneratorVersion = "1",
            Model = "gpt-4o-mini",
            CreatedAt = now,
            Status = LessonStatus.Draft,
        };
        db.Learners.Add(learner);
        db.LearningPaths.Add(path);
        db.Lessons.Add(lesson);
        await db.SaveChangesAsync();
        _learners.Add(learner.Id);
        return lesson.Id;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
