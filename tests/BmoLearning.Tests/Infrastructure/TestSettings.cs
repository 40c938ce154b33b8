namespace BmoLearning.Tests.Infrastructure;

/// <summary>The configuration that points a test host (web or CLI) at this run's database and job storage.</summary>
internal static class TestSettings
{
    private const string PrefixFile = ".test-jobs-prefix";

    public static Dictionary<string, string?> For(string dataDir, bool seeded, out string? databaseName)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Bmo:DataDir"] = dataDir,
            // Test hosts run on the real clock: with the organisation's default quiet hours (20:00-08:00 UTC) every
            // on-demand lesson requested in the evening would wait for the morning and the suite would depend on the
            // hour it runs. Tests of quiet hours set their own (DeliveryHost's fake clock keeps the defaults).
            ["Delivery:QuietHoursStart"] = "00:00",
            ["Delivery:QuietHoursEnd"] = "00:00",
        };
        databaseName = null;
        if (TestEnvironment.UsesPostgres)
        {
            var (name, existing) = PostgresDatabases.ForDataDir(dataDir, seeded);
            databaseName = name;
            settings["Database:Provider"] = "postgres";
            settings["Database:ConnectionString"] = PostgresDatabases.ConnectionString(name);
            // Hundreds of short-lived hosts share one server: idle connections must close in seconds, not a minute.
            settings["Database:ConnectionIdleLifetimeSeconds"] = "2";
            settings["Database:MaxPoolSize"] = "10";
            // Roles that run apart share a configured link signing key, as in production.
            settings["Delivery:LinkSigningKey"] = "test-link-signing-key-0123456789abcdef";
            // An empty database is set up the way the embedded default sets up an empty data directory.
            if (!seeded && !existing)
            {
                settings["Bmo:AutoMigrate"] = "true";
            }
        }

        if (TestEnvironment.JobStorage is { } storage)
        {
            settings["Jobs:Storage"] = storage;
        }

        if (TestEnvironment.Redis is { } redis && (TestEnvironment.JobStorage == "redis" || TestEnvironment.UsesPostgres))
        {
            settings["Redis:Url"] = redis;
            // Each data directory gets its own queue in the shared Redis; a restart finds its jobs again.
            var file = Path.Combine(dataDir, PrefixFile);
            if (!File.Exists(file))
            {
                File.WriteAllText(file, $"{{bmo-test-{Guid.NewGuid():N}}}:");
            }

            settings["Jobs:RedisPrefix"] = File.ReadAllText(file);
            // The cache too: tests share one Redis, and one test's cached lesson must not answer another's request.
            settings["Redis:KeyPrefix"] = File.ReadAllText(file);
        }

        return settings;
    }
}
