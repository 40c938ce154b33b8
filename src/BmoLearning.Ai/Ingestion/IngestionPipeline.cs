using BmoLearning.Core.Telemetry;
using System.Diagnostics;
using BmoLearning.Ai.Ingestion.Extraction;
using BmoLearning.Ai.Ingestion.Partitioning;
using BmoLearning.Core.Common;
using BmoLearning.Core.Data;
using BmoLearning.Core.Governance.Versions;
using BmoLearning.Core.Knowledge;
using BmoLearning.Safety;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BmoLearning.Ai.Ingestion;

/// <summary>
/// Runs the ingestion steps for one document: extract → partition → embed → save, timing each. An
/// unchanged file (same SHA-256) is skipped; a changed one has its chunks replaced in one transaction;
/// an unreadable one is marked failed with the reason, never half-written. A chunk the safety pipeline judges a
/// prompt injection is stored flagged (and never retrieved), and its document says how many were flagged.
/// A document over a limit (characters, chunks, <see cref="IngestionOptions.MaxDuration"/>) is marked failed
/// with the reason and the call returns normally: the failure is permanent, so the job completes instead of
/// being retried.
/// </summary>
public sealed class IngestionPipeline(
    AppDbContext db,
    IEnumerable<IDocumentExtractor> extractors,
    StructuredChunker chunker,
    ChunkEmbedder embedder,
    SafetyPipeline safety,
    IObjectStore store,
    TimeProvider time,
    IOptions<IngestionOptions> options,
    ILogger<IngestionPipeline> logger,
    SourceVersioning versions,
    Retrieval.VectorSnapshotCache? snapshots = null) : IDocumentProcessor
{
    /// <summary>A file from disk (CLI, starter content): upserted by its source key, stored, processed now.</summary>
    public async Task<IngestionResult> IngestAsync(DocumentSource source, CancellationToken ct)
    {
        var hash = ContentHash.Of(source.Content.Span);
        var document = await db.KnowledgeDocuments.SingleOrDefaultAsync(d => d.SourceKey == source.SourceKey, ct);
        if (document is { Status: DocumentStatus.Processed })
        {
            // A processed file that changed on disk is a new version, never an edit in place: lessons cite its passages,
            // and governance needs the old text kept and the lessons on changed passages marked stale (issue 14).
            var latest = document;
            while (await Knowledge.DocumentService.LaterVersionAsync(db, latest.Id, ct) is { } later)
            {
                latest = later;
            }

            if (latest.ContentHash == hash && latest.Status == DocumentStatus.Processed)
            {
                return new IngestionResult(latest.Id, latest.Title, IngestionOutcome.Unchanged, latest.ChunkCount, 0, null);
            }

            return await IngestVersionAsync(source, latest.Id, title: null, ct);
        }

        var now = time.Now();
        if (document is null)
        {
            document = new KnowledgeDocument
            {
                Title = Path.GetFileNameWithoutExtension(source.FileName),
                SourceKey = source.SourceKey,
                ContentType = source.ContentType,
                ContentHash = hash,
                CreatedAt = now,
            };
            db.KnowledgeDocuments.Add(document);
        }

        document.ContentHash = hash;
        return await StoreAndProcessAsync(document, source, now, ct);
    }

    /// <summary>
    /// A file from disk as a new version, versioned as the upload API does (`bmo ingest --replaces ID` or `--title T`):
    /// the replaced document (which must be the latest version) or the latest of that title is kept for the record,
    /// and the new one, version N+1, withdraws it once processed. Identical bytes to the latest version change nothing.
    /// </summary>
    public async Task<IngestionResult> IngestVersionAsync(DocumentSource source, Guid? replaces, string? title, CancellationToken ct)
    {
        var hash = ContentHash.Of(source.Content.Span);
        title = string.IsNullOrWhiteSpace(title) ? null : title.Trim();
        KnowledgeDocument? previous = null;
        if (replaces is Guid replacedId)
        {
            previous = await db.KnowledgeDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == replacedId, ct);
            if (previous is null)
            {
                return new IngestionResult(Guid.Empty, source.FileName, IngestionOutcome.Failed, 0, 0, $"Document {replacedId} does not exist.");
            }

            if (await Knowledge.DocumentService.LaterVersionAsync(db, replacedId, ct) is { } later)
            {
                return new IngestionResult(Guid.Empty, source.FileName, IngestionOutcome.Failed, 0, 0,
                    $"Document {replacedId} was already replaced by version {later.Version} ({later.Id}); replace that one.");
            }
        }
        else if (title is not null)
        {
            previous = await Knowledge.DocumentService.LatestOfTitleAsync(db, title, ct);
        }

        if (previous is { Status: DocumentStatus.Processed } && previous.ContentHash == hash)
        {
            return new IngestionResult(previous.Id, previous.Title, IngestionOutcome.Unchanged, previous.ChunkCount, 0, null);
        }

        // One document per version and content: a retry after a failure reprocesses the same row.
        var sourceKey = $"{source.SourceKey}@{hash}";
        var document = await db.KnowledgeDocuments.SingleOrDefaultAsync(d => d.SourceKey == sourceKey, ct);
        if (document is { Status: DocumentStatus.Processed })
        {
            return new IngestionResult(document.Id, document.Title, IngestionOutcome.Unchanged, document.ChunkCount, 0, null);
        }

        var now = time.Now();
        if (document is null)
        {
            document = new KnowledgeDocument
            {
                Title = title ?? Path.GetFileNameWithoutExtension(source.FileName),
                Version = previous is null ? 1 : previous.Version + 1,
                PreviousVersionId = previous?.Id,
                SourceKey = sourceKey,
                ContentType = source.ContentType,
                ContentHash = hash,
                CreatedAt = now,
            };
            db.KnowledgeDocuments.Add(document);
        }

        return await StoreAndProcessAsync(document, source, now, ct);
    }

    /// <summary>The file's details on its document row, the bytes in the object store, then chunking and embedding.</summary>
    private async Task<IngestionResult> StoreAndProcessAsync(KnowledgeDocument document, DocumentSource source, DateTimeOffset now, CancellationToken ct)
    {
        document.FileName = source.FileName;
        document.ContentType = source.ContentType;
        document.Category = source.Category;
        document.SizeBytes = source.Content.Length;
        document.StorageKey = DocumentKeys.For(document.Id, source.ContentType);
        document.UpdatedAt = now;
        await store.PutAsync(document.StorageKey, source.Content, source.ContentType, ct);
        await db.SaveChangesAsync(ct);
        return await ProcessAsync(document, source.Content, ct);
    }

    /// <summary>An uploaded document: its bytes are read back from the object store.</summary>
    public async Task<DocumentProcessingResult> ProcessAsync(Guid documentId, CancellationToken ct)
    {
        var document = await db.KnowledgeDocuments.SingleOrDefaultAsync(d => d.Id == documentId, ct);
        if (document is null)
        {
            return new DocumentProcessingResult(false, 0, 0, TimeSpan.Zero, $"Document {documentId} does not exist.");
        }

        var content = document.StorageKey is null ? null : await store.GetAsync(document.StorageKey, ct);
        if (content is null)
        {
            await MarkFailedAsync(document, "The original file is missing from the object store.", ct);
            return new DocumentProcessingResult(false, 0, 0, TimeSpan.Zero, document.Error);
        }

        var result = await ProcessAsync(document, content, ct);
        var elapsed = TimeSpan.FromMilliseconds(document.Timings.GetValueOrDefault("total_ms"));
        return new DocumentProcessingResult(result.Outcome != IngestionOutcome.Failed, result.ChunkCount, result.EmbeddedCount, elapsed, result.Error);
    }

    private async Task<IngestionResult> ProcessAsync(KnowledgeDocument document, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        var maxDuration = options.Value.MaxDuration;
        using var deadline = new CancellationTokenSource(maxDuration, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        using var span = BmoTelemetry.Start("ingest document");
        span?.SetTag("bmo.document.id", document.Id.ToString());
        span?.SetTag("bmo.document.content_type", document.ContentType);
        try
        {
            var result = await ProcessWithinAsync(document, content, linked.Token);
            span?.SetTag("bmo.ingestion.outcome", result.Outcome.ToString().ToLowerInvariant());
            span?.SetTag("bmo.ingestion.chunks", result.ChunkCount);
            return result;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            db.ChangeTracker.Clear();
            var invariant = System.Globalization.CultureInfo.InvariantCulture;
            var limit = maxDuration.TotalMinutes >= 1
                ? string.Create(invariant, $"{maxDuration.TotalMinutes:0.#} minutes")
                : string.Create(invariant, $"{maxDuration.TotalSeconds:0.#} seconds");
            var reason = $"Ingestion took longer than its limit of {limit} (Ingestion:MaxDuration); split the document into smaller ones.";
            var tracked = await db.KnowledgeDocuments.SingleAsync(d => d.Id == document.Id, ct);
            await MarkFailedAsync(tracked, reason, ct);
            return new IngestionResult(document.Id, document.Title, IngestionOutcome.Failed, 0, 0, reason);
        }
    }

    private async Task<IngestionResult> ProcessWithinAsync(KnowledgeDocument document, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        var timings = new Dictionary<string, long>();
        var total = Stopwatch.StartNew();
        var step = Stopwatch.StartNew();
        document.Status = DocumentStatus.Processing;
        document.Error = null;
        document.ProcessingStartedAt = document.UpdatedAt = time.Now();
        await db.SaveChangesAsync(ct);

        ExtractedDocument extracted;
        try
        {
            using var extractSpan = BmoTelemetry.Start("ingest.extract");
            extracted = Extractor(document.ContentType).Extract(content, document.FileName ?? document.Title);
            if (extracted.Blocks.Count == 0)
            {
                throw new ExtractionException("The document contains no text.");
            }
        }
        catch (ExtractionException ex)
        {
            await MarkFailedAsync(document, ex.Message, ct);
            return new IngestionResult(document.Id, document.Title, IngestionOutcome.Failed, 0, 0, ex.Message);
        }

        timings["extract_ms"] = step.ElapsedMilliseconds;
        step.Restart();
        IReadOnlyList<ChunkDraft> drafts;
        try
        {
            ct.ThrowIfCancellationRequested();
            using var partitionSpan = BmoTelemetry.Start("ingest.partition");
            drafts = chunker.Partition(extracted);
        }
        catch (ExtractionException ex)
        {
            await MarkFailedAsync(document, ex.Message, ct);
            return new IngestionResult(document.Id, document.Title, IngestionOutcome.Failed, 0, 0, ex.Message);
        }

        timings["partition_ms"] = step.ElapsedMilliseconds;
        step.Restart();
        var previous = await db.KnowledgeChunks.AsNoTracking()
            .Where(c => c.DocumentId == document.Id)
            .Select(c => new { c.ContentHash, c.Embedding })
            .ToListAsync(ct);
        var reusable = previous.GroupBy(c => c.ContentHash).ToDictionary(g => g.Key, g => g.First().Embedding);
        int embedded;
        float[][] vectors;
        using (BmoTelemetry.Start("ingest.embed"))
        {
            (vectors, embedded) = await embedder.EmbedAsync(drafts, reusable, ct);
        }

        timings["embed_ms"] = step.ElapsedMilliseconds;
        step.Restart();

        using (BmoTelemetry.Start("ingest.save"))
        {
            await SaveAsync(document, extracted, drafts, vectors, timings, step, total, ct);
        }

        logger.LogInformation(
            "Ingested document {DocumentId}: {Chunks} chunks ({Embedded} embedded) in {ElapsedMs} ms",
            document.Id, drafts.Count, embedded, timings["total_ms"]);
        return new IngestionResult(document.Id, document.Title, IngestionOutcome.Processed, drafts.Count, embedded, null);
    }

    /// <summary>Step 4: replaces the document's chunks and marks it processed, all or nothing.</summary>
    private async Task SaveAsync(
        KnowledgeDocument document,
        ExtractedDocument extracted,
        IReadOnlyList<ChunkDraft> drafts,
        float[][] vectors,
        Dictionary<string, long> timings,
        Stopwatch step,
        Stopwatch total,
        CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        SupersedeResult? superseded = null;
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.KnowledgeChunks.Where(c => c.DocumentId == document.Id).ExecuteDeleteAsync(ct);
            var flagged = new List<string>();
            for (var i = 0; i < drafts.Count; i++)
            {
                var flag = InjectionFlag(drafts[i].Text);
                if (flag is not null)
                {
                    flagged.Add(flag);
                }

                db.KnowledgeChunks.Add(new KnowledgeChunk
                {
                    DocumentId = document.Id,
                    Position = i,
                    Text = drafts[i].Text,
                    HeadingPath = drafts[i].HeadingPath,
                    PageStart = drafts[i].PageStart,
                    PageEnd = drafts[i].PageEnd,
                    ContentHash = ContentHash.Of(drafts[i].EmbeddingText),
                    Embedding = vectors[i],
                    SafetyFlag = flag,
                });
            }

            document.FlaggedChunkCount = flagged.Count;
            document.SafetyFlag = flagged.Count == 0 ? null : Truncate($"prompt_injection in {flagged.Count} chunk(s): {string.Join("; ", flagged.Distinct())}", 500);
            if (flagged.Count > 0)
            {
                logger.LogWarning("Document {DocumentId}: {Count} chunk(s) flagged as prompt injection and excluded from retrieval", document.Id, flagged.Count);
            }

            timings["save_ms"] = step.ElapsedMilliseconds;
            timings["total_ms"] = total.ElapsedMilliseconds;
            var now = time.Now();
            document.Title = extracted.Title;
            document.PageCount = extracted.PageCount;
            document.ChunkCount = drafts.Count;
            document.Status = DocumentStatus.Processed;
            document.Timings = timings;
            document.ProcessedAt = now;
            document.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            // A new version of a document: the one it replaces is withdrawn and lessons citing changed passages go stale.
            superseded = await versions.WithdrawPreviousAsync(document, ct);
            await transaction.CommitAsync(ct);
        });
        db.ChangeTracker.Clear();
        // This process's next search must see the new chunks (and not the ones just withdrawn) at once, not up to a
        // recheck interval later: a lesson regenerated right after a new version would cite the old one.
        snapshots?.Invalidate();
        if (superseded is not null)
        {
            await versions.RecordAsync(document, superseded);
        }
    }

    /// <summary>The injection codes when the safety pipeline flags the chunk; null for a clean chunk.</summary>
    private string? InjectionFlag(string text)
    {
        var report = safety.Evaluate(text, SafetyPurpose.DocumentText);
        return report.Passed ? null : Truncate(string.Join(",", report.Issues.Where(i => i.Severity == SafetySeverity.Error).Select(i => i.Code).Distinct()), 200);
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    private async Task MarkFailedAsync(KnowledgeDocument document, string reason, CancellationToken ct)
    {
        logger.LogWarning("Document {DocumentId} failed: {Reason}", document.Id, reason);
        await db.KnowledgeChunks.Where(c => c.DocumentId == document.Id).ExecuteDeleteAsync(ct);
        document.Status = DocumentStatus.Failed;
        document.Error = reason;
        document.ChunkCount = 0;
        document.UpdatedAt = time.Now();
        await db.SaveChangesAsync(ct);
    }

    private IDocumentExtractor Extractor(string contentType) =>
        extractors.FirstOrDefault(e => e.ContentTypes.Contains(contentType))
        ?? throw new ExtractionException(UnsupportedMessage);

    public const string UnsupportedMessage = "The file is not a supported document: PDF, Word (.docx), HTML, Markdown or UTF-8 text.";
}
