using BmoLearning.Ai.Ingestion;
using BmoLearning.Core.Data;
using BmoLearning.Core.Knowledge;
using BmoLearning.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BmoLearning.Tests.Knowledge;

public sealed class IngestionTests : IAsyncLifetime
{
    private CoreServices _services = null!;
    private string _folder = null!;

    public async Task InitializeAsync()
    {
        _services = await CoreServices.CreateAsync();
        _folder = TempDirectory.Create("bmo-docs");
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private async Task<IngestionResult> IngestAsync(string file)
    {
        await using var scope = _services.Scope();
        return await scope.ServiceProvider.GetRequiredService<FileIngestor>().IngestFileAsync(file, "file:" + file, DocumentCategory.Reference, CancellationToken.None);
    }

    private async Task<List<KnowledgeChunk>> ChunksAsync(Guid documentId)
    {
        await using var scope = _services.Scope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().KnowledgeChunks
            .Where(c => c.DocumentId == documentId).OrderBy(c => c.Position).ToListAsync();
    }

    [Fact]
    public async Task Reingesting_an_unchanged_file_changes_nothing()
    {
        var file = Path.Combine(_folder, "limits.md");
        await File.WriteAllTextAsync(file, "# Credit limits\n\n## How limits are set\n\nIssuers set a limit from revenue and credit history.\n\n## Raising a limit\n\nA business can ask for a higher limit after six months.\n");

        var first = await IngestAsync(file);
        var before = await ChunksAsync(first.DocumentId);
        var second = await IngestAsync(file);
        var after = await ChunksAsync(first.DocumentId);

        Assert.Equal(IngestionOutcome.Processed, first.Outcome);
        Assert.Equal(IngestionOutcome.Unchanged, second.Outcome);
        Assert.Equal(first.DocumentId, second.DocumentId);
        Assert.Equal(before.Select(c => c.Id), after.Select(c => c.Id));
        Assert.All(before, c => Assert.Equal(384, c.Embedding.Length));
    }

    [Fact]
    public async Task A_changed_file_is_a_new_version_that_keeps_the_old_text_for_the_record()
    {
        var file = Path.Combine(_folder, "fees.md");
        await File.WriteAllTextAsync(file, "# Fees\n\n## Annual fee\n\nCharged once a year.\n\n## Late fee\n\nCharged after the due date.\n");
        var first = await IngestAsync(file);
        var before = await ChunksAsync(first.DocumentId);

        await File.WriteAllTextAsync(file, "# Fees\n\n## Annual fee\n\nCharged once a year.\n\n## Late fee\n\nCharged when the minimum payment arrives after the due date.\n\n## Foreign transaction fee\n\nA percentage of purchases made in another currency.\n");
        var second = await IngestAsync(file);
        var after = await ChunksAsync(second.DocumentId);
        var kept = await ChunksAsync(first.DocumentId);

        // Version 2 is its own document; version 1 keeps its passages, withdrawn from retrieval (issue 14).
        Assert.Equal(IngestionOutcome.Processed, second.Outcome);
        Assert.NotEqual(first.DocumentId, second.DocumentId);
        Assert.Equal(3, after.Count);
        Assert.Contains(after, c => c.Text.Contains("another currency", StringComparison.Ordinal));
        Assert.Equal(before.Select(c => c.Text), kept.Select(c => c.Text));
        Assert.All(kept, c => Assert.Equal(KnowledgeChunk.SupersededFlag, c.SafetyFlag));
        Assert.Equal(before[0].Embedding, after[0].Embedding);

        // The same file again changes nothing: the latest version is found through the chain.
        Assert.Equal(IngestionOutcome.Unchanged, (await IngestAsync(file)).Outcome);
        Assert.Equal(second.DocumentId, (await IngestAsync(file)).DocumentId);
    }

    [Fact]
    public async Task An_unreadable_file_is_marked_failed_with_the_reason_and_leaves_no_chunks()
    {
        var file = Path.Combine(_folder, "broken.txt");
        await File.WriteAllBytesAsync(file, [0xFF, 0xFE, 0x00, 0xD8, 0x41]);
        var result = await IngestAsync(file);

        Assert.Equal(IngestionOutcome.Failed, result.Outcome);
        Assert.Contains("not a supported document", result.Error, StringComparison.Ordinal);
        await using var scope = _services.Scope();
        var document = await scope.ServiceProvider.GetRequiredService<AppDbContext>().KnowledgeDocuments.SingleAsync(d => d.Id == result.DocumentId);
        Assert.Equal(DocumentStatus.Failed, document.Status);
        Assert.Empty(await ChunksAsync(result.DocumentId));
    }

    [Fact]
    public async Task An_empty_file_fails_with_no_text()
    {
        var file = Path.Combine(_folder, "empty.md");
        await File.WriteAllTextAsync(file, "   \n\n");
        var result = await IngestAsync(file);
        Assert.Equal(IngestionOutcome.Failed, result.Outcome);
        Assert.Contains("no text", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_chunks_are_found_by_keyword_and_by_meaning()
    {
        var file = Path.Combine(_folder, "vault.md");
        await File.WriteAllTextAsync(file, "# Vault procedures\n\n## Dual control\n\nTwo employees must be present whenever the vault is opened.\n");
        await IngestAsync(file);

        await using var scope = _services.Scope();
        var index = scope.ServiceProvider.GetRequiredService<IKnowledgeIndex>();
        var byKeyword = await index.SearchAsync(new RetrievalQuery("vault dual control", 3), CancellationToken.None);
        var byMeaning = await index.SearchAsync(new RetrievalQuery("how many staff are needed to open the safe", 3), CancellationToken.None);

        Assert.Equal("Dual control", byKeyword[0].Section);
        Assert.True(byKeyword[0].KeywordMatch);
        Assert.Equal("Dual control", byMeaning[0].Section);
        Assert.True(byMeaning[0].Similarity > 0.3, $"similarity {byMeaning[0].Similarity}");
    }
}
