using Microsoft.AspNetCore.Http.HttpResults;
using BmoLearning.Ai.Knowledge;
using BmoLearning.Ai.Storage;
using BmoLearning.Core.Common;
using BmoLearning.Core.Data;
using BmoLearning.Core.Knowledge;
using BmoLearning.Host.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BmoLearning.Host.Knowledge;

/// <summary>The reference AI service's request: the caller has put the file in S3 and names it.</summary>
public sealed record ProcessDocumentRequest(
    string? DocumentId,
    string? S3Bucket,
    string? S3Key,
    string? ContentType,
    string? Filename,
    string? Category,
    Dictionary<string, string?>? Metadata);

public sealed record ProcessDocumentResponse(
    bool Success,
    Guid? DocumentId,
    int ChunksCreated,
    int EmbeddingsCreated,
    double ProcessingTimeSeconds,
    string? Error);

public static class ProcessDocumentEndpoint
{
    /// <summary>`POST /api/v1/process-document` on the AI role, synchronous, in the reference system's shape.</summary>
    public static RouteGroupBuilder MapProcessDocument(this RouteGroupBuilder api)
    {
        api.MapPost("/process-document", ProcessAsync).WithTags("AI service").WithName("ProcessDocument");
        return api;
    }

    public static async Task<Results<Ok<ProcessDocumentResponse>, ProblemHttpResult>> ProcessAsync(
        ProcessDocumentRequest request,
        DocumentService documents,
        IDocumentProcessor processor,
        IOptions<StorageOptions> storage,
        IOptions<S3StorageOptions> s3Options,
        AppDbContext db,
        CancellationToken ct)
    {
        var errors = new FieldErrors();
        var category = DocumentCategory.General;
        if (request.Category is not null && !DocumentMapping.TryParseCategory(request.Category, out category))
        {
            errors.Add("category", $"must be {DocumentMapping.Categories}.");
        }

        Guid? knownId = Guid.TryParse(request.DocumentId, out var parsed) ? parsed : null;
        if (knownId is null && string.IsNullOrWhiteSpace(request.S3Key))
        {
            errors.Add("s3_key", "is required unless document_id names a document already registered.");
        }

        else if (request.S3Key is not null && !IsSafeKey(request.S3Key))
        {
            // The store refuses to leave its root anyway; this says why instead of failing inside it.
            errors.Add("s3_key", "must be a relative object key: no leading '/', no '..' segments, no backslashes or control characters, at most 1024 characters.");
        }

        if (request.Metadata is { } metadata && metadata.Any(m => m.Value is null))
        {
            errors.Add("metadata", "values must be strings, not null.");
        }

        var s3 = s3Options.Value;
        if (request.S3Bucket is not null && storage.Value.Provider == "s3" && request.S3Bucket != s3.Bucket)
        {
            errors.Add("s3_bucket", $"must be the configured documents bucket ({s3.Bucket}).");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (knownId is { } existing && request.S3Key is null && !await db.KnowledgeDocuments.AnyAsync(d => d.Id == existing, ct))
        {
            return ApiProblems.NotFound($"Document {existing} does not exist; send s3_key to register a new one.");
        }

        var documentId = knownId;
        if (documentId is null || request.S3Key is not null)
        {
            // The store adds its own prefix: accept keys given with or without it.
            var key = request.S3Key!.StartsWith(s3.Prefix, StringComparison.Ordinal) && s3.Prefix.Length > 0 ? request.S3Key[s3.Prefix.Length..] : request.S3Key;
            var registered = await documents.RegisterStoredAsync(key, request.Filename, category, request.Metadata?.ToDictionary(m => m.Key, m => m.Value!, StringComparer.Ordinal) ?? [], ct);
            if (registered.Status != ServiceStatus.Ok)
            {
                return ApiProblems.From(registered);
            }

            documentId = registered.Value!.Id;
        }

        var result = await processor.ProcessAsync(documentId.Value, ct);
        return TypedResults.Ok(new ProcessDocumentResponse(
            result.Success, documentId, result.ChunksCreated, result.EmbeddingsCreated, Math.Round(result.Elapsed.TotalSeconds, 3), result.Error));
    }

    private static bool IsSafeKey(string key) =>
        key.Length is > 0 and <= 1024
        && !key.StartsWith('/')
        && !key.Contains('\\', StringComparison.Ordinal)
        && !key.Any(char.IsControl)
        && !key.Split('/').Any(segment => segment is ".." or ".");
}
