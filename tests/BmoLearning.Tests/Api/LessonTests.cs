using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BmoLearning.Ai.Generation.Quality;
using BmoLearning.Core.Data;
using BmoLearning.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BmoLearning.Tests.Api;

public sealed class LessonTests : IDisposable
{
    private readonly BmoAppFactory _factory = new();
    private readonly HttpClient _client;

    public LessonTests() => _client = _factory.CreateAdminClient();

    /// <summary>The reference system's step 16, with an API key: learner, request, poll, stored lesson with resolving sources.</summary>
    [Fact]
    public async Task Seed_step_16_flow_produces_a_valid_stored_lesson_whose_sources_resolve_to_chunks()
    {
        var learner = await _client.CreateLearnerAsync("test@example.com", "Test User");
        var response = await _client.PostAsJsonAsync($"/api/v1/learners/{learner["id"]}/request_lesson", new { topic = "APR", difficulty = "beginner" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.ReadObjectAsync();
        Assert.Equal($"/api/v1/lesson_requests/{accepted["id"]}", response.Headers.Location?.ToString());

        var done = await _client.WaitForLessonRequestAsync((string)accepted["id"]!);
        Assert.Equal("ready", (string?)done["status"]);
        var lesson = done["lesson"]!.AsObject();
        var options = lesson["quiz_options"]!.AsArray().Select(o => (string)o!).ToList();
        Assert.Equal(4, options.Count);
        Assert.Equal(4, options.Distinct().Count());
        var correct = (int)lesson["correct_answer"]!;
        Assert.InRange(correct, 0, 3);

        var sources = lesson["sources"]!.AsArray();
        Assert.NotEmpty(sources);
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var chunkIds = sources.Select(s => (long)s!["chunk_id"]!).ToList();
        var chunks = await db.KnowledgeChunks.Where(c => chunkIds.Contains(c.Id)).ToListAsync();
        Assert.Equal(chunkIds.Count, chunks.Count);
        // Exactly one option makes a statement of a cited chunk (the question's gap filled with it): the correct one.
        var question = (string)lesson["quiz_question"]!;
        Assert.Contains(chunks, c => Normalize(c.Text).Contains(Normalize(QuizText.Claim(question, options[correct])), StringComparison.Ordinal));
        var allText = (await db.KnowledgeChunks.Select(c => c.Text).ToListAsync()).Select(Normalize).ToList();
        foreach (var wrong in options.Where((_, i) => i != correct))
        {
            Assert.DoesNotContain(allText, t => t.Contains(Normalize(QuizText.Claim(question, wrong)), StringComparison.Ordinal));
        }

        var stored = await db.Lessons.SingleAsync(l => l.Id == Guid.Parse((string)lesson["id"]!));
        Assert.Equal("offline-extractive", stored.GeneratorName);
    }

    [Theory]
    [InlineData("easy", "beginner")]
    [InlineData("medium", "intermediate")]
    [InlineData("HARD", "advanced")]
    public async Task Difficulty_aliases_are_accepted(string given, string stored)
    {
        var learner = await _client.CreateLearnerAsync();
        var request = await _client.RequestLessonAsync((string)learner["id"]!, "Credit utilisation", given);
        Assert.Equal(stored, (string?)request["difficulty"]);
    }

    [Fact]
    public async Task Invalid_topic_and_difficulty_return_422()
    {
        var learner = await _client.CreateLearnerAsync();
        var response = await _client.PostAsJsonAsync($"/api/v1/learners/{learner["id"]}/request_lesson", new { topic = " ", difficulty = "expert" });
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("topic"));
        Assert.True(problem["errors"]!.AsObject().ContainsKey("difficulty"));
    }

    [Fact]
    public async Task Request_lesson_for_unknown_learner_returns_404()
    {
        var response = await _client.PostAsJsonAsync($"/api/v1/learners/{Guid.NewGuid()}/request_lesson", new { topic = "APR", difficulty = "beginner" });
        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_topic_the_knowledge_base_does_not_cover_fails_with_a_clear_reason()
    {
        var learner = await _client.CreateLearnerAsync();
        var request = await _client.RequestLessonAsync((string)learner["id"]!, "Python basics");
        var done = await _client.WaitForLessonRequestAsync((string)request["id"]!);
        Assert.Equal("failed", (string?)done["status"]);
        Assert.Contains("Nothing in the knowledge base is relevant", (string?)done["error"], StringComparison.Ordinal);
        Assert.Equal(1, (int)done["attempts"]!);
        Assert.Null(done["lesson"]);
    }

    [Fact]
    public async Task Requests_on_the_same_topic_join_one_learning_path()
    {
        var learner = await _client.CreateLearnerAsync();
        var id = (string)learner["id"]!;
        var first = await _client.RequestLessonAsync(id, "Minimum payments");
        var second = await _client.RequestLessonAsync(id, "minimum  payments");
        Assert.Equal((string?)first["learning_path_id"], (string?)second["learning_path_id"]);
        var paths = await (await _client.GetAsync($"/api/v1/learners/{id}/learning_paths")).Content.ReadFromJsonAsync<JsonArray>();
        Assert.Single(paths!);
    }

    [Fact]
    public async Task Lessons_are_fetched_by_id_and_listed_per_learner()
    {
        var learner = await _client.CreateLearnerAsync();
        var id = (string)learner["id"]!;
        var lesson = await _client.CreateReadyLessonAsync(id, "Chargebacks");

        var fetched = await (await _client.GetAsync($"/api/v1/lessons/{lesson["id"]}")).ReadObjectAsync();
        Assert.Equal((string?)lesson["content"], (string?)fetched["content"]);
        var list = await (await _client.GetAsync($"/api/v1/learners/{id}/lessons?per_page=5")).ReadObjectAsync();
        Assert.Equal(1, (int)list["total"]!);

        await (await _client.GetAsync($"/api/v1/lessons/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync($"/api/v1/learners/{Guid.NewGuid()}/lessons")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync($"/api/v1/lesson_requests/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    public void Dispose() => _factory.Dispose();

    private static string Normalize(string text) => QuizText.Normalize(text.ReplaceLineEndings(" "));
}
