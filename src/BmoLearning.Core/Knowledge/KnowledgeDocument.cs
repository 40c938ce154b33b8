namespace BmoLearning.Core.Knowledge;

/// <summary>A source document in the knowledge base.</summary>
public sealed class KnowledgeDocument
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Title { get; set; }
    /// <summary>Where the document came from (a file path or upload key); unique.</summary>
    public required string SourceKey { get; set; }
    public string? FileName { get; set; }
    public DocumentCategory Category { get; set; } = DocumentCategory.General;
    public required string ContentType { get; set; }
    /// <summary>SHA-256 of the original bytes: an unchanged file is not processed again.</summary>
    public required string ContentHash { get; set; }
    public long SizeBytes { get; set; }
    public DocumentStatus Status { get; set; } = DocumentStatus.Queued;
    public string? Error { get; set; }
    public int? PageCount { get; set; }
    public int ChunkCount { get; set; }
    /// <summary>Chunks excluded from retrieval because the safety pipeline flagged them (prompt injection).</summary>
    public int FlaggedChunkCount { get; set; }
    /// <summary>Why chunks were flagged, e.g. "prompt_injection: injection.override"; null when none were.</summary>
    public string? SafetyFlag { get; set; }
    /// <summary>Where the original bytes are kept in the object store; generated, never the user's file name.</summary>
    public string? StorageKey { get; set; }
    /// <summary>Free-form labels given at upload (owner, policy number, ...).</summary>
    public Dictionary<string, string> Metadata { get; set; } = [];
    /// <summary>Milliseconds per ingestion step (extract, partition, embed, save) of the last run.</summary>
    public Dictionary<string, long> Timings { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ProcessingStartedAt { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }
    /// <summary>Source version (issue 14): 1 for a new document, N+1 for an upload that replaces version N.</summary>
    public int Version { get; set; } = 1;
    /// <summary>The version this one replaces; kept for the record, its chunks withdrawn from retrieval.</summary>
    public Guid? PreviousVersionId { get; set; }
    /// <summary>Set on version N once version N+1 is processed: its chunks are no longer retrieved.</summary>
    public DateTimeOffset? SupersededAt { get; set; }
}

public enum DocumentCategory
{
    Lesson,
    Reference,
    Quiz,
    General,
}

public enum DocumentStatus
{
    Queued,
    Processing,
    Processed,
    Failed,
}
