using BmoLearning.Tests.Infrastructure;

namespace BmoLearning.Tests.Cli;

/// <summary>What an operator reads in the deploy log of `bmo migrate`.</summary>
public sealed class MigrateLogTests
{
    // EF used to read "__EFMigrationsHistory" before creating it and log that as "fail: ... Failed executing DbCommand".
    [PostgresFact]
    public async Task First_migrate_of_an_empty_postgres_database_logs_no_failure()
    {
        var database = PostgresDatabases.CreateEmpty();
        var env = new Dictionary<string, string>
        {
            ["DATABASE_URL"] = PostgresDatabases.Url(database),
            ["Bmo__DataDir"] = TempDirectory.Create("bmo-migrate-log"),
            // Show everything EF logs about commands, so a failed one cannot hide below the default level.
            ["Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command"] = "Information",
        };

        var (exit, output) = await BmoProcess.RunAsync(["migrate"], env);

        Assert.True(exit == 0, output);
        Assert.Contains("Applied", output, StringComparison.Ordinal);
        Assert.DoesNotContain("fail:", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Failed executing", output, StringComparison.Ordinal);
        Assert.True(PostgresDatabases.Count(database, "SELECT count(*) FROM \"__EFMigrationsHistory\"") >= 1);
    }

    // The guard above must not hide real failures: a broken database still fails loudly.
    [PostgresFact]
    public async Task A_migration_that_really_fails_is_still_reported()
    {
        var database = PostgresDatabases.CreateEmpty();
        // A table in the way of the first migration: creating it fails, and that must be visible.
        PostgresDatabases.Execute("CREATE TABLE learners (id int)", database);
        var env = new Dictionary<string, string>
        {
            ["DATABASE_URL"] = PostgresDatabases.Url(database),
            ["Bmo__DataDir"] = TempDirectory.Create("bmo-migrate-log"),
        };

        var (exit, output) = await BmoProcess.RunAsync(["migrate"], env);

        Assert.True(exit != 0, output);
        Assert.Contains("migrate failed", output, StringComparison.Ordinal);
    }
}
