using BmoLearning.Host.Redis;

namespace BmoLearning.Host.Hosting;

public enum JobStorageKind
{
    Sqlite,
    Postgres,
    Redis,
}

/// <summary>The job storage this process uses, resolved once at start-up.</summary>
public sealed record SelectedJobStorage(JobStorageKind Kind);

public static class JobStorageChoice
{
    /// <summary>
    /// Jobs:Storage, or by default the database's own storage. PostgreSQL storage polls the database and keeps
    /// an auto-pausing Aurora cluster awake; Redis storage lets it pause (docs/adr/0001-aws-topology-and-cost.md).
    /// </summary>
    public static JobStorageKind Resolve(JobsOptions jobs, DatabaseTarget database, RedisOptions redis)
    {
        var kind = jobs.Storage?.Trim().ToLowerInvariant() switch
        {
            null or "" => database.IsPostgres ? JobStorageKind.Postgres : JobStorageKind.Sqlite,
            "sqlite" => JobStorageKind.Sqlite,
            "postgres" or "postgresql" => JobStorageKind.Postgres,
            "redis" => JobStorageKind.Redis,
            _ => throw new BmoConfigurationException($"Jobs:Storage '{jobs.Storage}' is not supported: use sqlite, postgres or redis."),
        };
        if (kind == JobStorageKind.Postgres && !database.IsPostgres)
        {
            throw new BmoConfigurationException("Jobs:Storage is postgres but the database is SQLite: set DATABASE_URL or Database:Provider=postgres.");
        }

        if (kind == JobStorageKind.Redis && !redis.IsConfigured)
        {
            throw new BmoConfigurationException("Jobs:Storage is redis but Redis is not configured: set REDIS_URL or Redis:Url.");
        }

        return kind;
    }
}
