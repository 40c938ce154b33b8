using System.Diagnostics;
using BmoLearning.Ai.Ingestion.Extraction;
using BmoLearning.Ai.Ingestion.Partitioning;
using BmoLearning.Core.Data;
using BmoLearning.Core.Knowledge;
using BmoLearning.Safety;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BmoLearning.Ai.Ingestion;

/// <summary>
/// Runs the ingestion steps for one document: extract → partition → embed → save. An unchanged
/// document (same SHA-256) is skipped; a changed one has its chunks replaced in one transaction;
/// an unreadable one is marked failed with the reason, never half-written. A chunk the safety pipeline judges a
/// prompt injection is stored flagged (and never retrieved), and its document says how many were flagged.
/// </summary>
public sealed class IngestionPipeline(
    AppDbContext db,
    IEnumerable<IDocumentExtractor> extractors,
    StructuredChunker chunker,
    ChunkEmbedder embedder,
    SafetyPipeline safety,
    TimeProvider time,
    ILogger<IngestionPipeline> logger)
{
    public async Task<IngestionResult> IngestAsync(DocumentSource source, CancellationToken ct)
    {
        var hash = ContentHash.Of(source.Content.Span);
        var document = await db.KnowledgeDocuments.SingleOrDefaultAsync(d => d.SourceKey == source.SourceKey, ct);
        if (document is { Status: DocumentStatus.Processed } && document.ContentHash == hash)
        {
            return new IngestionResult(document.Id, document.Title, IngestionOutcome.Unchanged, document.ChunkCount, 0, null);
        }

        var now = time.GetUtcNow();
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

        document.FileName = source.FileName;
        document.ContentType = source.ContentType;
        document.ContentHash = hash;
        document.Category = source.Category;
        document.SizeBytes = source.Content.Length;
        document.Status = DocumentStatus.Processing;
        document.Error = null;
        document.UpdatedAt = now;
        await db.SaveChangesAsync(ct);

        return await ProcessAsync(document, source, ct);
    }

    private async Task<IngestionResult> ProcessAsync(KnowledgeDocument document, DocumentSource source, CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        ExtractedDocument extracted;
        try
        {
            extracted = Extractor(source.ContentType).Extract(source.Content, source.FileName);
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

        var drafts = chunker.Partition(extracted);
        var previous = await db.KnowledgeChunks.AsNoTracking()
            .Where(c => c.DocumentId == document.Id)
            .Select(c => new { c.ContentHash, c.Embedding })
            .ToListAsync(ct);
        var reusable = previous.GroupBy(c => c.ContentHash).ToDictionary(g => g.Key, g => g.First().Embedding);
        var (vectors, embedded) = await embedder.EmbedAsync(drafts, reusable, ct);

        await SaveAsync(document, extracted, drafts, vectors, ct);
        var elapsedMs = stopwatch.ElapsedMilliseconds;
        logger.LogInformation(
            "Ingested document {DocumentId}: {Chunks} chunks ({Embedded} embedded) in {ElapsedMs} ms",
            document.Id, drafts.Count, embedded, elapsedMs);
        return new IngestionResult(document.Id, document.Title, IngestionOutcome.Processed, drafts.Count, embedded, null);
    }

    /// <summary>Step 4: replaces the document's chunks and marks it processed, all or nothing.</summary>
    private async Task SaveAsync(
        KnowledgeDocument document, ExtractedDocument extracted, IReadOnlyList<ChunkDraft> drafts, float[][] vectors, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
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

            var now = time.GetUtcNow();
            document.Title = extracted.Title;
            document.PageCount = extracted.PageCount;
            document.ChunkCount = drafts.Count;
            document.Status = DocumentStatus.Processed;
            document.ProcessedAt = now;
            document.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        });
        db.ChangeTracker.Clear();
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
        logger.LogWarning("Document {DocumentId} failed extraction: {Reason}", document.Id, reason);
        await db.KnowledgeChunks.Where(c => c.DocumentId == document.Id).ExecuteDeleteAsync(ct);
        document.Status = DocumentStatus.Failed;
        document.Error = reason;
        document.ChunkCount = 0;
        document.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }

    private IDocumentExtractor Extractor(string contentType) =>
        extractors.FirstOrDefault(e => e.ContentTypes.Contains(contentType))
        ?? throw new ExtractionException($"Content type '{contentType}' is not supported.");
}
