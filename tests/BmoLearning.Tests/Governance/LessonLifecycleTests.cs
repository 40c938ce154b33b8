using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BmoLearning.Core.Data;
using BmoLearning.Core.Lessons;
using BmoLearning.Tests.Infrastructure;
using BmoLearning.Tests.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BmoLearning.Tests.Governance;

/// <summary>Lesson lifecycle under the approval policy (issue 14): drafts wait, reviewers decide, approved lessons are reused.</summary>
public sealed class LessonLifecycleTests : IDisposable
{
    private readonly FlakyGenerator _generator = new(failures: 0);
    private readonly BmoAppFactory _factory;

    public LessonLifecycleTests()
    {
        // The fake writes like the offline generator (no model), so the policy must hold every lesson for this test.
        _factory = new BmoAppFactory().With("Approval:Required", "true").With("Approval:ModelWrittenOnly", "false");
        _factory.WithServices(s => s.AddTestGenerator(_generator));
    }

    [Fact]
    public async Task A_draft_is_not_delivered_until_approved_approving_twice_is_409_and_the_library_reuses_it_without_a_model_call()
    {
        var admin = _factory.CreateAdminClient();
        var first = await admin.CreateLearnerAsync();
        var request = await admin.RequestLessonAsync((string)first["id"]!, "APR");
        var waiting = await WaitForStatusAsync(admin, (string)request["id"]!, "awaiting_approval");
        var lessonId = Guid.Parse((string)waiting["lesson"]!["id"]!);
        var seenByIntegration = await (await _factory.CreateIntegrationClient().GetAsync($"/api/v1/lesson_requests/{request["id"]}")).ReadObjectAsync();
        Assert.Null(seenByIntegration["lesson"]);

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(LessonStatus.Draft, (await LessonAsync(lessonId)).Status);
        Assert.False(await DeliveredAsync(lessonId));

        var approved = await admin.PostAsJsonAsync($"/api/v1/lessons/{lessonId}/review", new { action = "approve" });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("approved", (string)(await approved.ReadObjectAsync())["status"]!);
        await (await admin.PostAsJsonAsync($"/api/v1/lessons/{lessonId}/review", new { action = "approve" })).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("ready", (string)(await WaitForStatusAsync(admin, (string)request["id"]!, "ready"))["status"]!);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        // Published once a send succeeded (a delivery record exists from the moment the send is claimed).
        while ((await LessonAsync(lessonId)).Status != LessonStatus.Published && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.True(await DeliveredAsync(lessonId));
        Assert.Equal(LessonStatus.Published, (await LessonAsync(lessonId)).Status);
        Assert.Equal(1, _generator.Calls);

        var second = await admin.CreateLearnerAsync();
        var reused = await admin.CreateReadyLessonAsync((string)second["id"]!, "APR");

        Assert.Equal(1, _generator.Calls);
        var copy = await LessonAsync(Guid.Parse((string)reused["id"]!));
        Assert.Equal(lessonId, copy.LibraryLessonId);
        // A copy of an approved lesson needs no second review: approved, or already published if its send went out.
        Assert.Contains(copy.Status, new[] { LessonStatus.Approved, LessonStatus.Published });
    }

    [Fact]
    public async Task A_rejected_draft_fails_its_request_with_the_reason_and_bad_reviews_are_refused()
    {
        var admin = _factory.CreateAdminClient();
        var learner = await admin.CreateLearnerAsync();
        var request = await admin.RequestLessonAsync((string)learner["id"]!, "grace period");
        var waiting = await WaitForStatusAsync(admin, (string)request["id"]!, "awaiting_approval");
        var lessonId = (string)waiting["lesson"]!["id"]!;

        var noReason = await (await admin.PostAsJsonAsync($"/api/v1/lessons/{lessonId}/review", new { action = "reject" })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(noReason["errors"]?["reason"]);
        var badAction = await (await admin.PostAsJsonAsync($"/api/v1/lessons/{lessonId}/review", new { action = "publish" })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(badAction["errors"]?["action"]);
        await (await admin.PostAsJsonAsync($"/api/v1/lessons/{Guid.NewGuid()}/review", new { action = "approve" })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _factory.CreateIntegrationClient().PostAsJsonAsync($"/api/v1/lessons/{lessonId}/review", new { action = "approve" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await admin.PostAsJsonAsync($"/api/v1/lessons/{lessonId}/review", new { action = "retire", reason = "not yet" })).AssertProblemAsync(HttpStatusCode.Conflict);

        var rejected = await admin.PostAsJsonAsync($"/api/v1/lessons/{lessonId}/review", new { action = "reject", reason = "The scenario misstates the grace period." });

        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        var failed = await WaitForStatusAsync(admin, (string)request["id"]!, "failed");
        Assert.Contains("misstates the grace period", (string)failed["error"]!, StringComparison.Ordinal);
        var lesson = await LessonAsync(Guid.Parse(lessonId));
        Assert.Equal((LessonStatus.Retired, "The scenario misstates the grace period."), (lesson.Status, lesson.ReviewReason));
        Assert.StartsWith("key:", lesson.ReviewedBy, StringComparison.Ordinal);
        Assert.False(await DeliveredAsync(lesson.Id));
        await (await admin.PostAsJsonAsync($"/api/v1/lessons/{lessonId}/review", new { action = "approve" })).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    private static async Task<JsonObject> WaitForStatusAsync(HttpClient client, string requestId, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var body = await (await client.GetAsync($"/api/v1/lesson_requests/{requestId}")).ReadObjectAsync();
            if ((string?)body["status"] == status)
            {
                return body;
            }

            Assert.True(DateTime.UtcNow < deadline, $"request {requestId} is {body["status"]}, not {status}: {body.ToJsonString()}");
            await Task.Delay(200);
        }
    }

    private async Task<Lesson> LessonAsync(Guid id)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Lessons.AsNoTracking().SingleAsync(l => l.Id == id);
    }

    private async Task<bool> DeliveredAsync(Guid lessonId)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().LessonDeliveries.AnyAsync(d => d.LessonId == lessonId);
    }

    public void Dispose() => _factory.Dispose();
}
