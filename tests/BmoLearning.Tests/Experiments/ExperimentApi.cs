using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BmoLearning.Tests.Infrastructure;

namespace BmoLearning.Tests.Experiments;

/// <summary>Request bodies and calls the experiment tests share.</summary>
internal static class ExperimentApi
{
    /// <summary>A valid lesson_length definition: control "normal" (standard) and "short", 50/50 unless told.</summary>
    public static Dictionary<string, object?> LessonLength(string name = "Shorter lessons", string? team = null, int controlWeight = 50, int shortWeight = 50) => new()
    {
        ["name"] = name,
        ["hypothesis"] = "Shorter lessons are answered more often within a day.",
        ["factor"] = "lesson_length",
        ["variants"] = new object[]
        {
            new { name = "normal", weight = controlWeight, value = "standard" },
            new { name = "short", weight = shortWeight, value = "short" },
        },
        ["team"] = team,
        ["primary_metric"] = "answered_within_24h",
        ["guardrails"] = new[] { "accuracy" },
        ["baseline_rate"] = 0.4,
        ["minimum_detectable_effect"] = 0.1,
    };

    public static async Task<JsonObject> CreateAsync(this HttpClient admin, Dictionary<string, object?> definition)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/experiments", definition);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadObjectAsync();
        Assert.Equal($"/api/v1/experiments/{body["id"]}", response.Headers.Location?.OriginalString);
        return body;
    }

    public static async Task<JsonObject> ActAsync(this HttpClient admin, string id, string act, object? body = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await admin.PostAsJsonAsync($"/api/v1/experiments/{id}/{act}", body ?? new { });
        Assert.True(expected == response.StatusCode, $"{act}: expected {expected}, got {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadObjectAsync();
    }

    /// <summary>The 422 problem's reasons for one field (asserting the field is there).</summary>
    public static async Task<string> FieldErrorAsync(HttpResponseMessage response, string field)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(field), $"No error for {field}: {problem.ToJsonString()}");
        return string.Join(" ", errors[field]!.AsArray().Select(e => (string?)e));
    }
}
