namespace BmoLearning.Tests.Infrastructure;

/// <summary>
/// Which database and job storage this test run uses. scripts/test.sh runs the suite once per setting:
/// BMO_TEST_PROVIDER = sqlite (default) | postgres, BMO_TEST_JOBS = (database's own) | redis, with the servers
/// of scripts/services.sh in BMO_TEST_POSTGRES (an Npgsql connection string to any database) and BMO_TEST_REDIS.
/// </summary>
internal static class TestEnvironment
{
    public static string Provider { get; } = Env("BMO_TEST_PROVIDER")?.ToLowerInvariant() ?? "sqlite";

    public static bool UsesPostgres => Provider == "postgres";

    /// <summary>Jobs:Storage for test hosts; null means the database's own.</summary>
    public static string? JobStorage { get; } = Env("BMO_TEST_JOBS")?.ToLowerInvariant();

    public static string? PostgresServer { get; } = Env("BMO_TEST_POSTGRES");

    public static string? Redis { get; } = Env("BMO_TEST_REDIS");

    public static string Describe() => $"{Provider} database, {JobStorage ?? "database"} job storage";

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}

/// <summary>A test about the embedded SQLite default (files in a data directory); skipped in the PostgreSQL run.</summary>
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute()
    {
        if (TestEnvironment.UsesPostgres)
        {
            Skip = "Embedded SQLite behaviour; this run uses PostgreSQL.";
        }
    }
}

/// <summary>A test that needs the PostgreSQL (and Redis) servers of scripts/services.sh; runs in the PostgreSQL run.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!TestEnvironment.UsesPostgres || TestEnvironment.PostgresServer is null)
        {
            Skip = "Needs PostgreSQL: run scripts/test.sh (BMO_TEST_PROVIDER=postgres with scripts/services.sh).";
        }
    }
}

/// <summary>Like <see cref="PostgresFactAttribute"/>, and also needs Redis.</summary>
public sealed class PostgresAndRedisFactAttribute : FactAttribute
{
    public PostgresAndRedisFactAttribute()
    {
        if (!TestEnvironment.UsesPostgres || TestEnvironment.PostgresServer is null || TestEnvironment.Redis is null)
        {
            Skip = "Needs PostgreSQL and Redis: run scripts/test.sh (scripts/services.sh starts both).";
        }
    }
}
