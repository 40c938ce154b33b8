using BmoLearning.Core.Knowledge;

namespace BmoLearning.Host.Knowledge;

public sealed record DocumentResponse(
    Guid Id,
    string Title,
    string? FileName,
    string Category,
    string ContentType,
    long SizeBytes,
    string ContentHash,
    string Status,
    string? Error,
    int? PageCount,
    int ChunkCount,
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyDictionary<string, long> Timings,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ProcessingStartedAt,
    DateTimeOffset? ProcessedAt,
    int Version,
    Guid? PreviousVersionId,
    DateTimeOffset? SupersededAt);

public sealed record DocumentAccepted(DocumentResponse Document, string? JobId, bool Duplicate, string? Message);

public sealed record DownloadUrlResponse(string Url, DateTimeOffset ExpiresAt);

public static class DocumentMapping
{
    public static DocumentResponse ToResponse(this KnowledgeDocument d) => new(
        d.Id, d.Title, d.FileName, d.Category.ToString().ToLowerInvariant(), d.ContentType, d.SizeBytes, d.ContentHash,
        d.Status.ToString().ToLowerInvariant(), d.Error, d.PageCount, d.ChunkCount, d.Metadata, d.Timings,
        d.CreatedAt, d.UpdatedAt, d.ProcessingStartedAt, d.ProcessedAt, d.Version, d.PreviousVersionId, d.SupersededAt);

    public static bool TryParseCategory(string? value, out DocumentCategory category)
    {
        category = DocumentCategory.General;
        return value is not null && !int.TryParse(value, out _) && Enum.TryParse(value, ignoreCase: true, out category);
    }

    public const string Categories = "lesson, reference, quiz or general";
}
