using Microsoft.AspNetCore.Http.HttpResults;
using System.Text.Json;
using BmoLearning.Ai.Knowledge;
using BmoLearning.Ai.Storage;
using BmoLearning.Core.Common;
using BmoLearning.Core.Data;
using BmoLearning.Core.Delivery;
using BmoLearning.Core.Knowledge;
using BmoLearning.Host.Auth;
using BmoLearning.Host.Common;
using BmoLearning.Host.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BmoLearning.Host.Knowledge;

public static class DocumentEndpoints
{
    public const int MaxMetadataEntries = 20;

    public static RouteGroupBuilder MapDocuments(this RouteGroupBuilder api, IOptions<StorageOptions> storage)
    {
        var group = api.MapGroup("/documents").WithTags("Documents").RequireAuthorization(AuthSetup.AdminPolicy);
        // Multipart upload with an API key: there is no browser session to forge, so no antiforgery token.
        group.MapPost("/", UploadAsync).DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(storage.Value.MaxUploadBytes + (1024 * 1024)))
            .WithName("UploadDocument");
        group.MapGet("/", ListAsync).WithName("ListDocuments");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetDocument");
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteDocument");
        group.MapPost("/{id:guid}/reprocess", ReprocessAsync).WithName("ReprocessDocument");
        group.MapGet("/{id:guid}/download_url", DownloadUrlAsync).WithName("GetDocumentDownloadUrl");
        // Signed links work without an API key: the signature is the credential.
        api.MapGet("/objects", DownloadAsync).AllowAnonymous().WithName("DownloadObject").WithTags("Documents")
            .WithSummary("A stored document by a signed, expiring URL (from download_url); takes no API key.");
        return api;
    }

    public static async Task<IResult> UploadAsync(
        IFormFile? file,
        [FromForm] string? category,
        [FromForm] string? title,
        [FromForm] string? metadata,
        [FromForm] string? replaces,
        DocumentService documents,
        HttpContext http,
        CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (file is null)
        {
            errors.Add("file", "is required: send the document as multipart/form-data field 'file'.");
        }

        var parsedCategory = DocumentCategory.General;
        if (category is not null && !DocumentMapping.TryParseCategory(category, out parsedCategory))
        {
            errors.Add("category", $"must be {DocumentMapping.Categories}.");
        }

        if (title is { Length: > 300 })
        {
            errors.Add("title", "must be at most 300 characters.");
        }

        errors.PlainText("title", title);

        Guid? replacesId = null;
        if (!string.IsNullOrWhiteSpace(replaces))
        {
            if (Guid.TryParse(replaces, out var parsedReplaces))
            {
                replacesId = parsedReplaces;
            }
            else
            {
                errors.Add("replaces", "must be the id of the document this file is a new version of.");
            }
        }

        var parsedMetadata = ParseMetadata(metadata, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        using var buffer = new MemoryStream();
        await file!.CopyToAsync(buffer, ct);
        var result = await documents.UploadAsync(new DocumentUpload(buffer.ToArray(), file.FileName, parsedCategory, title, parsedMetadata, replacesId), ct);
        return result.Outcome switch
        {
            UploadOutcome.Queued => TypedResults.Accepted($"/api/v1/documents/{result.Document!.Id}", new DocumentAccepted(result.Document.ToResponse(), result.JobId, false, null)),
            UploadOutcome.Duplicate => Duplicate(http, result),
            UploadOutcome.Empty => new FieldErrors().Add("file", result.Message!).ToProblem(),
            UploadOutcome.ReplacesUnknown => new FieldErrors().Add("replaces", result.Message!).ToProblem(),
            UploadOutcome.ReplacesOld => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status409Conflict, title: "Conflict", type: "https://httpstatuses.io/409"),
            UploadOutcome.TooLarge => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large", type: "https://httpstatuses.io/413"),
            _ => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", type: "https://httpstatuses.io/415"),
        };
    }

    private static IResult Duplicate(HttpContext http, UploadResult result)
    {
        http.Response.Headers.Location = $"/api/v1/documents/{result.Document!.Id}";
        return TypedResults.Ok(new DocumentAccepted(result.Document.ToResponse(), null, true, result.Message));
    }

    private static Dictionary<string, string> ParseMetadata(string? metadata, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(metadata))
        {
            return [];
        }

        try
        {
            var parsed = JsonSerializer.Deserialize<Dictionary<string, string?>>(metadata) ?? [];
            if (parsed.Any(p => p.Value is null))
            {
                errors.Add("metadata", "values must be strings, not null.");
                return [];
            }

            if (parsed.Count > MaxMetadataEntries || parsed.Any(p => p.Key.Length > 100 || p.Value!.Length > 1000))
            {
                errors.Add("metadata", $"may hold at most {MaxMetadataEntries} entries, keys up to 100 and values up to 1000 characters.");
            }

            return parsed.ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            errors.Add("metadata", "must be a JSON object of string values, e.g. {\"owner\":\"Cards team\"}.");
            return [];
        }
    }

    public static async Task<Results<Ok<PageOf<DocumentResponse>>, ProblemHttpResult>> ListAsync(
        AppDbContext db, string? category, string? status, int? page, [FromQuery(Name = "per_page")] int? perPage, CancellationToken ct)
    {
        var errors = new FieldErrors().Range("page", page, 1, 1_000_000).Range("per_page", perPage, 1, Paging.MaxPerPage);
        var query = db.KnowledgeDocuments.AsNoTracking();
        if (category is not null)
        {
            if (DocumentMapping.TryParseCategory(category, out var c))
            {
                query = query.Where(d => d.Category == c);
            }
            else
            {
                errors.Add("category", $"must be {DocumentMapping.Categories}.");
            }
        }

        if (status is not null)
        {
            if (!int.TryParse(status, out _) && Enum.TryParse<DocumentStatus>(status, ignoreCase: true, out var s))
            {
                query = query.Where(d => d.Status == s);
            }
            else
            {
                errors.Add("status", "must be queued, processing, processed or failed.");
            }
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var paging = new Paging(page, perPage);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(d => d.Id).Skip(paging.Skip).Take(paging.PerPage).ToListAsync(ct);
        return TypedResults.Ok(paging.Page(items.Select(d => d.ToResponse()).ToList(), total));
    }

    public static async Task<Results<Ok<DocumentResponse>, ProblemHttpResult>> GetAsync(Guid id, AppDbContext db, CancellationToken ct)
    {
        var document = await db.KnowledgeDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct);
        return document is null ? ApiProblems.NotFound($"Document {id} does not exist.") : TypedResults.Ok(document.ToResponse());
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, DocumentService documents, CancellationToken ct) =>
        await documents.DeleteAsync(id, ct) ? TypedResults.NoContent() : ApiProblems.NotFound($"Document {id} does not exist.");

    public static async Task<Results<Accepted<DocumentAccepted>, ProblemHttpResult>> ReprocessAsync(Guid id, DocumentService documents, CancellationToken ct)
    {
        var result = await documents.ReprocessAsync(id, ct);
        if (result.Status != ServiceStatus.Ok)
        {
            return ApiProblems.From(result);
        }

        var (document, jobId) = result.Value;
        return TypedResults.Accepted($"/api/v1/documents/{id}", new DocumentAccepted(document.ToResponse(), jobId, false, null));
    }

    /// <summary>Local links are made absolute with Delivery:PublicBaseUrl, never the request's Host header, which the caller chooses.</summary>
    public static async Task<Results<Ok<DownloadUrlResponse>, ProblemHttpResult>> DownloadUrlAsync(Guid id, DocumentService documents, IOptions<DeliveryOptions> delivery, CancellationToken ct)
    {
        var link = await documents.DownloadUrlAsync(id, ct);
        if (link is null)
        {
            return ApiProblems.NotFound($"Document {id} does not exist.");
        }

        var (url, expiresAt) = link.Value;
        var absolute = url.IsAbsoluteUri ? url : new Uri(new Uri(delivery.Value.PublicBaseUrl.TrimEnd('/') + "/"), url.ToString().TrimStart('/'));
        return TypedResults.Ok(new DownloadUrlResponse(absolute.ToString(), expiresAt));
    }

    /// <summary>Serves a locally stored object to whoever holds a valid, unexpired signed link.</summary>
    public static async Task<IResult> DownloadAsync(
        string? key, string? name, long? expires, string? signature, IObjectStore store, CancellationToken ct)
    {
        if (store is not LocalObjectStore local || key is null || name is null || expires is null || signature is null
            || !local.Verify(key, name, expires.Value, signature))
        {
            return TypedResults.Problem("The link is invalid or has expired; ask for a new one.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", type: "https://httpstatuses.io/403");
        }

        var bytes = await local.GetAsync(key, ct);
        return bytes is null
            ? ApiProblems.NotFound("The document no longer exists.")
            : TypedResults.File(bytes, "application/octet-stream", name);
    }
}
