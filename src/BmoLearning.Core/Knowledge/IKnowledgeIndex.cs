namespace BmoLearning.Core.Knowledge;

/// <summary>Finds the chunks that best answer a query: hybrid vector + keyword ranking with diversity.</summary>
public interface IKnowledgeIndex
{
    Task<IReadOnlyList<RetrievedChunk>> SearchAsync(RetrievalQuery query, CancellationToken ct);
}

public sealed record RetrievalQuery(string Text, int K = 8)
{
    public DocumentCategory? Category { get; init; }
    public Guid? DocumentId { get; init; }
    /// <summary>Hybrid by default; the single-signal modes exist to measure what fusion adds.</summary>
    public RetrievalMode Mode { get; init; } = RetrievalMode.Hybrid;
}

public enum RetrievalMode
{
    Hybrid,
    Vector,
    Keyword,
}

/// <summary>A retrieval hit. <see cref="Similarity"/> is the cosine similarity to the query (0–1 in practice).</summary>
public sealed record RetrievedChunk(
    long ChunkId,
    Guid DocumentId,
    string DocumentTitle,
    string HeadingPath,
    string Text,
    int Position,
    int? PageStart,
    int? PageEnd,
    double Score,
    double Similarity,
    bool KeywordMatch,
    float[] Embedding)
{
    /// <summary>The most specific heading, used as the section in citations.</summary>
    public string Section => HeadingPath.Split(" > ").Last();
}
