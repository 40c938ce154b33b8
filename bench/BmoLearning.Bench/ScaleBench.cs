using System.Diagnostics;
using System.Text;
using BmoLearning.Ai.Ingestion;
using BmoLearning.Ai.Retrieval;
using BmoLearning.Core.Data;
using BmoLearning.Core.Knowledge;
using BmoLearning.Host.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BmoLearning.Bench;

/// <summary>
/// The embedded index at scale: a synthetic corpus of short sections (one chunk each) built from the
/// starter knowledge base's sentences, ingested through the real pipeline with embeddings, then queried.
/// </summary>
internal static class ScaleBench
{
    private const int ChunksPerDocument = 1_000;

    /// <param name="embeddedChunks">
    /// Chunks that go through the whole pipeline (embedding included); beyond them the index is grown to
    /// <paramref name="totalChunks"/> with new texts carrying perturbed copies of the embeddings already computed,
    /// because embedding 100,000 chunks takes most of an hour on two cores. Ingestion speed is per chunk, so it is
    /// measured on the embedded part; query latency and snapshot load are measured on the full index.
    /// </param>
    public static async Task RunAsync(int totalChunks, int embeddedChunks)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Bmo:DataDir"] = Directory.CreateTempSubdirectory("bmo-scale").FullName });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddBmoCore();
        using var host = builder.Build();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        }

        var sentences = StarterSentences();
        var random = new Random(42);
        Console.WriteLine();
        embeddedChunks = Math.Min(embeddedChunks, totalChunks);
        Console.WriteLine($"## Embedded index at scale ({totalChunks:N0} synthetic chunks of about 25 words; the first {embeddedChunks:N0} embedded by the pipeline)");
        Console.WriteLine();
        Console.WriteLine("| chunks in index | ingestion chunks/s (embedding included) | snapshot load ms | query p50 ms | query p95 ms | query embedding p50 ms |");
        Console.WriteLine("|---|---|---|---|---|---|");
        var ingested = 0;
        var clock = Stopwatch.StartNew();
        var checkpoints = new[] { 1_000, 10_000, 50_000, 100_000 }.Where(c => c < totalChunks).Append(totalChunks).ToList();
        var document = 0;
        for (; ingested < embeddedChunks; document++)
        {
            await using (var scope = host.Services.CreateAsyncScope())
            {
                var pipeline = scope.ServiceProvider.GetRequiredService<IngestionPipeline>();
                var text = SyntheticDocument(document, sentences, random);
                var result = await pipeline.IngestAsync(new DocumentSource($"synthetic:{document}", $"synthetic-{document}.md", "text/markdown", Encoding.UTF8.GetBytes(text), DocumentCategory.Reference), CancellationToken.None);
                // Counted from what the chunker made, not from the sections written.
                ingested += result.ChunkCount;
            }

            while (checkpoints.Count > 0 && ingested >= checkpoints[0])
            {
                checkpoints.RemoveAt(0);
                clock.Stop();
                await MeasureQueriesAsync(host.Services, ingested, ingested / clock.Elapsed.TotalSeconds);
                clock.Start();
            }
        }

        var pipelineRate = ingested / clock.Elapsed.TotalSeconds;
        for (; ingested < totalChunks; document++)
        {
            ingested += await InsertWithReusedEmbeddingsAsync(host.Services, document, sentences, random);
            while (checkpoints.Count > 0 && ingested >= checkpoints[0])
            {
                checkpoints.RemoveAt(0);
                await MeasureQueriesAsync(host.Services, ingested, pipelineRate);
            }
        }
    }

    /// <summary>Adds one synthetic document whose chunks reuse (perturbed) embeddings of chunks already embedded.</summary>
    private static async Task<int> InsertWithReusedEmbeddingsAsync(IServiceProvider services, int number, IReadOnlyList<string> sentences, Random random)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var pool = await db.KnowledgeChunks.AsNoTracking().OrderBy(c => c.Id).Take(5_000).Select(c => c.Embedding).ToListAsync();
        var now = DateTimeOffset.UtcNow;
        var doc = new KnowledgeDocument
        {
            Title = $"Synthetic policy {number}", SourceKey = $"synthetic:{number}", ContentType = "text/markdown", ContentHash = $"synthetic-{number}",
            Category = DocumentCategory.Reference, Status = DocumentStatus.Processed, ChunkCount = ChunksPerDocument, CreatedAt = now, UpdatedAt = now, ProcessedAt = now,
        };
        db.KnowledgeDocuments.Add(doc);
        for (var i = 0; i < ChunksPerDocument; i++)
        {
            var text = sentences[random.Next(sentences.Count)] + " " + sentences[random.Next(sentences.Count)];
            var vector = (float[])pool[random.Next(pool.Count)].Clone();
            var norm = 0.0;
            for (var d = 0; d < vector.Length; d++)
            {
                vector[d] += (float)((random.NextDouble() - 0.5) * 0.02);
                norm += vector[d] * vector[d];
            }

            for (var d = 0; d < vector.Length; d++)
            {
                vector[d] /= (float)Math.Sqrt(norm);
            }

            db.KnowledgeChunks.Add(new KnowledgeChunk
            {
                DocumentId = doc.Id, Position = i, Text = text, HeadingPath = $"Synthetic policy {number} > Clause {number}.{i}",
                ContentHash = $"{number}:{i}", Embedding = vector,
            });
        }

        await db.SaveChangesAsync();
        return ChunksPerDocument;
    }

    private static async Task MeasureQueriesAsync(IServiceProvider services, int count, double ingestRate)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var cache = scope.ServiceProvider.GetRequiredService<VectorSnapshotCache>();
        cache.Invalidate();
        var load = Stopwatch.StartNew();
        await db.Database.OpenConnectionAsync();
        await cache.GetAsync(db.Database.GetDbConnection(), CancellationToken.None);
        await db.Database.CloseConnectionAsync();
        var loadMs = load.Elapsed.TotalMilliseconds;

        var index = scope.ServiceProvider.GetRequiredService<IKnowledgeIndex>();
        var embedder = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>>>();
        var latencies = new List<double>();
        var embedding = new List<double>();
        foreach (var question in PipelineBench.LoadQuestions().Take(60))
        {
            var clock = Stopwatch.StartNew();
            await Ai.Embeddings.EmbeddingExtensions.EmbedOneAsync(embedder, question.Text, CancellationToken.None);
            embedding.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            await index.SearchAsync(new RetrievalQuery(question.Text, 10), CancellationToken.None);
            latencies.Add(clock.Elapsed.TotalMilliseconds);
        }

        var stats = new Stats(latencies);
        Console.WriteLine($"| {count:N0} | {ingestRate:0} | {loadMs:0} | {Stats.Ms(stats.P50)} | {Stats.Ms(stats.P95)} | {Stats.Ms(new Stats(embedding).P50)} |");
    }

    private static string SyntheticDocument(int number, IReadOnlyList<string> sentences, Random random)
    {
        var text = new StringBuilder($"# Synthetic policy {number}\n\n");
        for (var section = 0; section < ChunksPerDocument; section++)
        {
            text.Append($"## Clause {number}.{section}\n\n");
            text.Append(sentences[random.Next(sentences.Count)]).Append(' ').Append(sentences[random.Next(sentences.Count)]).Append("\n\n");
        }

        return text.ToString();
    }

    private static List<string> StarterSentences()
    {
        var root = Path.Combine(AppContext.BaseDirectory, "content");
        return Directory.EnumerateFiles(root, "*.md", SearchOption.AllDirectories)
            .SelectMany(File.ReadAllLines)
            .Where(l => l.Length > 40 && !l.StartsWith('#') && !l.StartsWith('|'))
            .SelectMany(l => Ai.Text.SentenceSplitter.Split(l))
            .Where(s => s.Split(' ').Length is >= 8 and <= 20)
            .Distinct()
            .ToList();
    }
}
