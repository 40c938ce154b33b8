using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BmoLearning.Tests.Infrastructure;

/// <summary>Small helpers for the flows most tests start from.</summary>
internal static class ApiClient
{
    public static async Task<JsonObject> ReadObjectAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    public static async Task<JsonObject> CreateLearnerAsync(this HttpClient client, string? email = null, string name = "Test User")
    {
        email ??= $"learner-{Guid.NewGuid():N}@example.com";
        BmoLearning.Tests.Security.TestRunLogs.AddLearnerEmail(email);
        var response = await client.PostAsJsonAsync("/api/v1/learners", new { email, name });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadObjectAsync();
    }

    public static async Task<JsonObject> RequestLessonAsync(this HttpClient client, string learnerId, string topic = "APR", string difficulty = "beginner")
    {
        var response = await client.PostAsJsonAsync($"/api/v1/learners/{learnerId}/request_lesson", new { topic, difficulty });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await response.ReadObjectAsync();
    }

    /// <summary>Polls a lesson request until it is ready or failed.</summary>
    public static async Task<JsonObject> WaitForLessonRequestAsync(this HttpClient client, string requestId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            using var response = await client.GetAsync($"/api/v1/lesson_requests/{requestId}");
            var body = await response.ReadObjectAsync();
            // 503 means "retry later" (a dependency is recovering): keep polling; any other error is a failure.
            var unavailable = response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable;
            if (!unavailable && !response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"GET lesson request {requestId}: {(int)response.StatusCode} {body.ToJsonString()}");
            }

            var status = unavailable ? "unavailable (503)" : (string?)body["status"];
            if (status is "ready" or "failed")
            {
                return body;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Lesson request {requestId} is still {status}: {body.ToJsonString()}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Polls an uploaded document until it is processed or failed (60 s unless told).</summary>
    public static async Task<JsonObject> WaitForDocumentAsync(this HttpClient client, string documentId, TimeSpan? limit = null)
    {
        var wait = limit ?? TimeSpan.FromSeconds(60);
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            var document = await (await client.GetAsync($"/api/v1/documents/{documentId}")).ReadObjectAsync();
            if ((string?)document["status"] is "processed" or "failed")
            {
                return document;
            }

            Assert.True(DateTime.UtcNow < deadline, $"document still {(string?)document["status"]} after {wait}");
            await Task.Delay(200);
        }
    }

    public static async Task<JsonObject> CreateReadyLessonAsync(this HttpClient client, string learnerId, string topic = "APR")
    {
        var request = await client.RequestLessonAsync(learnerId, topic);
        var done = await client.WaitForLessonRequestAsync((string)request["id"]!);
        Assert.Equal("ready", (string?)done["status"]);
        return done["lesson"]!.AsObject();
    }

    public static async Task<JsonObject> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.ReadObjectAsync();
        Assert.Equal((int)status, (int)body["status"]!);
        Assert.DoesNotContain("   at ", body.ToJsonString(), StringComparison.Ordinal);
        return body;
    }

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}
