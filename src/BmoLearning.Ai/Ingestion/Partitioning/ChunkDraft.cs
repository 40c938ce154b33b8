namespace BmoLearning.Ai.Ingestion.Partitioning;

/// <summary>A chunk before embedding: its text, the headings above it and the pages it spans.</summary>
public sealed record ChunkDraft(string Text, string HeadingPath, int? PageStart, int? PageEnd)
{
    /// <summary>What the embedding model sees: the heading path gives a short passage its context.</summary>
    public string EmbeddingText => $"{HeadingPath}\n{Text}";
}
