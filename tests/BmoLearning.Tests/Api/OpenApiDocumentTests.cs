using System.Text.Json.Nodes;
using BmoLearning.Tests.Infrastructure;

namespace BmoLearning.Tests.Api;

/// <summary>Handlers return typed results, so the document states what each route answers (issue 18 item 6).</summary>
public sealed class OpenApiDocumentTests : IDisposable
{
    private readonly BmoAppFactory _factory = new();

    [Theory]
    [InlineData("/api/v1/learners/{id}", "get", "200", "LearnerResponse")]
    [InlineData("/api/v1/learners", "post", "201", "LearnerResponse")]
    [InlineData("/api/v1/learners/{id}/request_lesson", "post", "202", null)]
    [InlineData("/api/v1/lesson_requests/{id}", "get", "200", null)]
    [InlineData("/api/v1/quiz_responses", "post", "201", null)]
    [InlineData("/api/v1/keys", "post", "201", null)]
    [InlineData("/api/v1/analytics/dashboard", "get", "200", "DashboardReport")]
    [InlineData("/api/v1/courses/{id}/enrolments", "post", "207", "EnrolmentsResponse")]
    [InlineData("/api/v1/health", "get", "503", "ReadinessResponse")]
    public async Task Each_route_states_its_success_response_and_schema(string path, string method, string status, string? schema)
    {
        var document = await (await _factory.CreateClient().GetAsync("/openapi/v1.json")).ReadObjectAsync();
        var responses = document["paths"]![path]?[method]?["responses"]?.AsObject();
        Assert.True(responses is not null, $"{method} {path} is not in the document");
        var success = responses![status];
        Assert.True(success is not null, $"{method} {path} states no {status}; it states {string.Join(", ", responses.Select(r => r.Key))}");
        var reference = success!["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(reference), $"{method} {path} {status} has no schema");
        if (schema is not null)
        {
            Assert.EndsWith("/" + schema, reference, StringComparison.Ordinal);
        }

        if (path.StartsWith("/api/v1/analytics", StringComparison.Ordinal))
        {
            // The same numbers as CSV with Accept: text/csv.
            Assert.Contains(success["content"]!.AsObject(), c => c.Key.StartsWith("text/csv", StringComparison.Ordinal));
        }
    }

    public void Dispose() => _factory.Dispose();
}
