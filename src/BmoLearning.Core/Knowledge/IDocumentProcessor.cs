namespace BmoLearning.Core.Knowledge;

/// <summary>Runs ingestion for a document whose original bytes are in the object store.</summary>
public interface IDocumentProcessor
{
    Task<DocumentProcessingResult> ProcessAsync(Guid documentId, CancellationToken ct);
}

public sealed record DocumentProcessingResult(bool Success, int ChunksCreated, int EmbeddingsCreated, TimeSpan Elapsed, string? Error);

/// <summary>Background job: process one uploaded (or re-processed) document. Takes an id; safe to run twice.</summary>
public sealed class DocumentProcessingJob(IDocumentProcessor processor)
{
    public Task RunAsync(Guid documentId, CancellationToken ct) => processor.ProcessAsync(documentId, ct);
}
