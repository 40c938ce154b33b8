using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace BmoLearning.Delivery.Slack;

/// <summary>The result of one Web API call: Slack answers 200 with ok:false for most errors, 429 with Retry-After when rate limited.</summary>
public sealed record SlackCall(HttpStatusCode Status, bool Ok, string? Error, JsonObject? Body, TimeSpan? RetryAfter)
{
    public bool RateLimited => Status == HttpStatusCode.TooManyRequests || Error == "ratelimited";
}

/// <summary>Typed HttpClient for the three Web API methods delivery needs.</summary>
public sealed class SlackClient(HttpClient http, IOptions<SlackOptions> options)
{
    public Task<SlackCall> OpenConversationAsync(string userId, CancellationToken ct) =>
        CallAsync("conversations.open", new JsonObject { ["users"] = userId }, ct);

    public Task<SlackCall> PostMessageAsync(string channel, string text, JsonArray blocks, CancellationToken ct) =>
        CallAsync("chat.postMessage", new JsonObject { ["channel"] = channel, ["text"] = text, ["blocks"] = blocks, ["unfurl_links"] = false }, ct);

    public Task<SlackCall> UpdateMessageAsync(string channel, string ts, string text, JsonArray blocks, CancellationToken ct) =>
        CallAsync("chat.update", new JsonObject { ["channel"] = channel, ["ts"] = ts, ["text"] = text, ["blocks"] = blocks }, ct);

    private async Task<SlackCall> CallAsync(string method, JsonObject body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(options.Value.ApiBaseUrl.TrimEnd('/') + "/"), method))
        {
            Content = JsonContent.Create(body, new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.BotToken);
        using var response = await http.SendAsync(request, ct);
        // Slack sends Retry-After in seconds.
        var retryAfter = response.Headers.RetryAfter?.Delta;
        JsonObject? json = null;
        try
        {
            json = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct)) as JsonObject;
        }
        catch (JsonException)
        {
            // A proxy's HTML error page: the status code says enough.
        }

        var ok = response.IsSuccessStatusCode && json?["ok"]?.GetValue<bool>() == true;
        var error = ok ? null : (string?)json?["error"] ?? $"HTTP {(int)response.StatusCode}";
        return new SlackCall(response.StatusCode, ok, error, json, retryAfter);
    }
}
