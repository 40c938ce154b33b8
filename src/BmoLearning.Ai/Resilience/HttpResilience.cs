using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace BmoLearning.Ai.Resilience;

/// <summary>
/// One resilience pipeline shape for every outbound AI call: total timeout → retry (exponential with jitter,
/// honouring Retry-After) → circuit breaker → per-attempt timeout. Breaker transitions are logged.
/// </summary>
public static class HttpResilience
{
    public static void Configure(
        ResiliencePipelineBuilder<HttpResponseMessage> builder, string name, ResilienceSettings settings, CircuitMonitor monitor, ILogger logger)
    {
        builder.AddTimeout(new HttpTimeoutStrategyOptions { Name = $"{name}-total-timeout", Timeout = settings.TotalTimeout });
        if (settings.MaxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                Name = $"{name}-retry",
                MaxRetryAttempts = settings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryBaseDelay,
                ShouldRetryAfterHeader = true,
                // A Retry-After longer than we are willing to wait: give up now so the caller can fall back.
                ShouldHandle = args => ValueTask.FromResult(
                    HttpClientResiliencePredicates.IsTransient(args.Outcome) && !(RetryAfter(args.Outcome.Result) > settings.MaxRetryAfter)),
                OnRetry = args =>
                {
                    logger.LogWarning("{Pipeline}: attempt {Attempt} failed ({Outcome}); retrying in {Delay} ms",
                        name, args.AttemptNumber + 1, Describe(args.Outcome), (int)args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            Name = $"{name}-circuit-breaker",
            FailureRatio = settings.FailureRatio,
            MinimumThroughput = settings.MinimumThroughput,
            SamplingDuration = settings.SamplingDuration,
            BreakDuration = settings.BreakDuration,
            StateProvider = monitor.ProviderFor(name),
            OnOpened = args =>
            {
                logger.LogWarning("{Pipeline}: circuit opened for {Seconds:0.#} s after {Outcome}; calls fail fast and lessons fall back to the offline generator",
                    name, args.BreakDuration.TotalSeconds, Describe(args.Outcome));
                return ValueTask.CompletedTask;
            },
            OnHalfOpened = _ =>
            {
                logger.LogInformation("{Pipeline}: circuit half-open; letting one trial call through", name);
                return ValueTask.CompletedTask;
            },
            OnClosed = _ =>
            {
                logger.LogInformation("{Pipeline}: circuit closed; calls flow again", name);
                return ValueTask.CompletedTask;
            },
        });
        builder.AddTimeout(new HttpTimeoutStrategyOptions { Name = $"{name}-attempt-timeout", Timeout = settings.AttemptTimeout });
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        if (response?.Headers.RetryAfter is not { } header)
        {
            return null;
        }

        return header.Delta ?? (header.Date is { } date ? date - DateTimeOffset.UtcNow : null);
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } ex ? ex.GetType().Name
        : outcome.Result is { } response ? $"HTTP {(int)response.StatusCode}"
        : "no response";

    /// <summary>A short reason for a failed call, from the exception chain; safe to store (no bodies, no keys).</summary>
    public static string Reason(Exception exception)
    {
        for (var ex = (Exception?)exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case BrokenCircuitException:
                    return "the circuit breaker is open after repeated failures";
                case TimeoutRejectedException:
                    return "the call timed out";
                case HttpRequestException { StatusCode: { } status }:
                    return $"HTTP {(int)status} {Phrase(status)}";
                case System.ClientModel.ClientResultException { Status: > 0 } openAi:
                    return $"HTTP {openAi.Status} {Phrase((HttpStatusCode)openAi.Status)}";
                case Anthropic.Exceptions.AnthropicApiException anthropic:
                    return $"HTTP {(int)anthropic.StatusCode} {Phrase(anthropic.StatusCode)}";
            }
        }

        var message = exception.Message.ReplaceLineEndings(" ");
        return $"{exception.GetType().Name}: {(message.Length > 300 ? message[..300] + "..." : message)}";
    }

    private static string Phrase(HttpStatusCode status) => status.ToString();
}
