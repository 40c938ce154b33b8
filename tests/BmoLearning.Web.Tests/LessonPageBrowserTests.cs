using BmoLearning.Core.Data;
using BmoLearning.Core.LearningPaths;
using BmoLearning.Core.Learners;
using BmoLearning.Core.Lessons;
using BmoLearning.Delivery.Links;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BmoLearning.Web.Tests;

/// <summary>
/// Issue 17 item 2 in a real browser: the answer link in a message (GET /l/{token}/answer/N) shows a confirmation
/// and records nothing; only the confirmation's POST records the answer. The page is captured for the docs.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class LessonPageBrowserTests(ConsoleApp app) : IAsyncLifetime
{
    private Browser _browser = null!;
    private Guid? _learnerId;

    public async Task InitializeAsync() => _browser = await Browser.LaunchAsync();

    /// <summary>The shared application's other tests count learners and answers: what this test added goes again.</summary>
    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        if (_learnerId is { } learnerId)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.ReviewLogs.Where(r => r.LearnerId == learnerId).ExecuteDeleteAsync();
            await db.ConceptMemories.Where(m => m.LearnerId == learnerId).ExecuteDeleteAsync();
            await db.QuizResponses.Where(r => r.LearnerId == learnerId).ExecuteDeleteAsync();
            await db.Lessons.Where(l => l.LearnerId == learnerId).ExecuteDeleteAsync();
            await db.LearningPaths.Where(p => p.LearnerId == learnerId).ExecuteDeleteAsync();
            await db.Learners.Where(l => l.Id == learnerId).ExecuteDeleteAsync();
        }
    }

    [Fact]
    public async Task An_answer_link_shows_a_confirmation_and_only_its_post_records_the_answer()
    {
        var (learnerId, lessonId) = await AddLessonAsync();
        _learnerId = learnerId;
        var token = app.Services.GetRequiredService<LessonLinks>().CreateToken(learnerId, lessonId, DeliveryChannel.Email);
        await using var context = await _browser.Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl,
            // The lesson page's CSP (default-src 'none') would block axe-core's injected script; the page itself is unchanged.
            BypassCSP = true,
            ViewportSize = new ViewportSize { Width = 800, Height = 900 },
        });
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();

        await page.GotoAsync($"/l/{token}/answer/1");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Confirm answer B" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("Your choice: B) 25 days after the statement closing date");
        await Browser.ScreenshotAsync(page, "answer-confirmation");
        var violations = await Browser.SeriousViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join("; ", violations));
        Assert.Equal(0, await AnswersAsync(lessonId));

        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm answer B" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        var body = await page.Locator("body").InnerTextAsync();
        Assert.True(body.Contains("Correct", StringComparison.Ordinal), body);
        Assert.Equal(1, await AnswersAsync(lessonId));
    }

    private async Task<(Guid LearnerId, Guid LessonId)> AddLessonAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = DateTimeOffset.UtcNow;
        var learner = new Learner { Email = $"confirm-{Guid.NewGuid():N}@example.com", Name = "Dana Okafor", CreatedAt = now, UpdatedAt = now };
        var path = new LearningPath { LearnerId = learner.Id, Topic = "Grace periods", TopicKey = LearningPath.KeyFor("Grace periods"), CreatedAt = now, UpdatedAt = now };
        var lesson = new Lesson
        {
            LearningPathId = path.Id,
            LearnerId = learner.Id,
            Topic = "Grace periods",
            Content = "A grace period is the time between the end of a billing cycle and the payment due date. Pay the full statement balance by the due date and no interest is charged on purchases.",
            KeyPoints = ["The grace period runs from the statement closing date to the due date.", "Paying the full balance by the due date avoids interest on purchases.", "Cash advances have no grace period."],
            Scenario = "Sam's statement closes on 5 March. The full balance is paid on 28 March, before the due date of 30 March.",
            QuizQuestion = "On a card with a 25-day grace period, when is the payment due?",
            QuizOptions = ["On the statement closing date", "25 days after the statement closing date", "At the end of the next billing cycle", "30 days after each purchase"],
            CorrectAnswer = 1,
            Explanation = "The grace period starts when the statement closes; the due date is at its end.",
            GeneratorName = "offline-extractive",
            GeneratorVersion = "1",
            CreatedAt = now,
            DeliveredAt = now,
            DeliveryChannel = "email",
        };
        db.Learners.Add(learner);
        db.LearningPaths.Add(path);
        db.Lessons.Add(lesson);
        await db.SaveChangesAsync();
        return (learner.Id, lesson.Id);
    }

    private async Task<int> AnswersAsync(Guid lessonId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().QuizResponses.CountAsync(r => r.LessonId == lessonId);
    }
}
