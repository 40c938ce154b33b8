using BmoLearning.Host.Cli;
using BmoLearning.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace BmoLearning.Tests.Cli;

/// <summary>`bmo ingest --replaces ID` and `--title T` (issue 14): a new version N+1 that keeps N, as the upload API does.</summary>
public sealed class CliIngestVersionTests
{
    private readonly string _dataDir = TempDirectory.Create("bmo-cli-versions");
    private readonly string _folder = TempDirectory.Create("bmo-cli-version-docs");

    private const string V1 = "# Branch handbook\n\n## Wires\n\nDomestic wires sent after the 4 pm cutoff settle the next business day.\n\n## Cheques\n\nCheques above $5,000 may be held for 5 business days.\n";
    private const string V2 = "Branch handbook\n\nWires\n\nDomestic wires sent after the 5 pm cutoff settle the next business day.\n\nCheques\n\nCheques above $5,000 may be held for 5 business days.\n";

    [SqliteFact]
    public async Task Replaces_makes_version_2_of_another_file_type_keeps_version_1_and_withdraws_its_passages()
    {
        var v1File = await WriteAsync("handbook.md", V1);
        Assert.Equal(0, await Ingest(v1File));
        var v1 = Scalar("SELECT id FROM knowledge_documents")!.ToString()!;

        var v2File = await WriteAsync("handbook-2026.txt", V2);
        Assert.Equal(0, await Ingest(v2File, "--replaces", v1));

        Assert.Equal(2L, Scalar("SELECT count(*) FROM knowledge_documents WHERE status = 'Processed'"));
        Assert.Equal(2L, Scalar($"SELECT version FROM knowledge_documents WHERE previous_version_id = '{v1}'"));
        Assert.Equal(1L, Scalar($"SELECT version FROM knowledge_documents WHERE id = '{v1}'"));
        Assert.Equal("text/plain", Scalar($"SELECT content_type FROM knowledge_documents WHERE previous_version_id = '{v1}'")?.ToString()?.Split(';')[0]);
        // Version 1 stays for the record, but retrieval no longer uses its passages.
        Assert.True((long)Scalar($"SELECT count(*) FROM knowledge_chunks WHERE document_id = '{v1}'")! > 0);
        Assert.Equal(0L, Scalar($"SELECT count(*) FROM knowledge_chunks WHERE document_id = '{v1}' AND (safety_flag IS NULL OR safety_flag <> 'superseded')"));

        // Version 1 was replaced already: replace version 2 instead. Nothing else is written.
        Assert.Equal(1, await Ingest(await WriteAsync("handbook-3.md", V1 + "\nOne more line.\n"), "--replaces", v1));
        Assert.Equal(2L, Scalar("SELECT count(*) FROM knowledge_documents"));
    }

    [SqliteFact]
    public async Task The_same_title_versions_a_document_and_identical_bytes_change_nothing()
    {
        Assert.Equal(0, await Ingest(await WriteAsync("a.md", V1), "--title", "Branch handbook"));
        Assert.Equal(0, await Ingest(await WriteAsync("b.md", V1.Replace("4 pm", "5 pm", StringComparison.Ordinal)), "--title", "Branch handbook"));
        Assert.Equal(0, await Ingest(await WriteAsync("c.md", V1.Replace("4 pm", "5 pm", StringComparison.Ordinal)), "--title", "Branch handbook"));

        Assert.Equal(2L, Scalar("SELECT count(*) FROM knowledge_documents"));
        Assert.Equal(2L, Scalar("SELECT max(version) FROM knowledge_documents WHERE title = 'Branch handbook'"));
        Assert.Equal(1L, Scalar("SELECT count(*) FROM knowledge_documents WHERE previous_version_id IS NOT NULL"));
    }

    [SqliteFact]
    public async Task Bad_replaces_arguments_are_refused_and_write_no_document()
    {
        var file = await WriteAsync("handbook.md", V1);
        var binary = Path.Combine(_folder, "blob.bin");
        await File.WriteAllBytesAsync(binary, [0, 1, 2, 3, 0xFF]);
        Assert.Equal(0, await Ingest(file));
        var v1 = Scalar("SELECT id FROM knowledge_documents")!.ToString()!;

        Assert.Equal(2, await Ingest(file, "--replaces", "not-an-id"));
        Assert.Equal(2, await Ingest(_folder, "--replaces", v1));
        Assert.Equal(2, await Ingest(file, "--title", " "));
        Assert.Equal(1, await Ingest(await WriteAsync("other.md", V2), "--replaces", Guid.NewGuid().ToString()));
        Assert.Equal(1, await Ingest(binary, "--replaces", v1));

        Assert.Equal(1L, Scalar("SELECT count(*) FROM knowledge_documents"));
    }

    private Task<int> Ingest(string path, params string[] options) =>
        BmoCommandLine.RunAsync(["ingest", path, .. options, "--data-dir", _dataDir]);

    private async Task<string> WriteAsync(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        await File.WriteAllTextAsync(path, text);
        return path;
    }

    private object? Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_dataDir, "bmo.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }
}
