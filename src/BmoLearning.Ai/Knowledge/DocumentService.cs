using BmoLearning.Ai.Ingestion;
using BmoLearning.Ai.Ingestion.Extraction;
using BmoLearning.Core.Common;
using BmoLearning.Core.Data;
using BmoLearning.Core.Jobs;
using BmoLearning.Core.Knowledge;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BmoLearning.Ai.Knowledge;

/// <param name="Replaces">The document this upload is a new version of; without it, the latest document of the same title (or file name) is.</param>
public sealed record DocumentUpload(byte[] Content, string? FileName, DocumentCategory Category, string? Title, Dictionary<string, string> Metadata, Guid? Replaces = null);

public enum UploadOutcome
{
    Queued,
    Duplicate,
    Empty,
    TooLarge,
    UnsupportedType,
    /// <summary>The <c>replaces</c> id names no document.</summary>
    ReplacesUnknown,
    /// <summary>The <c>replaces</c> id names a version that a later one already replaced.</summary>
    ReplacesOld,
}

public sealed record UploadResult(UploadOutcome Outcome, KnowledgeDocument? Document, string? JobId, string? Message);

/// <summary>
/// Administrators' document operations: upload (type from the bytes, deduplicated by SHA-256, queued
/// for processing), delete (rows, chunks, vectors and the stored object together), reprocess, and
/// short-lived download URLs.
/// </summary>
public sealed class DocumentService(
    AppDbContext db,
    IObjectStore store,
    IJobQueue jobs,
    IOptions<StorageOptions> options,
    TimeProvider time,
    ILogger<DocumentService> logger)
{
    public async Task<UploadResult> UploadAsync(DocumentUpload upload, CancellationToken ct)
    {
        if (upload.Content.Length == 0)
        {
            return new UploadResult(UploadOutcome.Empty, null, null, "The file is empty.");
        }

        if (upload.Content.Length > options.Value.MaxUploadBytes)
        {
            return new UploadResult(UploadOutcome.TooLarge, null, null, $"The file is larger than the {options.Value.MaxUploadBytes:N0}-byte limit.");
        }

        var fileName = SafeFileName.From(upload.FileName);
        var contentType = ContentSniffer.Detect(upload.Content, fileName);
        if (contentType is null)
        {
            return new UploadResult(UploadOutcome.UnsupportedType, null, null, IngestionPipeline.UnsupportedMessage);
        }

        var hash = ContentHash.Of(upload.Content);
        var existing = await db.KnowledgeDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.ContentHash == hash, ct);
        if (existing is not null)
        {
            return new UploadResult(UploadOutcome.Duplicate, existing, null, "Identical bytes were uploaded before; this is that document.");
        }

        var title = string.IsNullOrWhiteSpace(upload.Title) ? Path.GetFileNameWithoutExtension(fileName) : upload.Title.Trim();
        KnowledgeDocument? previous;
        if (upload.Replaces is Guid replaces)
        {
            previous = await db.KnowledgeDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == replaces, ct);
            if (previous is null)
            {
                return new UploadResult(UploadOutcome.ReplacesUnknown, null, null, $"Document {replaces} does not exist.");
            }

            if (await LaterVersionAsync(previous.Id, ct) is { } later)
            {
                return new UploadResult(UploadOutcome.ReplacesOld, later, null, $"Document {replaces} was already replaced by version {later.Version} ({later.Id}); replace that one.");
            }
        }
        else
        {
            // Only an explicit title versions by name: many unrelated files are called "document.pdf".
            previous = string.IsNullOrWhiteSpace(upload.Title) ? null : await LatestOfTitleAsync(title, ct);
        }

        var now = time.Now();
        var document = new KnowledgeDocument
        {
            Title = title,
            Version = previous is null ? 1 : previous.Version + 1,
            PreviousVersionId = previous?.Id,
            SourceKey = $"upload:{hash}",
            FileName = fileName,
            Category = upload.Category,
            ContentType = contentType,
            ContentHash = hash,
            SizeBytes = upload.Content.Length,
            Metadata = upload.Metadata,
            CreatedAt = now,
            UpdatedAt = now,
        };
        document.StorageKey = DocumentKeys.For(document.Id, contentType);

        // Object first, then the row, then the job; any failure undoes what came before it.
        await store.PutAsync(document.StorageKey, upload.Content, contentType, ct);
        try
        {
            db.KnowledgeDocuments.Add(document);
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            await store.DeleteAsync(document.StorageKey, CancellationToken.None);
            throw;
        }

        try
        {
            var jobId = jobs.EnqueueDocumentProcessing(document.Id);
            return new UploadResult(UploadOutcome.Queued, document, jobId, null);
        }
        catch
        {
            db.KnowledgeDocuments.Remove(document);
            await db.SaveChangesAsync(CancellationToken.None);
            await store.DeleteAsync(document.StorageKey, CancellationToken.None);
            throw;
        }
    }

    private Task<KnowledgeDocument?> LaterVersionAsync(Guid id, CancellationToken ct) =>
        db.KnowledgeDocuments.AsNoTracking().Where(d => d.PreviousVersionId == id).OrderByDescending(d => d.Version).FirstOrDefaultAsync(ct);

    /// <summary>
    /// The latest version of the document with this title, whatever its file type (a PDF followed by a DOCX is a new
    /// version too); null when there is none.
    /// </summary>
    private async Task<KnowledgeDocument?> LatestOfTitleAsync(string title, CancellationToken ct)
    {
        var matches = await db.KnowledgeDocuments.AsNoTracking()
            .Where(d => d.Status != DocumentStatus.Failed && d.Title == title)
            .ToListAsync(ct);
        var replaced = matches.Where(d => d.PreviousVersionId != null).Select(d => d.PreviousVersionId!.Value).ToHashSet();
        return matches.Where(d => !replaced.Contains(d.Id)).OrderByDescending(d => d.Version).ThenByDescending(d => d.CreatedAt).FirstOrDefault();
    }

    /// <summary>
    /// Registers an object that is already in the store (the reference system's process-document call:
    /// the caller uploaded to S3 first) as a document, or finds the one registered before.
    /// </summary>
    public async Task<ServiceResult<KnowledgeDocument>> RegisterStoredAsync(
        string key, string? fileName, DocumentCategory category, Dictionary<string, string> metadata, CancellationToken ct)
    {
        var sourceKey = $"stored:{key}";
        var existing = await db.KnowledgeDocuments.SingleOrDefaultAsync(d => d.SourceKey == sourceKey, ct);
        if (existing is not null)
        {
            return ServiceResult<KnowledgeDocument>.Ok(existing);
        }

        var bytes = await store.GetAsync(key, ct);
        if (bytes is null)
        {
            return ServiceResult<KnowledgeDocument>.NotFound($"There is no object '{key}' in the {store.Name} store.");
        }

        var name = SafeFileName.From(fileName ?? key);
        var contentType = ContentSniffer.Detect(bytes, name);
        if (contentType is null)
        {
            return ServiceResult<KnowledgeDocument>.Invalid("s3_key", IngestionPipeline.UnsupportedMessage);
        }

        var now = time.Now();
        var document = new KnowledgeDocument
        {
            Title = Path.GetFileNameWithoutExtension(name),
            SourceKey = sourceKey,
            FileName = name,
            Category = category,
            ContentType = contentType,
            ContentHash = ContentHash.Of(bytes),
            SizeBytes = bytes.Length,
            StorageKey = key,
            Metadata = metadata,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.KnowledgeDocuments.Add(document);
        await db.SaveChangesAsync(ct);
        return ServiceResult<KnowledgeDocument>.Ok(document);
    }

    /// <summary>Deletes the document with its chunks and vectors in one transaction, then its stored object.</summary>
    public async Task<bool> DeleteAsync(Guid id, CancellationToken ct)
    {
        var document = await db.KnowledgeDocuments.SingleOrDefaultAsync(d => d.Id == id, ct);
        if (document is null)
        {
            return false;
        }

        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.KnowledgeChunks.Where(c => c.DocumentId == id).ExecuteDeleteAsync(ct);
            await db.KnowledgeDocuments.Where(d => d.Id == id).ExecuteDeleteAsync(ct);
            await transaction.CommitAsync(ct);
        });

        if (document.StorageKey is not null)
        {
            await store.DeleteAsync(document.StorageKey, ct);
        }

        logger.LogInformation("Deleted document {DocumentId} and its stored object", id);
        return true;
    }

    public async Task<ServiceResult<(KnowledgeDocument Document, string JobId)>> ReprocessAsync(Guid id, CancellationToken ct)
    {
        var document = await db.KnowledgeDocuments.SingleOrDefaultAsync(d => d.Id == id, ct);
        if (document is null)
        {
            return ServiceResult<(KnowledgeDocument, string)>.NotFound($"Document {id} does not exist.");
        }

        if (document.Status is DocumentStatus.Queued or DocumentStatus.Processing)
        {
            return ServiceResult<(KnowledgeDocument, string)>.Conflict($"Document {id} is already {document.Status.ToString().ToLowerInvariant()}.");
        }

        document.Status = DocumentStatus.Queued;
        document.Error = null;
        document.UpdatedAt = time.Now();
        await db.SaveChangesAsync(ct);
        return ServiceResult<(KnowledgeDocument, string)>.Ok((document, jobs.EnqueueDocumentProcessing(id)));
    }

    public async Task<(Uri Url, DateTimeOffset ExpiresAt)?> DownloadUrlAsync(Guid id, CancellationToken ct)
    {
        var document = await db.KnowledgeDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct);
        if (document?.StorageKey is null)
        {
            return null;
        }

        var lifetime = options.Value.DownloadUrlLifetime;
        var url = await store.GetDownloadUrlAsync(document.StorageKey, document.FileName ?? "document", lifetime, ct);
        return (url, time.GetUtcNow().Add(lifetime));
    }
}
