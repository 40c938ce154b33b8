using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;

namespace BmoLearning.Ai.Embeddings;

/// <summary>
/// Embeds search queries through the distributed cache (Redis when configured): lesson topics repeat, and
/// a hit saves an embedding call. Any cache failure is a miss, so retrieval never depends on the cache.
/// </summary>
public sealed class QueryEmbeddingCache(
    IEmbeddingGenerator<string, Embedding<float>> generator,
    IDistributedCache cache,
    ILogger<QueryEmbeddingCache> logger)
{
    private static readonly DistributedCacheEntryOptions Entry = new() { SlidingExpiration = TimeSpan.FromDays(7), };

    private readonly string _model = generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? "default";

    public async Task<float[]> EmbedAsync(string text, CancellationToken ct)
    {
        var key = Key(text);
        try
        {
            if (await cache.GetAsync(key, ct) is { } bytes && bytes.Length % sizeof(float) == 0 && bytes.Length > 0)
            {
                return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogDebug("Query embedding cache read failed ({Error}); embedding directly", ex.GetType().Name);
        }

        var vector = await generator.EmbedOneAsync(text, ct);
        try
        {
            await cache.SetAsync(key, MemoryMarshal.AsBytes(vector.AsSpan()).ToArray(), Entry, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogDebug("Query embedding cache write failed ({Error})", ex.GetType().Name);
        }

        return vector;
    }

    /// <summary>The model is part of the key: vectors of different models must never mix.</summary>
    private string Key(string text) =>
        $"query-embedding:{_model}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))}";
}
