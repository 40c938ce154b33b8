using Npgsql;

namespace BmoLearning.Host.Hosting;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The database this process uses, resolved once from <see cref="DatabaseOptions"/> and <see cref="BmoOptions"/>.</summary>
public sealed record DatabaseTarget(DatabaseProvider Provider, string ConnectionString)
{
    public const string ApplicationNamePrefix = "bmo";

    public bool IsPostgres => Provider == DatabaseProvider.Postgres;

    /// <summary>Host, port and database for messages: never the password.</summary>
    public string Describe()
    {
        if (!IsPostgres)
        {
            return new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource;
        }

        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL at {builder.Host}:{builder.Port}, database {builder.Database}";
    }

    public static DatabaseProvider? ParseProvider(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "sqlite" => DatabaseProvider.Sqlite,
        "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
        _ => throw new BmoConfigurationException($"Database:Provider '{value}' is not supported: use sqlite or postgres."),
    };

    public static DatabaseTarget Resolve(DatabaseOptions database, BmoOptions bmo)
    {
        var hasServer = !string.IsNullOrWhiteSpace(database.Url)
            || !string.IsNullOrWhiteSpace(database.ConnectionString)
            || !string.IsNullOrWhiteSpace(database.Host);
        var provider = ParseProvider(database.Provider) ?? (hasServer ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite);
        if (provider == DatabaseProvider.Sqlite)
        {
            return new DatabaseTarget(provider, DatabaseSetup.SqliteConnectionString(bmo));
        }

        if (!hasServer)
        {
            throw new BmoConfigurationException(
                "Database:Provider is postgres but no server is configured: set DATABASE_URL (postgres://user:password@host:port/database), "
                + "Database:ConnectionString, or Database:Host with Database:Name, Database:Username and Database:Password.");
        }

        return new DatabaseTarget(provider, PostgresConnectionString(database));
    }

    /// <summary>An Npgsql connection string from the URL, the connection string or the parts, with pool settings applied.</summary>
    public static string PostgresConnectionString(DatabaseOptions database)
    {
        var builder = !string.IsNullOrWhiteSpace(database.Url) ? PostgresUrl.Parse(database.Url)
            : !string.IsNullOrWhiteSpace(database.ConnectionString) ? ParseConnectionString(database.ConnectionString)
            : new NpgsqlConnectionStringBuilder();

        // Separate parts (the Terraform passes the password on its own, from the secret RDS manages) fill or override.
        if (!string.IsNullOrWhiteSpace(database.Host))
        {
            builder.Host = database.Host;
        }

        if (database.Port is { } port)
        {
            builder.Port = port;
        }

        if (!string.IsNullOrWhiteSpace(database.Name))
        {
            builder.Database = database.Name;
        }

        if (!string.IsNullOrWhiteSpace(database.Username))
        {
            builder.Username = database.Username;
        }

        if (!string.IsNullOrEmpty(database.Password))
        {
            builder.Password = database.Password;
        }

        if (!string.IsNullOrWhiteSpace(database.SslMode))
        {
            builder.SslMode = PostgresUrl.ParseSslMode(database.SslMode, "Database:SslMode");
        }

        if (string.IsNullOrWhiteSpace(builder.Host) || string.IsNullOrWhiteSpace(builder.Database))
        {
            throw new BmoConfigurationException("The PostgreSQL settings name no host or no database (DATABASE_URL or Database:Host and Database:Name).");
        }

        // Pools shrink to nothing when idle: an idle connection would keep an auto-pausing Aurora cluster awake.
        builder.MinPoolSize = 0;
        builder.MaxPoolSize = database.MaxPoolSize;
        builder.ConnectionIdleLifetime = database.ConnectionIdleLifetimeSeconds;
        builder.ConnectionPruningInterval = Math.Min(10, database.ConnectionIdleLifetimeSeconds);
        builder.Timeout = database.ConnectTimeoutSeconds;
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = ApplicationNamePrefix;
        }

        return builder.ConnectionString;
    }

    private static NpgsqlConnectionStringBuilder ParseConnectionString(string connectionString)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            // The message would quote the string, password and all.
            throw new BmoConfigurationException(
                "Database:ConnectionString is not a valid Npgsql connection string: use Host=...;Database=...;Username=...;Password=... or set DATABASE_URL instead.");
        }
    }
}
