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
    public async Task A_changed_file_replaces_its_chunks_and_reembeds_only_changed_sections()
    {
        var file = Path.Combine(_folder, "fees.md");
        await File.WriteAllTextAsync(file, "# Fees\n\n## Annual fee\n\nCharged once a year.\n\n## Late fee\n\nCharged after the due date.\n");
        var first = await IngestAsync(file);
        var before = await ChunksAsync(first.DocumentId);

        await File.WriteAllTextAsync(file, "# Fees\n\n## Annual fee\n\nCharged once a year.\n\n## Late fee\n\nCharged when the minimum payment arrives after the due date.\n\n## Foreign transaction fee\n\nA percentage of purchases made in another currency.\n");
        var second = await IngestAsync(file);
        var after = await ChunksAsync(first.DocumentId);

        Assert.Equal(IngestionOutcome.Processed, second.Outcome);
        Assert.Equal(3, after.Count);
        Assert.Equal(2, second.EmbeddedCount);
        Assert.Empty(after.Select(c => c.Id).Intersect(before.Select(c => c.Id)));
        Assert.Contains(after, c => c.Text.Contains("another currency", StringComparison.Ordinal));
        Assert.DoesNotContain(after, c => c.Text == "Charged after the due date.");
        Assert.Equal(before[0].Embedding, after[0].Embedding);
        Assert.NotEqual(before[1].Embedding, after[1].Embedding);
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
