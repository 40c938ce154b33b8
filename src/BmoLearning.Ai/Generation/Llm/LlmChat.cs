using Microsoft.Extensions.AI;

namespace BmoLearning.Ai.Generation.Llm;

public enum LlmProviderKind
{
    None,
    OpenAI,
    Anthropic,
}

/// <summary>The configured chat model, or none: then lessons come from the offline generator.</summary>
public sealed class LlmChat(IChatClient? client, LlmProviderKind provider, string? model) : IDisposable
{
    public IChatClient? Client => client;

    public LlmProviderKind Provider => provider;

    public string? Model => model;

    public bool IsConfigured => client is not null;

    /// <summary>"openai:gpt-4o-mini", "anthropic:claude-haiku-4-5" or "offline".</summary>
    public string Describe() => client is null ? "offline" : $"{provider.ToString().ToLowerInvariant()}:{model}";

    public void Dispose() => client?.Dispose();
}
