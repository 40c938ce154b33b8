namespace BmoLearning.Ai.Ingestion.Extraction;

/// <summary>Step 1 of ingestion: bytes of one content type to structural blocks.</summary>
public interface IDocumentExtractor
{
    IReadOnlyCollection<string> ContentTypes { get; }

    ExtractedDocument Extract(ReadOnlyMemory<byte> content, string fileName);
}
