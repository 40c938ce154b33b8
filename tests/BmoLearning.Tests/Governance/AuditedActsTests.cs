using System.Net;
using System.Net.Http.Json;
using BmoLearning.Core.Data;
using BmoLearning.Core.Governance.Audit;
using BmoLearning.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BmoLearning.Tests.Governance;

/// <summary>What lands in the audit chain when the API is used: the act, the key's id, the subject; no personal data.</summary>
public sealed class AuditedActsTests : IDisposable
{
    private readonly BmoAppFactory _factory = new();

    [Fact]
    public async Task Creating_a_learner_and_generating_a_lesson_are_audited_without_personal_data()
    {
        var client = _factory.CreateAdminClient();

        var learner = await client.CreateLearnerAsync("audited.person@example.com", "Audited Person");
        var lesson = await client.CreateReadyLessonAsync((string)learner["id"]!);

        // The job records its decision just after the request turns ready (a failed audit write must not regenerate
        // the lesson), so the entry may land a moment after the lesson is visible.
        var entries = await EntriesAsync();
        for (var waited = 0; !entries.Any(e => e.Action == AuditActions.LessonGenerated) && waited < 100; waited++)
        {
            await Task.Delay(100);
            entries = await EntriesAsync();
        }

        var created = Assert.Single(entries, e => e.Action == "CreateLearner");
        Assert.Equal((string)learner["id"]!, created.SubjectId);
        Assert.StartsWith("key:", created.Actor, StringComparison.Ordinal);
        Assert.DoesNotContain(BmoAppFactory.AdminKey, created.Actor, StringComparison.Ordinal);
        var generated = Assert.Single(entries, e => e.Action == AuditActions.LessonGenerated);
        Assert.Equal((string)lesson["id"]!, generated.SubjectId);
        Assert.Contains("\"generator\":", generated.Data, StringComparison.Ordinal);
        Assert.Contains("\"sources\":[{", generated.Data, StringComparison.Ordinal);
        Assert.All(entries, e => Assert.DoesNotContain("audited.person", e.Data + e.Actor + e.SubjectId, StringComparison.OrdinalIgnoreCase));
        Assert.All(entries, e => Assert.DoesNotContain("Audited Person", e.Data, StringComparison.Ordinal));
        await using var scope = _factory.Services.CreateAsyncScope();
        Assert.True((await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None)).Intact);
    }

    [Fact]
    public async Task Refused_and_read_only_requests_are_not_audited()
    {
        var client = _factory.CreateAdminClient();
        var before = (await EntriesAsync()).Count;

        var invalid = await client.PostAsJsonAsync("/api/v1/learners", new { email = "not-an-email", name = "" });
        var list = await client.GetAsync("/api/v1/documents");
        var anonymous = await _factory.CreateClientWithKey(null).PostAsJsonAsync("/api/v1/learners", new { email = "a@example.com", name = "A" });

        Assert.False(invalid.IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(before, (await EntriesAsync()).Count);
    }

    [Fact]
    public async Task Learners_answers_and_lesson_requests_are_not_administrative_acts_and_are_not_audited()
    {
        var client = _factory.CreateAdminClient();
        var learner = await client.CreateLearnerAsync();
        var lesson = await client.CreateReadyLessonAsync((string)learner["id"]!);
        var answered = await client.PostAsJsonAsync("/api/v1/quiz_responses", new { learner_id = (string)learner["id"]!, lesson_id = (string)lesson["id"]!, answer_given = 0 });
        Assert.Equal(HttpStatusCode.Created, answered.StatusCode);

        var actions = (await EntriesAsync()).Select(e => e.Action).ToList();
        Assert.Contains("CreateLearner", actions);
        Assert.Contains(AuditActions.LessonGenerated, actions);
        Assert.DoesNotContain("CreateQuizResponse", actions);
        Assert.DoesNotContain("RequestLesson", actions);
    }

    private async Task<List<AuditEntry>> EntriesAsync()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
    }

    public void Dispose() => _factory.Dispose();
}
