using System.Net;
using System.Net.Http.Json;
using BmoLearning.Core.Learners;
using BmoLearning.Delivery.Links;
using BmoLearning.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BmoLearning.Tests.Delivery;

/// <summary>The lesson page behind a signed link, and the API around delivery (records, pausing paths, quiet hours).</summary>
public sealed class LessonPageTests
{
    [Fact]
    public async Task The_lesson_link_shows_an_accessible_page_and_answering_there_records_the_answer_once()
    {
        var time = new FakeTimeProvider(DeliveryApp.MondayMorning);
        using var factory = DeliveryApp.Create(time);
        var learner = await WebhookTests.CreateLearnerAsync(factory.CreateAdminClient(), new { });
        var lesson = await factory.AddSentLessonAsync(learner, DeliveryChannel.Web, time.GetUtcNow());
        var token = factory.Services.GetRequiredService<LessonLinks>().CreateToken(learner, lesson.Id, DeliveryChannel.Web);
        var browser = factory.CreateClient();

        var page = await browser.GetAsync($"/l/{token}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("<legend>When is no interest charged on purchases?</legend>", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"o1\">B) When the statement balance is paid in full by the due date</label>", html, StringComparison.Ordinal);
        Assert.Equal(4, html.Split("type=\"radio\"").Length - 1);

        var answered = await browser.PostAsync($"/l/{token}", new FormUrlEncodedContent(new Dictionary<string, string> { ["answer"] = "2" }));
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        var result = await answered.Content.ReadAsStringAsync();
        Assert.Contains("Not quite", result, StringComparison.Ordinal);
        Assert.Contains("B) When the statement balance is paid in full by the due date", result, StringComparison.Ordinal);
        Assert.Contains("Interest is waived only when", result, StringComparison.Ordinal);
        var answer = Assert.Single(await WebhookTests.AnswersAsync(factory, learner));
        Assert.Equal((2, false, "web"), (answer.AnswerGiven, answer.Correct, answer.Channel));

        var again = await browser.PostAsync($"/l/{token}", new FormUrlEncodedContent(new Dictionary<string, string> { ["answer"] = "1" }));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("You already answered", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Not quite", await (await browser.GetAsync($"/l/{token}")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(await WebhookTests.AnswersAsync(factory, learner));
    }

    [Fact]
    public async Task Tampered_expired_and_misbound_links_and_bad_answers_are_refused_without_recording_anything()
    {
        var time = new FakeTimeProvider(DeliveryApp.MondayMorning);
        using var factory = DeliveryApp.Create(time);
        var admin = factory.CreateAdminClient();
        var learner = await WebhookTests.CreateLearnerAsync(admin, new { });
        var other = await WebhookTests.CreateLearnerAsync(admin, new { });
        var lesson = await factory.AddSentLessonAsync(learner, DeliveryChannel.Web, time.GetUtcNow());
        var links = factory.Services.GetRequiredService<LessonLinks>();
        var token = links.CreateToken(learner, lesson.Id, DeliveryChannel.Web);
        var browser = factory.CreateClient();

        var tampered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/l/{tampered}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/l/not-a-token")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/l/{links.CreateToken(other, lesson.Id, DeliveryChannel.Web)}/answer/1")).StatusCode);
        var bad = await browser.PostAsync($"/l/{token}", new FormUrlEncodedContent(new Dictionary<string, string> { ["answer"] = "7" }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("role=\"alert\"", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await browser.PostAsync($"/l/{token}", new StringContent(""))).StatusCode);

        time.Advance(TimeSpan.FromDays(14) + TimeSpan.FromSeconds(1));
        var expired = await browser.GetAsync($"/l/{token}/answer/1");
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("expired", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await WebhookTests.AnswersAsync(factory, learner));
    }

    [Fact]
    public async Task Delivery_records_are_listed_with_the_learners_web_link_and_need_an_api_key()
    {
        var time = new FakeTimeProvider(DeliveryApp.MondayMorning);
        using var factory = DeliveryApp.Create(time);
        var admin = factory.CreateAdminClient();
        var learner = await WebhookTests.CreateLearnerAsync(admin, new { });
        var lesson = await factory.AddSentLessonAsync(learner, DeliveryChannel.Web, time.GetUtcNow());

        var body = await (await admin.GetAsync($"/api/v1/lessons/{lesson.Id}/deliveries")).ReadObjectAsync();

        Assert.StartsWith(DeliveryApp.PublicBaseUrl + "/l/", (string?)body["web_url"], StringComparison.Ordinal);
        var record = Assert.Single(body["deliveries"]!.AsArray())!;
        Assert.Equal(("web", "sent", "lesson"), ((string?)record["channel"], (string?)record["status"], (string?)record["kind"]));
        await (await admin.GetAsync($"/api/v1/lessons/{Guid.NewGuid()}/deliveries")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await factory.CreateClient().GetAsync($"/api/v1/lessons/{lesson.Id}/deliveries")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_learning_path_can_be_paused_and_resumed_and_bad_changes_are_refused()
    {
        var time = new FakeTimeProvider(DeliveryApp.MondayMorning);
        using var factory = DeliveryApp.Create(time);
        var admin = factory.CreateAdminClient();
        var learner = await WebhookTests.CreateLearnerAsync(admin, new { });
        var lesson = await factory.AddSentLessonAsync(learner, DeliveryChannel.Web, time.GetUtcNow());

        var paused = await admin.PatchAsJsonAsync($"/api/v1/learning_paths/{lesson.LearningPathId}", new { status = "paused" });
        Assert.Equal("paused", (string?)(await paused.ReadObjectAsync())["status"]);
        var resumed = await admin.PatchAsJsonAsync($"/api/v1/learning_paths/{lesson.LearningPathId}", new { status = "Active" });
        Assert.Equal("active", (string?)(await resumed.ReadObjectAsync())["status"]);

        var invalid = await (await admin.PatchAsJsonAsync($"/api/v1/learning_paths/{lesson.LearningPathId}", new { status = "completed" })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(invalid["errors"]!["status"]);
        await (await admin.PatchAsJsonAsync($"/api/v1/learning_paths/{Guid.NewGuid()}", new { status = "paused" })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await factory.CreateClient().PatchAsJsonAsync($"/api/v1/learning_paths/{lesson.LearningPathId}", new { status = "paused" })).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Quiet_hours_are_set_per_learner_cleared_to_the_default_and_validated()
    {
        using var factory = DeliveryApp.Create(new FakeTimeProvider(DeliveryApp.MondayMorning));
        var admin = factory.CreateAdminClient();
        var learner = await WebhookTests.CreateLearnerAsync(admin, new { quiet_hours_start = "21:30", quiet_hours_end = "07:00" });

        var created = await (await admin.GetAsync($"/api/v1/learners/{learner}")).ReadObjectAsync();
        Assert.Equal(("21:30", "07:00", false), ((string?)created["quiet_hours_start"], (string?)created["quiet_hours_end"], (bool)created["sms_opted_out"]!));
        var cleared = await (await admin.PatchAsJsonAsync($"/api/v1/learners/{learner}", new { quiet_hours_start = "" })).ReadObjectAsync();
        Assert.Null((string?)cleared["quiet_hours_start"]);
        Assert.Equal("07:00", (string?)cleared["quiet_hours_end"]);

        var invalid = await (await admin.PatchAsJsonAsync($"/api/v1/learners/{learner}", new { quiet_hours_end = "25:00" })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(invalid["errors"]!["quiet_hours_end"]);
    }
}
