using BmoLearning.Ai.Resilience;

namespace BmoLearning.Ai.Generation.Remote;

/// <summary>The AI role as seen by the API and worker (section "AiService"; AI_SERVICE_URL, AI_SERVICE_API_KEY).</summary>
public sealed class AiServiceOptions
{
    public const string Section = "AiService";

    /// <summary>Base URL of a `bmo serve --role ai` process. Unset: lessons are generated in this process.</summary>
    public string? Url { get; set; }

    /// <summary>Sent as X-API-Key by callers; the AI role accepts it on every route but /health.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The AI role itself retries the model and may repair once, so an attempt gets more time than one model call.</summary>
    public ResilienceSettings Resilience { get; set; } = new()
    {
        AttemptTimeout = TimeSpan.FromSeconds(100),
        TotalTimeout = TimeSpan.FromSeconds(150),
        MaxRetries = 1,
    };

    public bool IsRemote => !string.IsNullOrWhiteSpace(Url);
}
