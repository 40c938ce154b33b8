using BmoLearning.Ai.Ingestion.Extraction;
using BmoLearning.Core.Knowledge;

namespace BmoLearning.Ai.Ingestion;

/// <summary>Ingests files or folders from disk (used by `bmo ingest` and `bmo seed`).</summary>
public sealed class FileIngestor(IngestionPipeline pipeline)
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".md", ".markdown", ".txt", ".pdf", ".docx", ".html", ".htm",
    };

    public static bool IsSupported(string path) => Extensions.Contains(Path.GetExtension(path));

    /// <summary>Supported files under a path (a file or a folder, recursively), in a stable order.</summary>
    public static IReadOnlyList<string> FindFiles(string path)
    {
        if (File.Exists(path))
        {
            return [Path.GetFullPath(path)];
        }

        if (!Directory.Exists(path))
        {
            throw new FileNotFoundException($"No file or folder at '{path}'.", path);
        }

        return Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
            .Where(IsSupported)
            .Select(Path.GetFullPath)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public async Task<IngestionResult> IngestFileAsync(string file, string sourceKey, DocumentCategory category, CancellationToken ct)
    {
        var bytes = await File.ReadAllBytesAsync(file, ct);
        // The type comes from the bytes; an unreadable file still gets a document that says why.
        var contentType = ContentSniffer.Detect(bytes, file) ?? "application/octet-stream";
        return await pipeline.IngestAsync(new DocumentSource(sourceKey, Path.GetFileName(file), contentType, bytes, category), ct);
    }

    /// <summary>One file as a new version of a document: the one it replaces, or the latest with that title.</summary>
    public async Task<IngestionResult> IngestVersionAsync(string file, string sourceKey, DocumentCategory category, Guid? replaces, string? title, CancellationToken ct)
    {
        var bytes = await File.ReadAllBytesAsync(file, ct);
        // Refused before any row exists, as the upload API does: a failed version would block the next --replaces.
        if (ContentSniffer.Detect(bytes, file) is not { } contentType)
        {
            return new IngestionResult(Guid.Empty, Path.GetFileName(file), IngestionOutcome.Failed, 0, 0, IngestionPipeline.UnsupportedMessage);
        }

        return await pipeline.IngestVersionAsync(new DocumentSource(sourceKey, Path.GetFileName(file), contentType, bytes, category), replaces, title, ct);
    }
}
