using System.Collections.Concurrent;
using BmoLearning.Ai.Retrieval;
using BmoLearning.Core.Data;
using BmoLearning.Core.Knowledge;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BmoLearning.Bench;

/// <summary>
/// Grid search of the fusion settings on the labelled questions (run with `retrieval --sweep`).
/// Query embeddings are memoised so the sweep measures ranking, not the model.
/// </summary>
internal static class RetrievalSweep
{
    public static async Task RunAsync(IServiceProvider services, Func<IKnowledgeIndex, Task<(double R5, double R10, double Mrr)>> evaluate)
    {
        var memo = new MemoEmbedder(services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
        Console.WriteLine();
        Console.WriteLine("| rrf_k | keyword_weight | mmr_lambda | depth | Recall@5 | Recall@10 | MRR |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var rrfK in new[] { 10, 30, 60 })
        {
            foreach (var weight in new[] { 0.3, 0.5, 0.7, 1.0 })
            {
                foreach (var lambda in new[] { 0.7, 0.85, 1.0 })
                {
                    var options = new RetrievalOptions { RrfK = rrfK, KeywordWeight = weight, MmrLambda = lambda };
                    var index = new SqliteKnowledgeIndex(
                        services.GetRequiredService<AppDbContext>(), services.GetRequiredService<VectorSnapshotCache>(), memo, Options.Create(options));
                    var (r5, r10, mrr) = await evaluate(index);
                    Console.WriteLine($"| {rrfK} | {weight} | {lambda} | {options.CandidatesPerRanking} | {r5:0.000} | {r10:0.000} | {mrr:0.000} |");
                }
            }
        }
    }

    private sealed class MemoEmbedder(IEmbeddingGenerator<string, Embedding<float>> inner) : IEmbeddingGenerator<string, Embedding<float>>
    {
        private readonly ConcurrentDictionary<string, Embedding<float>> _cache = new();

        public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var result = new GeneratedEmbeddings<Embedding<float>>();
            foreach (var value in values)
            {
                if (!_cache.TryGetValue(value, out var embedding))
                {
                    embedding = (await inner.GenerateAsync([value], options, cancellationToken))[0];
                    _cache[value] = embedding;
                }

                result.Add(embedding);
            }

            return result;
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => inner.GetService(serviceType, serviceKey);

        public void Dispose()
        {
        }
    }
}
