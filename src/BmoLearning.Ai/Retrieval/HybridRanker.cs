using BmoLearning.Ai.Embeddings;

namespace BmoLearning.Ai.Retrieval;

/// <summary>
/// Fuses a vector ranking and a keyword ranking with reciprocal rank fusion, then picks a diverse
/// top-k with maximal marginal relevance so that five near-identical passages do not crowd out the rest.
/// </summary>
public static class HybridRanker
{
    public static Dictionary<long, double> Fuse(
        IReadOnlyList<long> vectorRanking, IReadOnlyList<long> keywordRanking, int rrfK = 60, double keywordWeight = 1.0)
    {
        var scores = new Dictionary<long, double>();
        Accumulate(vectorRanking, 1.0, rrfK, scores);
        Accumulate(keywordRanking, keywordWeight, rrfK, scores);
        return scores;
    }

    /// <param name="lambda">1 = relevance only, 0 = diversity only.</param>
    public static IReadOnlyList<long> SelectDiverse(
        IReadOnlyDictionary<long, double> relevance,
        Func<long, float[]> embeddingOf,
        int k,
        double lambda = 0.75)
    {
        var max = relevance.Count == 0 ? 1 : relevance.Values.Max();
        var remaining = relevance.Keys.OrderByDescending(id => relevance[id]).ThenBy(id => id).ToList();
        var selected = new List<long>();
        while (selected.Count < k && remaining.Count > 0)
        {
            var best = remaining[0];
            var bestScore = double.NegativeInfinity;
            foreach (var candidate in remaining)
            {
                var redundancy = selected.Count == 0
                    ? 0
                    : selected.Max(s => VectorMath.Dot(embeddingOf(candidate), embeddingOf(s)));
                var score = (lambda * relevance[candidate] / max) - ((1 - lambda) * redundancy);
                if (score > bestScore)
                {
                    bestScore = score;
                    best = candidate;
                }
            }

            selected.Add(best);
            remaining.Remove(best);
        }

        return selected;
    }

    private static void Accumulate(IReadOnlyList<long> ranking, double weight, int rrfK, Dictionary<long, double> scores)
    {
        for (var rank = 0; rank < ranking.Count; rank++)
        {
            scores[ranking[rank]] = scores.GetValueOrDefault(ranking[rank]) + (weight / (rrfK + rank + 1));
        }
    }
}
