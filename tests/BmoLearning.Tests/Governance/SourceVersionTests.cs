using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using BmoLearning.Core.Data;
using BmoLearning.Core.Delivery;
using BmoLearning.Core.Knowledge;
using BmoLearning.Core.Lessons;
using BmoLearning.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BmoLearning.Tests.Governance;

/// <summary>
/// Source versions and stale lessons (issue 14): a new version of a document withdraws exactly the lessons citing a
/// passage it changed, lists them with before/after text, and regeneration replaces them with lessons citing the new
/// version. Runs on PostgreSQL when BMO_TEST_POSTGRES is set, like every factory test.
/// </summary>
public sealed class SourceVersionTests : IDisposable
{
    private const string Title = "Treasury operations handbook";
    private readonly BmoAppFactory _factory = new();

    private static byte[] Handbook(string wireCutoff) => Encoding.UTF8.GetBytes($"""
        # {Title}

        ## Wire cutoffs

        Domestic wire transfers submitted after the {wireCutoff} Eastern cutoff settle in 1 business day. International wire transfers settle in 3 business days. A wire transfer recall must be requested within 2 business days.

        ## Cheque holds

        Deposited cheques above $5,000 may be held for 5 business days. Cheques under $1,500 are available the next business day. A cheque drawn on a US bank may be held for 15 business days.

        ## Safe deposit boxes

        Small safe deposit boxes rent for $60 a year. Large safe deposit boxes rent for $150 a year. Drilling a safe deposit box after a lost key costs $250.
        """);

