using Microsoft.Extensions.AI;

namespace BmoLearning.Ai.Embeddings;

public static class EmbeddingExtensions
{
    public static async Task<float[]> EmbedOneAsync(
        this IEmbeddingGenerator<string, Embedding<float>> generator, string text, CancellationToken ct)
    {
        var embeddings = await generator.GenerateAsync([text], cancellationToken: ct);
        return embeddings[0].Vector.ToArray();
    }

    public static async Task<float[][]> EmbedManyAsync(
        this IEmbeddingGenerator<string, Embedding<float>> generator, IReadOnlyList<string> texts, CancellationToken ct)
    {
        if (texts.Count == 0)
        {
            return [];
        }

        var embeddings = await generator.GenerateAsync(texts, cancellationToken: ct);
        return embeddings.Select(e => e.Vector.ToArray()).ToArray();
    }
}
