using System.ComponentModel.DataAnnotations;
using BmoLearning.Ai.Resilience;

namespace BmoLearning.Ai.Generation.Llm;

/// <summary>Language-model settings (section "Ai"). OPENAI_API_KEY and ANTHROPIC_API_KEY fill the keys.</summary>
public sealed class LlmOptions
{
    public const string Section = "Ai";

    /// <summary>auto (Anthropic if its key is set, else OpenAI if its key or base URL is set, else offline) | openai | anthropic | offline.</summary>
    [RegularExpression("^(?i)(auto|openai|anthropic|offline)$", ErrorMessage = "Ai:Provider must be auto, openai, anthropic or offline.")]
    public string Provider { get; set; } = "auto";

    public OpenAiSettings OpenAI { get; set; } = new();

    public AnthropicSettings Anthropic { get; set; } = new();

    [Range(200, 8000)]
    public int MaxOutputTokens { get; set; } = 1500;

    [Range(0.0, 1.0)]
    public float Temperature { get; set; } = 0.3f;

    /// <summary>Timeouts, retries and circuit breaker for calls to the model provider.</summary>
    public ResilienceSettings Resilience { get; set; } = new();

    public GroundingSettings Grounding { get; set; } = new();

    /// <summary>How long an identical request (topic, difficulty, learner stage, knowledge, model) is served from the cache.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromDays(7);

    public SafetySettings Safety { get; set; } = new();

    /// <summary>
    /// Put the prompt and the completion on the model call's span (gen_ai.input.messages / gen_ai.output.messages),
    /// with personal data redacted. Off by default: they quote the knowledge base, which may be confidential.
    /// </summary>
    public bool CaptureMessageContent { get; set; }

    /// <summary>US dollars per million tokens, by model id; models not listed have no cost estimate.</summary>
    public Dictionary<string, ModelPrice> Prices { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["gpt-4o-mini"] = new() { InputPerMillion = 0.15m, OutputPerMillion = 0.60m },
        ["gpt-4o"] = new() { InputPerMillion = 2.50m, OutputPerMillion = 10.00m },
        ["gpt-4.1-mini"] = new() { InputPerMillion = 0.40m, OutputPerMillion = 1.60m },
        ["claude-haiku-4-5"] = new() { InputPerMillion = 1.00m, OutputPerMillion = 5.00m },
        ["claude-sonnet-4-5"] = new() { InputPerMillion = 3.00m, OutputPerMillion = 15.00m },
    };
}

public sealed class OpenAiSettings
{
    public string? ApiKey { get; set; }

    /// <summary>Any OpenAI-compatible endpoint, e.g. http://localhost:11434/v1 for Ollama (which needs no key).</summary>
    public string? BaseUrl { get; set; }

    public string Model { get; set; } = "gpt-4o-mini";

    public string ModerationModel { get; set; } = "omni-moderation-latest";
}

public sealed class AnthropicSettings
{
    public string? ApiKey { get; set; }

    public string? BaseUrl { get; set; }

    public string Model { get; set; } = "claude-haiku-4-5";
}

public sealed class GroundingSettings
{
    /// <summary>Share of a claim's content words that one cited chunk must contain.</summary>
    [Range(0.0, 1.0)]
    public double LexicalThreshold { get; set; } = 0.6;

    /// <summary>Cosine similarity between a claim and a cited chunk that counts as support when the wording differs.</summary>
    [Range(0.0, 1.0)]
    public double SemanticThreshold { get; set; } = 0.6;
}

public sealed class SafetySettings
{
    /// <summary>OpenAI moderation of generated lessons; used only when an OpenAI key is configured.</summary>
    public bool Moderation { get; set; } = true;

    /// <summary>A second model call that judges each lesson against the financial-content principles.</summary>
    public bool Judge { get; set; }
}

public sealed class ModelPrice
{
    public decimal InputPerMillion { get; set; }

    public decimal OutputPerMillion { get; set; }
}
