namespace BmoLearning.Core.Knowledge;

/// <summary>A passage of a document with its embedding; the unit of retrieval and citation.</summary>
public sealed class KnowledgeChunk
{
    /// <summary>Size of every stored embedding (local MiniLM; OpenAI embeddings are requested at this size). The vector column is declared with it.</summary>
    public const int EmbeddingDimensions = 384;

    /// <summary>The flag on a kept old version's chunks: every retrieval path already skips flagged chunks.</summary>
    public const string SupersededFlag = "superseded";

    public long Id { get; set; }
    public Guid DocumentId { get; set; }
    /// <summary>Order of the chunk within its document, from 0.</summary>
    public int Position { get; set; }
    public required string Text { get; set; }
    /// <summary>Headings above the chunk joined with " > ", e.g. "APR and interest > Grace periods".</summary>
    public required string HeadingPath { get; set; }
    public int? PageStart { get; set; }
    public int? PageEnd { get; set; }
    public required string ContentHash { get; set; }
    public required float[] Embedding { get; set; }
    /// <summary>
    /// Set when the safety pipeline judged the text a prompt injection, or to <see cref="SupersededFlag"/> when a newer
    /// version of its document replaced it; such a chunk is never retrieved.
    /// </summary>
    public string? SafetyFlag { get; set; }
}
