using BmoLearning.Ai.Embeddings;
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
        // Query embeddings are cached (in memory without Redis), so each question is embedded once for the whole sweep.
        var memo = services.GetRequiredService<QueryEmbeddingCache>();
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
}
