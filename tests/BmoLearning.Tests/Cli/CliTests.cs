using BmoLearning.Core.Data;
using BmoLearning.Host.Cli;
using BmoLearning.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace BmoLearning.Tests.Cli;

/// <summary>The `bmo` commands on the embedded default (a data directory), run in-process as a user would type them.</summary>
public sealed class CliTests
{
    private readonly string _dataDir = TempDirectory.Create("bmo-cli");

    private static long Count(string dataDir, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDir, "bmo.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    [SqliteFact]
    public async Task Migrate_is_idempotent()
    {
        var migrations = typeof(BmoLearning.Data.Sqlite.DesignTimeDbContextFactory).Assembly.GetTypes()
            .Count(t => t.IsSubclassOf(typeof(Microsoft.EntityFrameworkCore.Migrations.Migration)));

        Assert.Equal(0, await BmoCommandLine.RunAsync(["migrate", "--data-dir", _dataDir]));
        Assert.Equal(0, await BmoCommandLine.RunAsync(["migrate", "--data-dir", _dataDir]));
        Assert.Equal(migrations, Count(_dataDir, "SELECT count(*) FROM \"__EFMigrationsHistory\""));
    }

    [SqliteFact]
    public async Task Ingest_adds_a_folder_and_a_second_run_skips_unchanged_files()
    {
        var folder = TempDirectory.Create("bmo-cli-docs");
        await File.WriteAllTextAsync(Path.Combine(folder, "a.md"), "# Cheques\n\n## Holds\n\nDeposited cheques can be held for several business days.\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "b.txt"), "Wire transfers are final once sent.\n\nCheck the beneficiary twice.");
        await File.WriteAllTextAsync(Path.Combine(folder, "ignored.pdf.bak"), "not a supported type");

        Assert.Equal(0, await BmoCommandLine.RunAsync(["ingest", folder, "--category", "reference", "--data-dir", _dataDir]));
        var chunks = Count(_dataDir, "SELECT count(*) FROM knowledge_chunks");
        Assert.Equal(2, Count(_dataDir, "SELECT count(*) FROM knowledge_documents WHERE category = 'Reference' AND status = 'Processed'"));

        Assert.Equal(0, await BmoCommandLine.RunAsync(["ingest", folder, "--data-dir", _dataDir]));
        Assert.Equal(chunks, Count(_dataDir, "SELECT count(*) FROM knowledge_chunks"));
        Assert.Equal(2, Count(_dataDir, "SELECT count(*) FROM knowledge_documents"));
    }

    [SqliteFact]
    public async Task Ingest_exits_1_when_a_file_fails_and_reports_it_on_the_document()
    {
        var folder = TempDirectory.Create("bmo-cli-bad");
        await File.WriteAllBytesAsync(Path.Combine(folder, "bad.txt"), [0xC3, 0x28]);
        Assert.Equal(1, await BmoCommandLine.RunAsync(["ingest", folder, "--data-dir", _dataDir]));
        Assert.Equal(1, Count(_dataDir, "SELECT count(*) FROM knowledge_documents WHERE status = 'Failed' AND error LIKE '%not a supported document%'"));
    }

    [SqliteFact]
    public async Task Bad_arguments_exit_2_without_touching_the_data_directory()
    {
        Assert.Equal(2, await BmoCommandLine.RunAsync(["ingest", "/no/such/path", "--data-dir", _dataDir]));
        Assert.Equal(2, await BmoCommandLine.RunAsync(["ingest", _dataDir, "--category", "novel", "--data-dir", _dataDir]));
        Assert.Equal(2, await BmoCommandLine.RunAsync(["ingest", _dataDir, "--category", "1", "--data-dir", _dataDir])); // not an enum number
        Assert.Equal(2, await BmoCommandLine.RunAsync(["serve", "--role", "web", "--data-dir", _dataDir]));
        Assert.Equal(2, await BmoCommandLine.RunAsync(["serve", "--role", "api,web", "--data-dir", _dataDir]));
        Assert.False(File.Exists(Path.Combine(_dataDir, "bmo.db")));
        Assert.NotEqual(0, await BmoCommandLine.RunAsync(["frobnicate"]));
    }

    [SqliteFact]
    public async Task Seed_loads_the_starter_knowledge_base_once()
    {
        Assert.Equal(0, await BmoCommandLine.RunAsync(["seed", "--data-dir", _dataDir]));
        var documents = Count(_dataDir, "SELECT count(*) FROM knowledge_documents");
        var chunks = Count(_dataDir, "SELECT count(*) FROM knowledge_chunks");
        Assert.True(documents >= 15, $"{documents} documents");
        Assert.Equal(documents, Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "content"), "*.md", SearchOption.AllDirectories).Length);

        Assert.Equal(0, await BmoCommandLine.RunAsync(["seed", "--data-dir", _dataDir]));
        Assert.Equal(chunks, Count(_dataDir, "SELECT count(*) FROM knowledge_chunks"));
    }
}
