namespace BmoLearning.Ai.Ingestion.Partitioning;

/// <summary>
/// Sizes in words. MiniLM reads at most 256 word pieces (about 180 English words), so chunks aim below that.
/// </summary>
public sealed record ChunkingOptions
{
    public int TargetWords { get; init; } = 150;
    public int MaxWords { get; init; } = 220;
    /// <summary>Words of the previous chunk repeated at the start of the next one in the same section.</summary>
    public int OverlapWords { get; init; } = 30;

    /// <summary>
    /// Tables and code stay whole up to this size (a table read in parts loses its meaning); past it they are
    /// split at lines, since one multi-thousand-word chunk is mostly unseen by the embedding model anyway.
    /// </summary>
    public int MaxTableWords { get; init; } = 2_000;

    /// <summary>Chunks one document may produce; partitioning stops with an error past it (see IngestionOptions).</summary>
    public int MaxChunks { get; init; } = 3_000;
}
