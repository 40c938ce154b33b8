using System.ComponentModel.DataAnnotations;

namespace BmoLearning.Host.RateLimiting;

/// <summary>Per-API-key request limit on `/api/v1` (section "RateLimit").</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimit";

    /// <summary>Requests one API key may make per minute, across every process; 0 turns the limit off.</summary>
    [Range(0, 1_000_000)]
    public int PermitsPerMinute { get; set; } = 1200;
}
