using System.ComponentModel.DataAnnotations;

namespace BmoLearning.Host.RateLimiting;

/// <summary>Request limits (section "RateLimit"): per API key on `/api/v1`, per client address where no valid key is given.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimit";

    /// <summary>Requests one API key may make per minute, across every process; 0 turns the limit off.</summary>
    [Range(0, 1_000_000)]
    public int PermitsPerMinute { get; set; } = 1200;

    /// <summary>
    /// Requests one client address may make per minute without a valid key (none, or a wrong one) and to lesson
    /// pages (`/l/`), so keys and link tokens cannot be guessed at full speed; 0 turns it off.
    /// </summary>
    [Range(0, 1_000_000)]
    public int PerAddressPermitsPerMinute { get; set; } = 120;
}
