namespace BmoLearning.Ai.Ingestion.Extraction;

public enum BlockKind
{
    Heading,
    Paragraph,
    ListItem,
    Table,
    Code,
}

/// <summary>One structural block of a document in reading order. Level is the heading level (1 = title).</summary>
public sealed record DocumentBlock(BlockKind Kind, string Text, int Level = 0, int? Page = null);

public sealed record ExtractedDocument(string Title, IReadOnlyList<DocumentBlock> Blocks, int? PageCount = null);

/// <summary>The document cannot be read (corrupt, encrypted, no text); the reason is shown on the document.</summary>
public sealed class ExtractionException(string message) : Exception(message);
