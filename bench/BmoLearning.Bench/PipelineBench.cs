using System.Diagnostics;
using System.Text.Json;
using BmoLearning.Ai.Embeddings;
using BmoLearning.Core.Data;
using BmoLearning.Core.Knowledge;
using BmoLearning.Core.Lessons;
using BmoLearning.Host.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BmoLearning.Bench;

/// <summary>
/// In-process measurements of the knowledge pipeline on the starter knowledge base: ingestion,
/// retrieval (speed and quality on the labelled questions) and offline lesson generation.
/// </summary>
internal static class PipelineBench
{
    private const int Repeats = 5;

    /// <param name="dataDir">An existing data directory to reuse (retrieval only), or null for a fresh one.</param>
    public static async Task RunAsync(string? dataDir = null, bool retrievalOnly = false)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bmo:DataDir"] = dataDir ?? Directory.CreateTempSubdirectory("bmo-bench").FullName,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddBmoCore();
        using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        var embedder = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        await embedder.EmbedOneAsync("warm up the model", CancellationToken.None);

        if (!retrievalOnly)
        {
            await IngestionAsync(services, embedder);
        }
        else
        {
            await services.GetRequiredService<StarterKnowledge>().LoadAsync(progress: null, CancellationToken.None);
        }

        var questions = LoadQuestions();
        await RetrievalAsync(services, embedder, questions);
        if (!retrievalOnly)
        {
            await GenerationAsync(services);
        }
        else if (Environment.GetCommandLineArgs().Contains("--sweep"))
        {
            var files = await services.GetRequiredService<AppDbContext>().KnowledgeDocuments.ToDictionaryAsync(d => d.Id, d => d.FileName ?? string.Empty);
            await RetrievalSweep.RunAsync(services, index => EvaluateAsync(index, questions, files, RetrievalMode.Hybrid));
        }
    }

    private static async Task IngestionAsync(IServiceProvider services, IEmbeddingGenerator<string, Embedding<float>> embedder)
    {
        var clock = Stopwatch.StartNew();
        var results = await services.GetRequiredService<StarterKnowledge>().LoadAsync(progress: null, CancellationToken.None);
        var ingestSeconds = clock.Elapsed.TotalSeconds;
        var chunks = results.Sum(r => r.ChunkCount);

        // Baseline: embedding the same texts alone, without extraction, chunking or storage.
        var db = services.GetRequiredService<AppDbContext>();
        var texts = await db.KnowledgeChunks.Select(c => c.HeadingPath + "\n" + c.Text).ToListAsync();
        clock.Restart();
        await embedder.EmbedManyAsync(texts, CancellationToken.None);
        var embedSeconds = clock.Elapsed.TotalSeconds;

        Console.WriteLine();
        Console.WriteLine($"## Ingestion of the starter knowledge base ({results.Count} documents, {chunks} chunks)");
        Console.WriteLine();
        Console.WriteLine("| measure | chunks/s | seconds | / baseline |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine($"| embedding only (baseline) | {texts.Count / embedSeconds:0.0} | {embedSeconds:0.00} | 1.00x |");
        Console.WriteLine($"| ingestion: extract, chunk, embed, store | {chunks / ingestSeconds:0.0} | {ingestSeconds:0.00} | {ingestSeconds / embedSeconds:0.00}x time |");
    }

    private static async Task RetrievalAsync(IServiceProvider services, IEmbeddingGenerator<string, Embedding<float>> embedder, IReadOnlyList<Question> questions)
    {
        var index = services.GetRequiredService<IKnowledgeIndex>();
        var db = services.GetRequiredService<AppDbContext>();
        var files = await db.KnowledgeDocuments.ToDictionaryAsync(d => d.Id, d => d.FileName ?? string.Empty);

        Console.WriteLine();
        Console.WriteLine($"## Retrieval on {questions.Count} labelled questions (bench/retrieval/questions.json)");
        Console.WriteLine();
        Console.WriteLine("| mode | Recall@5 | Recall@10 | MRR | p50 ms | p95 ms |");
        Console.WriteLine("|---|---|---|---|---|---|");
        var baseline = new List<double>();
        foreach (var question in questions)
        {
            var clock = Stopwatch.StartNew();
            await embedder.EmbedOneAsync(question.Text, CancellationToken.None);
            baseline.Add(clock.Elapsed.TotalMilliseconds);
        }

        var baselineStats = new Stats(baseline);
        foreach (var mode in new[] { RetrievalMode.Vector, RetrievalMode.Keyword, RetrievalMode.Hybrid })
        {
            var latencies = new List<double>();
            var (r5, r10, mrr) = await EvaluateAsync(index, questions, files, mode, latencies);
            var stats = new Stats(latencies);
            Console.WriteLine($"| {mode.ToString().ToLowerInvariant()} | {r5:0.000} | {r10:0.000} | {mrr:0.000} | {Stats.Ms(stats.P50)} | {Stats.Ms(stats.P95)} |");
        }

        Console.WriteLine($"| query embedding alone (baseline) | | | | {Stats.Ms(baselineStats.P50)} | {Stats.Ms(baselineStats.P95)} |");
    }

    /// <summary>Recall@5, Recall@10 (share of answer sections found) and MRR over the labelled questions.</summary>
    public static async Task<(double R5, double R10, double Mrr)> EvaluateAsync(
        IKnowledgeIndex index, IReadOnlyList<Question> questions, IReadOnlyDictionary<Guid, string> files, RetrievalMode mode, List<double>? latencies = null)
    {
        var recall5 = 0.0;
        var recall10 = 0.0;
        var reciprocal = 0.0;
        foreach (var question in questions)
        {
            var clock = Stopwatch.StartNew();
            var hits = await index.SearchAsync(new RetrievalQuery(question.Text, 10) { Mode = mode }, CancellationToken.None);
            latencies?.Add(clock.Elapsed.TotalMilliseconds);
            bool Answers(RetrievedChunk hit, Answer answer) =>
                files[hit.DocumentId] == answer.Document && hit.HeadingPath.Split(" > ").Contains(answer.Section);
            recall5 += question.Answers.Count(a => hits.Take(5).Any(h => Answers(h, a))) / (double)question.Answers.Count;
            recall10 += question.Answers.Count(a => hits.Any(h => Answers(h, a))) / (double)question.Answers.Count;
            var first = hits.Select((h, i) => (h, i)).FirstOrDefault(x => question.Answers.Any(a => Answers(x.h, a)));
            reciprocal += first.h is null ? 0 : 1.0 / (first.i + 1);
        }

        return (recall5 / questions.Count, recall10 / questions.Count, reciprocal / questions.Count);
    }

    private static async Task GenerationAsync(IServiceProvider services)
    {
        string[] topics =
        [
            "APR", "grace periods", "minimum payments", "credit utilisation", "credit limits", "annual fees", "rewards points",
            "employee cards and spending controls", "personal guarantee liability", "chargebacks", "statement reconciliation",
            "business versus personal credit", "managing cash flow with a card", "disclosure rules", "protecting cardholder data", "cash advances",
        ];
        var index = services.GetRequiredService<IKnowledgeIndex>();
        var generator = services.GetRequiredService<ILessonGenerator>();
        var retrieval = new List<double>();
        var generation = new List<double>();
        var total = new List<double>();
        var failures = 0;
        for (var repeat = 0; repeat < Repeats; repeat++)
        {
            foreach (var topic in topics)
            {
                var difficulty = (Difficulty)(repeat % 3);
                var clock = Stopwatch.StartNew();
                var chunks = await index.SearchAsync(new RetrievalQuery(topic, 6), CancellationToken.None);
                var retrieved = clock.Elapsed.TotalMilliseconds;
                var draft = await generator.GenerateAsync(new LessonGenerationContext(topic, difficulty, "Bench", chunks), CancellationToken.None);
                failures += LessonValidator.Validate(draft, chunks.Select(c => c.ChunkId).ToList()).Count > 0 ? 1 : 0;
                var elapsed = clock.Elapsed.TotalMilliseconds;
                retrieval.Add(retrieved);
                generation.Add(elapsed - retrieved);
                total.Add(elapsed);
            }
        }

        var retrievalStats = new Stats(retrieval);
        var generationStats = new Stats(generation);
        var totalStats = new Stats(total);
        Console.WriteLine();
        Console.WriteLine($"## Offline lesson generation ({topics.Length} topics x {Repeats}, three difficulties; {failures} invalid lessons)");
        Console.WriteLine();
        Console.WriteLine("| step | p50 ms | p95 ms | p95 / retrieval p95 |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine($"| retrieval, k = 6 (baseline) | {Stats.Ms(retrievalStats.P50)} | {Stats.Ms(retrievalStats.P95)} | 1.00x |");
        Console.WriteLine($"| generation from retrieved chunks | {Stats.Ms(generationStats.P50)} | {Stats.Ms(generationStats.P95)} | {generationStats.P95 / retrievalStats.P95:0.00}x |");
        Console.WriteLine($"| retrieval + generation + validation | {Stats.Ms(totalStats.P50)} | {Stats.Ms(totalStats.P95)} | {totalStats.P95 / retrievalStats.P95:0.00}x |");
    }

    public sealed record Answer(string Document, string Section);

    public sealed record Question(string Id, string Text, IReadOnlyList<Answer> Answers);

    public static List<Question> LoadQuestions()
    {
        var path = FindUp(Path.Combine("bench", "retrieval", "questions.json"));
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        return json.RootElement.GetProperty("questions").EnumerateArray().Select(q => new Question(
            q.GetProperty("id").GetString()!,
            q.GetProperty("question").GetString()!,
            q.GetProperty("answers").EnumerateArray().Select(a => new Answer(a.GetProperty("document").GetString()!, a.GetProperty("section").GetString()!)).ToList()))
            .ToList();
    }

    private static string FindUp(string relative)
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relative} not found above {Directory.GetCurrentDirectory()}");
    }
}
