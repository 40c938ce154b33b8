using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BmoLearning.Core.Data;
using BmoLearning.Core.Governance.Audit;
using BmoLearning.Core.Lessons;
using BmoLearning.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BmoLearning.Tests.Governance;

/// <summary>The edit review action (issue 14): an edit passes the generation checks or changes nothing.</summary>
public sealed class LessonEditTests : IDisposable
{
    private readonly BmoAppFactory _factory = new();

    [Fact]
    public async Task A_passing_edit_is_kept_with_reviewer_time_and_reason_and_audited_with_the_fields_it_changed()
    {
        var admin = _factory.CreateAdminClient();
        var lessonId = await NewLessonAsync(admin);
        var before = await LessonAsync(lessonId);
        var scenario = "A customer asks a branch employee how the annual percentage rate on a card compares with its monthly interest; "
            + "the employee explains what the rate covers and where the customer can read it.";

        var response = await admin.PostAsJsonAsync($"/api/v1/lessons/{lessonId}/review",
            new { action = "edit", reason = "The scenario now matches a branch conversation.", scenario });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadObjectAsync();
        Assert.Equal(before.Status.ToString().ToLowerInvariant(), (string)body["status"]!);
        var after = await LessonAsync(lessonId);
        Assert.Equal(scenario, after.Scenario);
        Assert.Equal((before.Content, before.QuizQuestion, before.CorrectAnswer), (after.Content, after.QuizQuestion, after.CorrectAnswer));
        Assert.Equal("The scenario now matches a branch conversation.", after.ReviewReason);
        Assert.StartsWith("key:", after.ReviewedBy, StringComparison.Ordinal);
        Assert.NotNull(after.ReviewedAt);
        var served = await (await admin.GetAsync($"/api/v1/lessons/{lessonId}")).ReadObjectAsync();
        Assert.Equal(scenario, (string)served["scenario"]!);

        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var edited = Assert.Single(await db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditActions.LessonEdited).ToListAsync());
        Assert.Equal(lessonId.ToString(), edited.SubjectId);
        Assert.Equal(after.ReviewedBy, edited.Actor);
        Assert.Contains("\"fields\":[\"scenario\"]", edited.Data, StringComparison.Ordinal);
        Assert.DoesNotContain("branch employee", edited.Data, StringComparison.Ordinal);
        Assert.True((await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None)).Intact);
    }

    public static TheoryData<string, string> FailingEdits => new()
    {
        // The safety pipeline: a guarantee is refused, and personal data is refused rather than silently redacted.
        { """{"scenario":"Tell the customer this card has guaranteed returns with no risk at all."}""", "scenario" },
        { """{"explanation":"Call Dana at 416-555-0199 or write to dana.lee@example.com for the answer."}""", "explanation" },
        // The lesson contract.
        { """{"key_points":["Only one point."]}""", "key_points" },
        { """{"quiz_options":["Same answer","same answer","Another one","A third one"]}""", "quiz_options" },
        { """{"correct_answer":7}""", "correct_answer" },
        { """{"content":"   "}""", "content" },
        // The quiz-quality checks: the correct option is clearly the longest, and "all of the above".
        { """{"quiz_options":["It is the yearly cost of borrowing including interest and most fees charged by the lender","A fee","A rate","A term"],"correct_answer":0}""", "quiz" },
        { """{"quiz_options":["The yearly cost","The monthly fee","The late charge","All of the above"],"correct_answer":3}""", "quiz" },
    };

    [Theory]
    [MemberData(nameof(FailingEdits))]
    public async Task A_failing_edit_is_422_naming_the_field_and_the_lesson_is_unchanged(string fields, string field)
    {
        var admin = _factory.CreateAdminClient();
        var lessonId = await NewLessonAsync(admin);
        var before = await LessonAsync(lessonId);
        var request = JsonNode.Parse(fields)!.AsObject();
        request["action"] = "edit";
        request["reason"] = "Reviewer edit.";

        var problem = await (await admin.PostAsync($"/api/v1/lessons/{lessonId}/review", JsonContent.Create(request)))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        var reasons = problem["errors"]?[field]?.AsArray();
        Assert.True(reasons is { Count: > 0 }, problem.ToJsonString());
        var after = await LessonAsync(lessonId);
        Assert.Equal(Snapshot(before), Snapshot(after));
        await using var scope = _factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEntries.AnyAsync(e => e.Action == AuditActions.LessonEdited));
    }

    [Fact]
    public async Task Edits_without_a_reason_or_fields_with_another_action_of_stale_retired_or_unknown_lessons_or_by_non_admins_are_refused()
    {
        var admin = _factory.CreateAdminClient();
        var lessonId = await NewLessonAsync(admin);
        var staleId = await NewLessonAsync(admin, "grace period");
        var edit = new { action = "edit", reason = "Clearer.", scenario = "A customer asks how the rate on their card is shown on the statement each month." };

        var noReason = await (await admin.PostAsJsonAsync($"/api/v1/lessons/{lessonId}/review", new { action = "edit", scenario = edit.scenario }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(noReason["errors"]?["reason"]);
        var empty = await (await admin.PostAsJsonAsync($"/api/v1/lessons/{lessonId}/review", new { action = "edit", reason = "Nothing." }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(empty["errors"]?["lesson"]);
        var mixed = await (await admin.PostAsJsonAsync($"/api/v1/lessons/{lessonId}/review", new { action = "retire", reason = "x", scenario = edit.scenario }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(mixed["errors"]?["action"]);
        await (await admin.PostAsJsonAsync($"/api/v1/lessons/{Guid.NewGuid()}/review", edit)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _factory.CreateIntegrationClient().PostAsJsonAsync($"/api/v1/lessons/{lessonId}/review", edit)).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(LessonStatus.Published, (await LessonAsync(lessonId)).Status);

        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var stale = await db.Lessons.SingleAsync(l => l.Id == staleId);
            stale.Status = LessonStatus.Stale;
            await db.SaveChangesAsync();
        }

        await (await admin.PostAsJsonAsync($"/api/v1/lessons/{staleId}/review", edit)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/lessons/{lessonId}/review", new { action = "retire", reason = "Superseded." })).StatusCode);
        await (await admin.PostAsJsonAsync($"/api/v1/lessons/{lessonId}/review", edit)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.NotEqual(edit.scenario, (await LessonAsync(lessonId)).Scenario);
        Assert.NotEqual(edit.scenario, (await LessonAsync(staleId)).Scenario);
    }

    private static string Snapshot(Lesson l) =>
        string.Join("|", [l.Content, .. l.KeyPoints, l.Scenario, l.QuizQuestion, .. l.QuizOptions, l.CorrectAnswer.ToString(), l.Explanation, l.ReviewedBy ?? "", l.ReviewReason ?? "", l.Status.ToString()]);

    private static async Task<Guid> NewLessonAsync(HttpClient admin, string topic = "APR")
    {
        var learner = await admin.CreateLearnerAsync();
        return Guid.Parse((string)(await admin.CreateReadyLessonAsync((string)learner["id"]!, topic))["id"]!);
    }

    private async Task<Lesson> LessonAsync(Guid id)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Lessons.AsNoTracking().SingleAsync(l => l.Id == id);
    }

    public void Dispose() => _factory.Dispose();
}
