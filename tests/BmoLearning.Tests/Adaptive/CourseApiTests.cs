using System.Net;
using System.Net.Http.Json;
using System.Text;
using BmoLearning.Host.Hosting;
using BmoLearning.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BmoLearning.Tests.Adaptive;

public sealed class CourseApiTests : IDisposable
{
    private readonly BmoAppFactory _factory = new();
    private readonly HttpClient _client;

    public CourseApiTests() => _client = _factory.CreateAdminClient();

    [Fact]
    public async Task The_starter_course_is_seeded_with_its_topics_in_order()
    {
        var courses = (await _client.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>("/api/v1/courses"))!;
        var course = Assert.Single(courses, c => (string?)c!["slug"] == "business-credit-cards")!;
        Assert.Equal("Business credit cards", (string?)course["title"]);
        var topics = course["topics"]!.AsArray();
        Assert.True(topics.Count >= 12, $"{topics.Count} topics");
        Assert.Equal(Enumerable.Range(0, topics.Count), topics.Select(t => (int)t!["position"]!));
        // Prerequisites come earlier in teaching order.
        var seen = new HashSet<string>();
        foreach (var topic in topics)
        {
            Assert.All(topic!["prerequisites"]!.AsArray(), p => Assert.Contains((string)p!, seen));
            seen.Add((string)topic["id"]!);
        }
    }

    [Fact]
    public async Task Bulk_enrolment_is_idempotent_and_reports_each_id_with_207_when_outcomes_differ()
    {
        var course = await CreateCourseAsync();
        var a = (string)(await _client.CreateLearnerAsync())["id"]!;
        var b = (string)(await _client.CreateLearnerAsync())["id"]!;
        var unknown = Guid.NewGuid().ToString();

        var first = await _client.PostAsJsonAsync($"/api/v1/courses/{course}/enrolments", new { learner_ids = new[] { a, unknown } });
        Assert.Equal(HttpStatusCode.MultiStatus, first.StatusCode);
        var results = (await first.ReadObjectAsync())["results"]!.AsArray();
        Assert.Equal("enrolled", (string?)results.Single(r => (string?)r!["learner_id"] == a)!["outcome"]);
        Assert.Equal(404, (int)results.Single(r => (string?)r!["learner_id"] == unknown)!["status"]!);

        var again = await _client.PostAsJsonAsync($"/api/v1/courses/{course}/enrolments", new { learner_ids = new[] { a, b } });
        Assert.Equal(HttpStatusCode.MultiStatus, again.StatusCode);
        var outcomes = (await again.ReadObjectAsync())["results"]!.AsArray().ToDictionary(r => (string)r!["learner_id"]!, r => (string)r!["outcome"]!);
        Assert.Equal("already_enrolled", outcomes[a]);
        Assert.Equal("enrolled", outcomes[b]);

        var replay = await _client.PostAsJsonAsync($"/api/v1/courses/{course}/enrolments", new { learner_ids = new[] { a, b } });
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);

