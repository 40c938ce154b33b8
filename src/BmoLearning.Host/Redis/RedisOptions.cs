using System.ComponentModel.DataAnnotations;

namespace BmoLearning.Host.Redis;

/// <summary>Optional Redis (section "Redis"): distributed cache and job storage. Without a URL everything runs without it.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>redis://[user:password@]host:port[/db] or rediss:// for TLS (REDIS_URL); a StackExchange.Redis configuration string also works.</summary>
    public string? Url { get; set; }

    /// <summary>Prefix of every key this application writes, so one Redis can serve several environments.</summary>
    [Required]
    public string KeyPrefix { get; set; } = "bmo:";

    [Range(100, 60000)]
    public int ConnectTimeoutMs { get; set; } = 3000;

    /// <summary>A cache read slower than this is treated as a miss.</summary>
    [Range(50, 60000)]
    public int OperationTimeoutMs { get; set; } = 1000;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Url);
}
