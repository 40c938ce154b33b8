namespace BmoLearning.Ai.Ingestion.Extraction;

/// <summary>Plain text: paragraphs separated by blank lines; the file name is the title.</summary>
public sealed class PlainTextExtractor(ExtractionLimits limits) : IDocumentExtractor
{
    public PlainTextExtractor()
        : this(new ExtractionLimits())
    {
    }

    public IReadOnlyCollection<string> ContentTypes { get; } = ["text/plain"];

    public ExtractedDocument Extract(ReadOnlyMemory<byte> content, string fileName)
    {
        var text = TextDecoding.Decode(content, limits).Replace("\r\n", "\n", StringComparison.Ordinal);
        var blocks = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => new DocumentBlock(BlockKind.Paragraph, MarkdownExtractor.WhitespaceCollapse(p)))
            .Where(b => b.Text.Length > 0)
            .ToList();
        return new ExtractedDocument(Path.GetFileNameWithoutExtension(fileName), blocks);
    }
}
