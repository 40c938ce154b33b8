using BmoLearning.Ai.Embeddings;
using BmoLearning.Ai.Ingestion.Partitioning;
using Microsoft.Extensions.AI;

namespace BmoLearning.Ai.Ingestion;

/// <summary>
/// Step 3 of ingestion: embeds chunk drafts. Chunks whose text is unchanged since the last run keep
/// their old vectors, so editing one section of a long document re-embeds only that section.
/// </summary>
public sealed class ChunkEmbedder(IEmbeddingGenerator<string, Embedding<float>> generator)
{
    public async Task<(float[][] Vectors, int Embedded)> EmbedAsync(
        IReadOnlyList<ChunkDraft> drafts,
        IReadOnlyDictionary<string, float[]> reusable,
        CancellationToken ct)
    {
        var vectors = new float[drafts.Count][];
        var missing = new List<int>();
        for (var i = 0; i < drafts.Count; i++)
        {
            if (reusable.TryGetValue(ContentHash.Of(drafts[i].EmbeddingText), out var vector))
            {
                vectors[i] = vector;
            }
            else
            {
                missing.Add(i);
            }
        }

        var fresh = await generator.EmbedManyAsync(missing.Select(i => drafts[i].EmbeddingText).ToList(), ct);
        for (var j = 0; j < missing.Count; j++)
        {
            vectors[missing[j]] = fresh[j];
        }

        return (vectors, missing.Count);
    }
}
