using System.Collections.Concurrent;
using Polly.CircuitBreaker;

namespace BmoLearning.Ai.Resilience;

/// <summary>Circuit-breaker states by pipeline name, for health checks and status pages.</summary>
public sealed class CircuitMonitor
{
    private readonly ConcurrentDictionary<string, CircuitBreakerStateProvider> _providers = new(StringComparer.Ordinal);

    public CircuitBreakerStateProvider ProviderFor(string name) => _providers.GetOrAdd(name, _ => new CircuitBreakerStateProvider());

    /// <summary>closed | open | half_open | isolated; "closed" for a pipeline that has not been used yet.</summary>
    public string StateOf(string name) =>
        !_providers.TryGetValue(name, out var provider) ? "closed" : provider.CircuitState switch
        {
            CircuitState.Open => "open",
            CircuitState.HalfOpen => "half_open",
            CircuitState.Isolated => "isolated",
            _ => "closed",
        };

    public bool IsOpen(string name) => StateOf(name) is "open" or "isolated";
}
