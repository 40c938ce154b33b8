using BmoLearning.Ai.Ingestion;
using BmoLearning.Core.Knowledge;
using Microsoft.Extensions.Options;

namespace BmoLearning.Host.Hosting;

/// <summary>Loads the starter knowledge base shipped with the app (content/); unchanged files are skipped.</summary>
public sealed class StarterKnowledge(FileIngestor ingestor, IOptions<BmoOptions> bmo)
{
    public async Task<IReadOnlyList<IngestionResult>> LoadAsync(Action<string, IngestionResult>? progress, CancellationToken ct)
    {
        var root = bmo.Value.StarterContentDir;
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"The starter knowledge base was not found at '{root}' (setting Bmo:StarterContentDir).");
        }

        var results = new List<IngestionResult>();
        foreach (var file in FileIngestor.FindFiles(root))
        {
            var key = "starter/" + Path.GetRelativePath(root, file).Replace('\\', '/');
            var result = await ingestor.IngestFileAsync(file, key, DocumentCategory.Lesson, ct);
            progress?.Invoke(file, result);
            results.Add(result);
        }

        return results;
    }
}
