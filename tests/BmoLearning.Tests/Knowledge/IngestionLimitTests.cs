using BmoLearning.Ai.Ingestion;
using BmoLearning.Core.Data;
using BmoLearning.Core.Knowledge;
using BmoLearning.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace BmoLearning.Tests.Knowledge;

/// <summary>
/// Issue 17 item 4 through the pipeline, on this run's database (SQLite or PostgreSQL): a document over a
/// limit is marked failed with the reason and the call returns normally (nothing for a job to retry).
/// </summary>
public sealed class IngestionLimitTests : IAsyncLifetime
{
    private CoreServices _services = null!;
    private string _folder = null!;

    public async Task InitializeAsync()
    {
        _services = await CoreServices.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["Ingestion:MaxCharacters"] = "50000",
            ["Ingestion:MaxChunks"] = "40",
        });
        _folder = TempDirectory.Create("bmo-limits");
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private async Task<(IngestionResult Result, KnowledgeDocument Document)> IngestAsync(string fileName, byte[] bytes, CoreServices? services = null)
    {
        services ??= _services;
        var file = Path.Combine(_folder, fileName);
        await File.WriteAllBytesAsync(file, bytes);
        await using var scope = services.Scope();
        var result = await scope.ServiceProvider.GetRequiredService<FileIngestor>().IngestFileAsync(file, "file:" + file, DocumentCategory.Reference, CancellationToken.None);
        await using var read = services.Scope();
        var db = read.ServiceProvider.GetRequiredService<AppDbContext>();
        var document = await db.KnowledgeDocuments.AsNoTracking().SingleAsync(d => d.Id == result.DocumentId);
        Assert.Equal(0, await db.KnowledgeChunks.CountAsync(c => c.DocumentId == result.DocumentId));
        return (result, document);
    }

    [Theory]
    [InlineData("policy.docx")]
    [InlineData("policy.md")]
    [InlineData("policy.txt")]
    public async Task A_document_over_the_character_limit_fails_with_the_reason(string fileName)
    {
        var bytes = fileName.EndsWith(".docx", StringComparison.Ordinal) ? TestDocuments.LargeDocx(200_000) : TestDocuments.LargeText(200_000);

        var (result, document) = await IngestAsync(fileName, bytes);

        Assert.Equal(IngestionOutcome.Failed, result.Outcome);
        Assert.Equal(DocumentStatus.Failed, document.Status);
        Assert.StartsWith("The document is too large when expanded: ", document.Error, StringComparison.Ordinal);
        Assert.EndsWith("characters of text, limit 50,000.", document.Error, StringComparison.Ordinal);
        Assert.Equal(0, document.ChunkCount);
    }

    [Fact]
    public async Task A_document_over_the_chunk_limit_fails_with_the_reason()
    {
        // 45,000 characters pass the character limit but make about 50 chunks.
        var (result, document) = await IngestAsync("many.md", TestDocuments.LargeText(45_000));

        Assert.Equal(IngestionOutcome.Failed, result.Outcome);
        Assert.Equal(DocumentStatus.Failed, document.Status);
        Assert.Contains("more than 40 chunks", document.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingestion_past_its_deadline_fails_the_document_instead_of_running_on()
    {
        // The embedder never finishes on its own, so only the one-second deadline can end the ingestion
        // (a real model on a fast machine can embed a large document inside any deadline a test could wait for).
        await using var hurried = await CoreServices.CreateAsync(
            settings: new Dictionary<string, string?> { ["Ingestion:MaxDuration"] = "00:00:01" },
            replace: services => services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(new EmbedderThatWaitsForCancellation()));

        var (result, document) = await IngestAsync("slow.md", TestDocuments.LargeText(5_000), hurried).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(IngestionOutcome.Failed, result.Outcome);
        Assert.Equal(DocumentStatus.Failed, document.Status);
        Assert.Contains("took longer than its limit of 1 seconds", document.Error ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_under_the_limits_is_processed()
    {
        var (result, _) = await IngestAsyncProcessed("fine.md", TestDocuments.LargeText(5_000));

        Assert.Equal(IngestionOutcome.Processed, result.Outcome);
        Assert.InRange(result.ChunkCount, 2, 40);
    }

    private async Task<(IngestionResult Result, KnowledgeDocument Document)> IngestAsyncProcessed(string fileName, byte[] bytes)
    {
        var file = Path.Combine(_folder, fileName);
        await File.WriteAllBytesAsync(file, bytes);
        await using var scope = _services.Scope();
        var result = await scope.ServiceProvider.GetRequiredService<FileIngestor>().IngestFileAsync(file, "file:" + file, DocumentCategory.Reference, CancellationToken.None);
        var document = await scope.ServiceProvider.GetRequiredService<AppDbContext>().KnowledgeDocuments.AsNoTracking().SingleAsync(d => d.Id == result.DocumentId);
        return (result, document);
    }

    private sealed class EmbedderThatWaitsForCancellation : IEmbeddingGenerator<string, Embedding<float>>
    {
        public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
            IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
