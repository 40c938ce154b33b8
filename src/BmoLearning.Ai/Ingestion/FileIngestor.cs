using BmoLearning.Core.Knowledge;

namespace BmoLearning.Ai.Ingestion;

/// <summary>Ingests files or folders from disk (used by `bmo ingest` and `bmo seed`).</summary>
public sealed class FileIngestor(IngestionPipeline pipeline)
{
    private static readonly Dictionary<string, string> ContentTypesByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".md"] = "text/markdown",
        [".markdown"] = "text/markdown",
        [".txt"] = "text/plain",
    };

    public static bool IsSupported(string path) => ContentTypesByExtension.ContainsKey(Path.GetExtension(path));

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
        var contentType = ContentTypesByExtension.GetValueOrDefault(Path.GetExtension(file), "application/octet-stream");
        var bytes = await File.ReadAllBytesAsync(file, ct);
        return await pipeline.IngestAsync(new DocumentSource(sourceKey, Path.GetFileName(file), contentType, bytes, category), ct);
    }
}
