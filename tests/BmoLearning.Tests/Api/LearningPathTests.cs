using System.Net;
using System.Net.Http.Json;
using BmoLearning.Tests.Infrastructure;

namespace BmoLearning.Tests.Api;

public sealed class LearningPathTests : IDisposable
{
    private readonly BmoAppFactory _factory = new();
    private readonly HttpClient _client;

    public LearningPathTests() => _client = _factory.CreateAdminClient();

    [Fact]
    public async Task Creating_a_path_returns_201_and_queues_its_first_lesson_which_becomes_ready()
    {
        var learner = await _client.CreateLearnerAsync();
        var response = await _client.PostAsJsonAsync("/api/v1/learning_paths", new { learner_id = learner["id"]!.ToString(), topic = "Grace periods", total_lessons = 5 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadObjectAsync();
        var path = body["learning_path"]!;
        Assert.Equal($"/api/v1/learning_paths/{path["id"]}", response.Headers.Location?.ToString());
        Assert.Equal("active", (string?)path["status"]);
        Assert.Equal(5, (int)path["total_lessons"]!);
        Assert.Equal(0, (int)path["lessons_completed"]!);

        var first = body["first_lesson_request"]!;
        Assert.Equal("queued", (string?)first["status"]);
        var done = await _client.WaitForLessonRequestAsync((string)first["id"]!);
        Assert.Equal("ready", (string?)done["status"]);
        Assert.Equal((string?)path["id"], (string?)done["lesson"]!["learning_path_id"]);
    }

    [Fact]
    public async Task Default_total_lessons_is_10()
    {
        var learner = await _client.CreateLearnerAsync();
        var body = await (await _client.PostAsJsonAsync("/api/v1/learning_paths", new { learner_id = learner["id"]!.ToString(), topic = "Fees" })).ReadObjectAsync();
        Assert.Equal(10, (int)body["learning_path"]!["total_lessons"]!);
    }

    [Fact]
    public async Task A_second_path_on_the_same_topic_is_409_even_with_different_case_and_spacing()
    {
        var learner = await _client.CreateLearnerAsync();
        var id = learner["id"]!.ToString();
        await _client.PostAsJsonAsync("/api/v1/learning_paths", new { learner_id = id, topic = "Credit limits" });
        var response = await _client.PostAsJsonAsync("/api/v1/learning_paths", new { learner_id = id, topic = "  credit   LIMITS " });
        await response.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Invalid_bodies_return_422_with_the_fields()
    {
        var response = await _client.PostAsJsonAsync("/api/v1/learning_paths", new { topic = "", total_lessons = 0 });
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("learner_id"));
        Assert.True(errors.ContainsKey("topic"));
        Assert.True(errors.ContainsKey("total_lessons"));
    }

    [Fact]
    public async Task Unknown_learner_returns_404_and_unknown_path_returns_404()
    {
        var response = await _client.PostAsJsonAsync("/api/v1/learning_paths", new { learner_id = Guid.NewGuid(), topic = "Fees" });
        await response.AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync($"/api/v1/learning_paths/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync($"/api/v1/learners/{Guid.NewGuid()}/learning_paths")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Paths_are_listed_per_learner_and_fetched_by_id()
    {
        var learner = await _client.CreateLearnerAsync();
        var id = learner["id"]!.ToString();
        var created = await (await _client.PostAsJsonAsync("/api/v1/learning_paths", new { learner_id = id, topic = "Rewards" })).ReadObjectAsync();
        await _client.PostAsJsonAsync("/api/v1/learning_paths", new { learner_id = id, topic = "Fees" });

        var list = (await (await _client.GetAsync($"/api/v1/learners/{id}/learning_paths")).Content.ReadFromJsonAsync<List<Dictionary<string, object>>>())!;
        Assert.Equal(["Fees", "Rewards"], list.Select(p => p["topic"].ToString()));

        var pathId = (string)created["learning_path"]!["id"]!;
        var fetched = await (await _client.GetAsync($"/api/v1/learning_paths/{pathId}")).ReadObjectAsync();
        Assert.Equal("Rewards", (string?)fetched["topic"]);
    }

    public void Dispose() => _factory.Dispose();
}