        // Enrolment starts the first topic as a learning path, once.
        var paths = (await _client.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>($"/api/v1/learners/{a}/learning_paths"))!;
        Assert.Equal("Topic one", (string?)Assert.Single(paths)!["topic"]);
    }

    [Fact]
    public async Task Bad_course_input_is_422_with_field_and_line_unknown_ids_404_and_non_admins_403()
    {
        const string cycle = "{\n \"id\": \"c\", \"title\": \"C\",\n \"topics\": [\n  {\"id\": \"a\", \"title\": \"A\", \"prerequisites\": [\"b\"]},\n  {\"id\": \"b\", \"title\": \"B\", \"prerequisites\": [\"a\"]}\n ]\n}";
        var refused = await _client.PostAsync("/api/v1/courses", new StringContent(cycle, Encoding.UTF8, "application/json"));
        var errors = (await refused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity))["errors"]!.AsObject();
        Assert.Contains(errors, e => e.Value!.AsArray().Any(m => ((string)m!).Contains("cycle of prerequisites", StringComparison.Ordinal) && ((string)m!).StartsWith("line ", StringComparison.Ordinal)));

        var notJson = await _client.PostAsync("/api/v1/courses", new StringContent("{", Encoding.UTF8, "application/json"));
        await notJson.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        var course = await CreateCourseAsync();
        var duplicate = await _client.PostAsync("/api/v1/courses", new StringContent(CourseJson(course.Slug), Encoding.UTF8, "application/json"));
        await duplicate.AssertProblemAsync(HttpStatusCode.Conflict);

        await (await _client.PostAsJsonAsync($"/api/v1/courses/{Guid.NewGuid()}/enrolments", new { learner_ids = new[] { Guid.NewGuid() } })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.PostAsJsonAsync($"/api/v1/courses/{course}/enrolments", new { learner_ids = Array.Empty<Guid>() })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await _client.GetAsync($"/api/v1/courses/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync($"/api/v1/learners/{Guid.NewGuid()}/next")).AssertProblemAsync(HttpStatusCode.NotFound);

        var integration = _factory.CreateIntegrationClient();
        Assert.Equal(HttpStatusCode.Forbidden, (await integration.GetAsync("/api/v1/courses")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.CreateClientWithKey(null).GetAsync("/api/v1/courses")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/api/v1/courses/{course}")).StatusCode);
        await (await _client.DeleteAsync($"/api/v1/courses/{course}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_course_file_with_a_cycle_an_unknown_topic_or_a_duplicate_is_refused_at_seed_with_the_line()
    {
        var dir = TempDirectory.Create("bmo-courses");
        Directory.CreateDirectory(Path.Combine(dir, "bad"));
        await File.WriteAllTextAsync(Path.Combine(dir, "bad", StarterCourses.FileName), """
            {
              "id": "bad", "title": "Bad",
              "topics": [
                { "id": "a", "title": "A", "prerequisites": ["ghost"] },
                { "id": "a", "title": "A again" },
                { "id": "b", "title": "B", "prerequisites": ["c"] },
                { "id": "c", "title": "C", "prerequisites": ["b"] }
              ]
            }
            """);
        await using var scope = _factory.Services.CreateAsyncScope();
        var error = await Assert.ThrowsAsync<CourseFileException>(() => scope.ServiceProvider.GetRequiredService<StarterCourses>().LoadAsync(dir, CancellationToken.None));
        Assert.Contains("line 4: topic 'a'.prerequisites: unknown topic 'ghost'", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 5: topics[1].id: duplicate topic id 'a'", error.Message, StringComparison.Ordinal);
        Assert.Contains("cycle of prerequisites", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine("bad", StarterCourses.FileName), error.Message, StringComparison.Ordinal);
        var courses = (await _client.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>("/api/v1/courses"))!;
        Assert.DoesNotContain(courses, c => (string?)c!["slug"] == "bad");
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    private static string CourseJson(string slug) => $$"""
        {"id": "{{slug}}", "title": "Test course", "topics": [
          {"id": "one", "title": "Topic one"},
          {"id": "two", "title": "Topic two", "prerequisites": ["one"]}
        ]}
        """;

    private async Task<(Guid Id, string Slug)> CreateCourseAsyncCore()
    {
        var slug = "course-" + Guid.NewGuid().ToString("N")[..8];
        var created = await _client.PostAsync("/api/v1/courses", new StringContent(CourseJson(slug), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (Guid.Parse((string)(await created.ReadObjectAsync())["id"]!), slug);
    }

    private async Task<CourseRef> CreateCourseAsync()
    {
        var (id, slug) = await CreateCourseAsyncCore();
        return new CourseRef(id, slug);
    }

    private sealed record CourseRef(Guid Id, string Slug)
    {
        public override string ToString() => Id.ToString();
    }
}