    [Fact]
    public async Task Changing_one_paragraph_makes_exactly_the_lessons_citing_it_stale_and_regeneration_cites_the_new_version()
    {
        var admin = _factory.CreateAdminClient();
        var v1 = await UploadAndWaitAsync(admin, Handbook("4 pm"), "handbook.md", title: Title);
        Assert.Equal(1, (int)v1["version"]!);
        var learner = (string)(await admin.CreateLearnerAsync())["id"]!;
        var lessonIds = new List<Guid>();
        foreach (var topic in new[] { "wire transfer cutoff", "safe deposit box rent" })
        {
            var made = await admin.WaitForLessonRequestAsync((string)(await admin.RequestLessonAsync(learner, topic))["id"]!);
            Assert.True((string?)made["status"] == "ready", made.ToJsonString());
            lessonIds.Add(Guid.Parse((string)made["lesson"]!["id"]!));
        }

        var v1Id = Guid.Parse((string)v1["id"]!);
        var wireChunk = await DbAsync(db => db.KnowledgeChunks.SingleAsync(c => c.DocumentId == v1Id && c.Text.Contains("wire transfers")));
        var lessons = await DbAsync(db => db.Lessons.AsNoTracking().Where(l => lessonIds.Contains(l.Id)).ToListAsync());
        var expected = lessons.Where(l => l.Sources.Any(s => s.ChunkId == wireChunk.Id)).Select(l => l.Id).ToHashSet();
        // The test means something only if some lessons cite the changed paragraph and some do not.
        Assert.NotEmpty(expected);
        Assert.True(expected.Count < lessons.Count, "every lesson cites the wire paragraph");

        var v2 = await UploadAndWaitAsync(admin, Handbook("5 pm"), "handbook-2.md", title: Title);

        Assert.Equal(2, (int)v2["version"]!);
        Assert.Equal(v1Id, Guid.Parse((string)v2["previous_version_id"]!));
        var after = await DbAsync(db => db.Lessons.AsNoTracking().Where(l => lessonIds.Contains(l.Id)).ToListAsync());
        Assert.Equal(expected, after.Where(l => l.Status == LessonStatus.Stale).Select(l => l.Id).ToHashSet());
        Assert.All(after.Where(l => !expected.Contains(l.Id)), l => Assert.NotEqual(LessonStatus.Stale, l.Status));
        Assert.NotNull(await DbAsync(db => db.KnowledgeDocuments.Where(d => d.Id == v1Id).Select(d => d.SupersededAt).SingleAsync()));
        var concepts = await DbAsync(db => db.Concepts.AsNoTracking().ToListAsync());
        Assert.NotNull(Assert.Single(concepts, c => c.ContentHash == wireChunk.ContentHash).StaleAt);
        Assert.All(concepts.Where(c => c.ContentHash != wireChunk.ContentHash), c => Assert.Null(c.StaleAt));

        var listed = (await (await admin.GetAsync("/api/v1/lessons/stale")).ReadObjectAsync())["items"]!.AsArray();
        Assert.Equal(expected, listed.Select(i => Guid.Parse((string)i!["id"]!)).ToHashSet());
        var passage = Assert.Single(listed[0]!["passages"]!.AsArray())!;
        Assert.Contains("4 pm", (string)passage["before"]!, StringComparison.Ordinal);
        Assert.Contains("5 pm", (string)passage["after"]!, StringComparison.Ordinal);
        Assert.Equal((1, 2), ((int)passage["from_version"]!, (int)passage["to_version"]!));

        // Not delivered: the same send that goes out for a current lesson does nothing for a stale one.
        var staleId = expected.First();
        var currentId = after.First(l => !expected.Contains(l.Id)).Id;
        Assert.Equal((0, 1), (await SendAsync(staleId), await SendAsync(currentId)));
        await (await admin.PostAsJsonAsync($"/api/v1/lessons/{staleId}/review", new { action = "approve" })).AssertProblemAsync(HttpStatusCode.Conflict);

        var regenerated = await admin.PostAsync($"/api/v1/lessons/{staleId}/regenerate", null);
        Assert.Equal(HttpStatusCode.Accepted, regenerated.StatusCode);
        var requestId = (string)(await regenerated.ReadObjectAsync())["lesson_request_id"]!;
        var done = await admin.WaitForLessonRequestAsync(requestId);
        Assert.Equal("ready", (string?)done["status"]);
        var replacement = await DbAsync(db => db.Lessons.AsNoTracking().SingleAsync(l => l.Id == Guid.Parse((string)done["lesson"]!["id"]!)));
        var v2Id = Guid.Parse((string)v2["id"]!);
        Assert.Contains(replacement.Sources, s => s.DocumentId == v2Id);
        Assert.DoesNotContain(replacement.Sources, s => s.DocumentId == v1Id);
        Assert.Equal(LessonStatus.Retired, (await DbAsync(db => db.Lessons.AsNoTracking().SingleAsync(l => l.Id == staleId))).Status);
        await (await admin.PostAsync($"/api/v1/lessons/{staleId}/regenerate", null)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await admin.PostAsync($"/api/v1/lessons/{currentId}/regenerate", null)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await admin.PostAsync($"/api/v1/lessons/{Guid.NewGuid()}/regenerate", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _factory.CreateIntegrationClient().GetAsync("/api/v1/lessons/stale")).AssertProblemAsync(HttpStatusCode.Forbidden);

        var actions = await DbAsync(db => db.AuditEntries.AsNoTracking().Select(e => new { e.Action, e.SubjectId }).ToListAsync());
        Assert.Contains(actions, a => a.Action == "document.versioned" && a.SubjectId == v2Id.ToString());
        Assert.Contains(actions, a => a.Action == "RegenerateLesson" && a.SubjectId == staleId.ToString());
    }

    [Fact]
    public async Task A_new_version_of_another_file_type_named_by_replaces_still_versions_and_bad_replaces_are_refused()
    {
        var admin = _factory.CreateAdminClient();
        var v1 = await UploadAndWaitAsync(admin, Handbook("4 pm"), "handbook.md");
        var v1Id = (string)v1["id"]!;
        var docx = TestDocuments.Docx(Title,
            ("Wire cutoffs", ["Domestic wire transfers submitted after the 6 pm Eastern cutoff settle on the next business day. Wire transfers to another country need the beneficiary bank's SWIFT code."], [], null));

        var v2 = await UploadAndWaitAsync(admin, docx, "handbook.docx", replaces: v1Id);

        Assert.Equal((2, v1Id, "processed"), ((int)v2["version"]!, (string)v2["previous_version_id"]!, (string)v2["status"]!));
        var old = await (await admin.GetAsync($"/api/v1/documents/{v1Id}")).ReadObjectAsync();
        Assert.True(old["superseded_at"] is not null, old.ToJsonString());
        var again = await admin.PostAsync("/api/v1/documents", Form(Encoding.UTF8.GetBytes("# Other\n\nText."), "other.md", replaces: v1Id));
        await again.AssertProblemAsync(HttpStatusCode.Conflict);
        var unknown = await admin.PostAsync("/api/v1/documents", Form(Encoding.UTF8.GetBytes("# Other\n\nText."), "other.md", replaces: Guid.NewGuid().ToString()));
        Assert.NotNull((await unknown.AssertProblemAsync(HttpStatusCode.UnprocessableEntity))["errors"]?["replaces"]);
        var malformed = await admin.PostAsync("/api/v1/documents", Form(Encoding.UTF8.GetBytes("# Other\n\nText."), "other.md", replaces: "not-an-id"));
        Assert.NotNull((await malformed.AssertProblemAsync(HttpStatusCode.UnprocessableEntity))["errors"]?["replaces"]);
        Assert.Equal(2, await DbAsync(db => db.KnowledgeDocuments.CountAsync(d => d.Title == Title || d.FileName!.StartsWith("handbook"))));
    }

    private static MultipartFormDataContent Form(byte[] bytes, string fileName, string? title = null, string? replaces = null)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", fileName } };
        if (title is not null)
        {
            form.Add(new StringContent(title), "title");
        }

        if (replaces is not null)
        {
            form.Add(new StringContent(replaces), "replaces");
        }

        return form;
    }

    private static async Task<JsonObject> UploadAndWaitAsync(HttpClient client, byte[] bytes, string fileName, string? title = null, string? replaces = null)
    {
        var response = await client.PostAsync("/api/v1/documents", Form(bytes, fileName, title, replaces));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (string)(await response.ReadObjectAsync())["document"]!["id"]!;
        return await client.WaitForDocumentAsync(id);
    }

    /// <summary>Forgets the lesson's first send and runs the delivery job again; returns how many sends it recorded.</summary>
    private async Task<int> SendAsync(Guid lessonId)
    {
        await DbAsync(db => db.LessonDeliveries.Where(d => d.LessonId == lessonId).ExecuteDeleteAsync());
        await DbAsync(db => db.Lessons.Where(l => l.Id == lessonId).ExecuteUpdateAsync(u => u.SetProperty(l => l.DeliveredAt, (DateTimeOffset?)null)));
        await using var scope = _factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DeliveryJob>().RunAsync(lessonId, sequence: 0, CancellationToken.None);
        return await DbAsync(db => db.LessonDeliveries.CountAsync(d => d.LessonId == lessonId));
    }

    private async Task<T> DbAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public void Dispose() => _factory.Dispose();
}
