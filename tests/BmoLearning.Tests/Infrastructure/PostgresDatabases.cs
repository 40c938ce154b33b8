using Npgsql;

namespace BmoLearning.Tests.Infrastructure;

/// <summary>
/// Databases on the test server: each test host gets its own, copied from a template that was migrated and
/// seeded once per run through the real start-up path (like <see cref="SeededDataTemplate"/> for SQLite).
/// Every database this run created is dropped when the test process exits.
/// </summary>
internal static class PostgresDatabases
{
    private const string DatabaseFile = ".test-database";
    private static readonly string RunId = Guid.NewGuid().ToString("N")[..8];
    private static readonly List<string> Created = [];
    private static readonly Lazy<string> Template = new(BuildTemplate, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int _counter;

    static PostgresDatabases() => AppDomain.CurrentDomain.ProcessExit += (_, _) => DropAll();

    public static string Server => TestEnvironment.PostgresServer
        ?? throw new InvalidOperationException("BMO_TEST_POSTGRES is not set: start the servers with scripts/services.sh.");

    /// <summary>The database as the reference system's DATABASE_URL names it (postgres://user:password@host:port/database).</summary>
    public static string Url(string database)
    {
        var server = new NpgsqlConnectionStringBuilder(Server);
        return $"postgres://{Uri.EscapeDataString(server.Username ?? "postgres")}:{Uri.EscapeDataString(server.Password ?? "unused")}@{server.Host}:{server.Port}/{database}";
    }

    public static string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(Server) { Database = database }.ConnectionString;

    /// <summary>The database of a data directory: the one it already has, or a new one (seeded or empty).</summary>
    public static (string Name, bool Existing) ForDataDir(string dataDir, bool seeded)
    {
        var file = Path.Combine(dataDir, DatabaseFile);
        if (File.Exists(file))
        {
            return (File.ReadAllText(file), true);
        }

        var name = seeded ? CreateFromTemplate() : CreateEmpty();
        File.WriteAllText(file, name);
        return (name, false);
    }

    public static string CreateEmpty() => Create(template: null);

    public static string CreateFromTemplate() => Create(Template.Value);

    public static void Execute(string sql, string database = "postgres")
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = database, Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    public static long Count(string database, string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = database, Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Create(string? template)
    {
        var name = $"bmo_test_{RunId}_{Interlocked.Increment(ref _counter)}";
        Execute(template is null ? $"CREATE DATABASE {name}" : $"CREATE DATABASE {name} TEMPLATE {template}");
        lock (Created)
        {
            Created.Add(name);
        }

        return name;
    }

    private static string BuildTemplate()
    {
        var dir = TempDirectory.Create("bmo-pg-template");
        string name;
        using (var factory = new BmoAppFactory(dir, seeded: false).With("Bmo:Roles", "api"))
        {
            // Starting the host migrates (AutoMigrate is on for an empty test database) and loads the starter knowledge base.
            factory.Services.GetService(typeof(object));
            name = factory.DatabaseName!;
        }

        // A template may have no open connections when it is copied; EF's own pools keep idle ones for a while.
        NpgsqlConnection.ClearAllPools();
        Execute($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()");
        return name;
    }

    private static void DropAll()
    {
        NpgsqlConnection.ClearAllPools();
        lock (Created)
        {
            foreach (var name in Created)
            {
                try
                {
                    Execute($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                }
                catch (NpgsqlException)
                {
                    // The server may already be gone (scripts/services.sh stop); nothing to clean then.
                }
            }
        }
    }
}
