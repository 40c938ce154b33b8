using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using Microsoft.Extensions.AI;
using OpenAI;

namespace BmoLearning.Ai.Generation.Llm;

/// <summary>Builds the chat client the configuration asks for. SDK retries are off: our resilience handler retries (and honours Retry-After).</summary>
public static class LlmChatFactory
{
    /// <summary>Name of the HttpClient (with timeouts, retries and a circuit breaker) that model calls go through.</summary>
    public const string HttpClientName = "llm";

    private const string DefaultAnthropicUrl = "https://api.anthropic.com";

    public static LlmProviderKind Choose(LlmOptions options) => options.Provider.ToLowerInvariant() switch
    {
        "offline" => LlmProviderKind.None,
        "openai" => LlmProviderKind.OpenAI,
        "anthropic" => LlmProviderKind.Anthropic,
        _ when !string.IsNullOrWhiteSpace(options.Anthropic.ApiKey) => LlmProviderKind.Anthropic,
        _ when !string.IsNullOrWhiteSpace(options.OpenAI.ApiKey) || !string.IsNullOrWhiteSpace(options.OpenAI.BaseUrl) => LlmProviderKind.OpenAI,
        _ => LlmProviderKind.None,
    };

    public static LlmChat Create(LlmOptions options, IHttpClientFactory http)
    {
        var provider = Choose(options);
        return provider switch
        {
            LlmProviderKind.OpenAI => new LlmChat(
                OpenAiClient(options, http).GetChatClient(options.OpenAI.Model).AsIChatClient(), provider, options.OpenAI.Model),
            LlmProviderKind.Anthropic => new LlmChat(AnthropicChat(options, http), provider, options.Anthropic.Model),
            _ => new LlmChat(null, LlmProviderKind.None, null),
        };
    }

    /// <summary>An OpenAI (or OpenAI-compatible) client, or null when no key or base URL is configured.</summary>
    public static OpenAIClient? OpenAiClientOrNull(LlmOptions options, IHttpClientFactory http) =>
        string.IsNullOrWhiteSpace(options.OpenAI.ApiKey) && string.IsNullOrWhiteSpace(options.OpenAI.BaseUrl) ? null : OpenAiClient(options, http);

    private static OpenAIClient OpenAiClient(LlmOptions options, IHttpClientFactory http)
    {
        var settings = new OpenAIClientOptions
        {
            Transport = new HttpClientPipelineTransport(http.CreateClient(HttpClientName)),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = options.Resilience.TotalTimeout + TimeSpan.FromSeconds(5),
        };
        if (!string.IsNullOrWhiteSpace(options.OpenAI.BaseUrl))
        {
            settings.Endpoint = new Uri(options.OpenAI.BaseUrl);
        }

        // Local OpenAI-compatible servers (Ollama) accept any key; the SDK insists on one.
        var key = string.IsNullOrWhiteSpace(options.OpenAI.ApiKey) ? "not-needed" : options.OpenAI.ApiKey;
        return new OpenAIClient(new ApiKeyCredential(key), settings);
    }

    private static IChatClient AnthropicChat(LlmOptions options, IHttpClientFactory http)
    {
        if (string.IsNullOrWhiteSpace(options.Anthropic.ApiKey))
        {
            throw new InvalidOperationException("Ai:Provider is anthropic but Ai:Anthropic:ApiKey (ANTHROPIC_API_KEY) is not set.");
        }

        var client = new AnthropicClient
        {
            ApiKey = options.Anthropic.ApiKey,
            HttpClient = http.CreateClient(HttpClientName),
            MaxRetries = 0,
            Timeout = options.Resilience.TotalTimeout + TimeSpan.FromSeconds(5),
            BaseUrl = string.IsNullOrWhiteSpace(options.Anthropic.BaseUrl) ? DefaultAnthropicUrl : options.Anthropic.BaseUrl,
        };

        return client.AsIChatClient(options.Anthropic.Model, options.MaxOutputTokens);
    }
}
