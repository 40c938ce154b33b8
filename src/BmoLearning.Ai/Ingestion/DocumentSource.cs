using BmoLearning.Core.Knowledge;

namespace BmoLearning.Ai.Ingestion;

/// <summary>The bytes of one document to ingest and where they came from.</summary>
public sealed record DocumentSource(
    string SourceKey,
    string FileName,
    string ContentType,
    ReadOnlyMemory<byte> Content,
    DocumentCategory Category);

public enum IngestionOutcome
{
    Processed,
    Unchanged,
    Failed,
}

public sealed record IngestionResult(Guid DocumentId, string Title, IngestionOutcome Outcome, int ChunkCount, int EmbeddedCount, string? Error);
