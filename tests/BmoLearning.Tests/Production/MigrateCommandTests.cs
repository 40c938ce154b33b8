using BmoLearning.Host.Cli;
using BmoLearning.Tests.Infrastructure;

namespace BmoLearning.Tests.Production;

/// <summary>`bmo migrate` against PostgreSQL, as a deployment runs it before starting the roles.</summary>
public sealed class MigrateCommandTests
{
    [PostgresFact]
    public async Task Two_migrates_started_together_on_an_empty_database_both_succeed_and_apply_once()
    {
        var database = PostgresDatabases.CreateEmpty();
        var env = new Dictionary<string, string> { ["DATABASE_URL"] = PostgresDatabases.Url(database), ["Bmo__DataDir"] = TempDirectory.Create("bmo-migrate") };

        var runs = await Task.WhenAll(BmoProcess.RunAsync(["migrate"], env), BmoProcess.RunAsync(["migrate"], env));

        Assert.All(runs, run => Assert.True(run.ExitCode == 0, run.Output));
        Assert.Single(runs, run => run.Output.Contains("Applied", StringComparison.Ordinal));
        Assert.Single(runs, run => run.Output.Contains("up to date", StringComparison.Ordinal));
        var migrations = PostgresDatabases.Count(database, "SELECT count(*) FROM \"__EFMigrationsHistory\"");
        Assert.True(migrations >= 1);
        Assert.Equal(0, PostgresDatabases.Count(database, "SELECT count(*) FROM knowledge_chunks"));
        // The job tables exist too (jobs default to the PostgreSQL database).
        Assert.Equal(1, PostgresDatabases.Count(database, "SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'hangfire'"));

        var again = await BmoProcess.RunAsync(["migrate"], env);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("up to date", again.Output, StringComparison.Ordinal);
        Assert.Equal(migrations, PostgresDatabases.Count(database, "SELECT count(*) FROM \"__EFMigrationsHistory\""));
    }

    [PostgresFact]
    public async Task Migrate_exits_1_naming_the_server_when_it_cannot_connect_and_never_prints_the_password()
    {
        var port = FreePort.Find();
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        try
        {
            var exit = await BmoCommandLine.RunAsync(["migrate", $"--Database:Url=postgres://bmo:s3cret-pw@127.0.0.1:{port}/bmo", "--Database:MaxRetryCount=0"]);
            Assert.Equal(1, exit);
        }
        finally
        {
            Console.SetError(original);
        }

        Assert.Contains($"cannot connect to PostgreSQL at 127.0.0.1:{port}, database bmo", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_exits_78_with_the_setting_to_fix_when_the_database_url_is_malformed()
    {
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.Equal(ConfigurationErrors.ExitCode, await BmoCommandLine.RunAsync(["migrate", "--Database:Url=mysql://root:pw@db/bmo"]));
        }
        finally
        {
            Console.SetError(original);
        }

        Assert.Contains("DATABASE_URL", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("pw@", error.ToString(), StringComparison.Ordinal);
    }
}
