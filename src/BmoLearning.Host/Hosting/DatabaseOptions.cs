using System.ComponentModel.DataAnnotations;

namespace BmoLearning.Host.Hosting;

/// <summary>
/// Which database to use (section "Database"). With nothing set, the embedded SQLite file in the data
/// directory. PostgreSQL is chosen by <see cref="Provider"/> = postgres, or implied by a URL
/// (DATABASE_URL), a connection string or a host (as the Terraform in infrastructure/ injects them).
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>sqlite or postgres; empty means postgres when a URL, connection string or host is set, else sqlite.</summary>
    public string? Provider { get; set; }

    /// <summary>postgres://user:password@host:port/database?sslmode=require (DATABASE_URL).</summary>
    public string? Url { get; set; }

    /// <summary>An Npgsql connection string; an alternative to the URL or the separate parts.</summary>
    public string? ConnectionString { get; set; }

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int? Port { get; set; }

    public string? Name { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>disable, allow, prefer, require, verify-ca or verify-full (default prefer).</summary>
    public string? SslMode { get; set; }

    /// <summary>Connections per process. Aurora Serverless v2 at 0.5 ACU allows about 100 in total.</summary>
    [Range(1, 1000)]
    public int MaxPoolSize { get; set; } = 30;

    /// <summary>Idle connections are closed after this many seconds, so an idle Aurora cluster can pause.</summary>
    [Range(1, 3600)]
    public int ConnectionIdleLifetimeSeconds { get; set; } = 60;

    /// <summary>How long opening a connection may take (an auto-paused Aurora cluster takes about 15 s to resume).</summary>
    [Range(1, 300)]
    public int ConnectTimeoutSeconds { get; set; } = 20;

    /// <summary>Retries of an operation that failed with a transient error (execution strategy).</summary>
    [Range(0, 20)]
    public int MaxRetryCount { get; set; } = 4;

    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);
}
