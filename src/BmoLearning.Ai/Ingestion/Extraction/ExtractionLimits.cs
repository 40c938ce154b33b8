using System.Globalization;

namespace BmoLearning.Ai.Ingestion.Extraction;

/// <summary>Guards against hostile or broken files: decompression bombs, absurd page counts, giant pages, too much text.</summary>
public sealed record ExtractionLimits
{
    /// <summary>About 330,000 words (1,000 dense pages): some 2,500 chunks, a few minutes of local embedding.</summary>
    public const int DefaultMaxTotalCharacters = 2_000_000;

    /// <summary>Total uncompressed size of a DOCX package.</summary>
    public long MaxExpandedBytes { get; init; } = 200L * 1024 * 1024;

    /// <summary>Uncompressed-to-compressed ratio of any one entry of a DOCX package.</summary>
    public int MaxCompressionRatio { get; init; } = 200;

    public int MaxPages { get; init; } = 2_000;

    /// <summary>Characters of text on one page (or one DOCX/HTML document section).</summary>
    public int MaxCharactersPerPage { get; init; } = 200_000;

    /// <summary>Characters of text in the whole document, whatever its format; checked before the text is built.</summary>
    public int MaxTotalCharacters { get; init; } = DefaultMaxTotalCharacters;

    /// <summary>The failure for a document whose text is over <see cref="MaxTotalCharacters"/>; "more than" when counting stopped early.</summary>
    public ExtractionException TooLarge(long characters, bool atLeast = false) => new(string.Create(
        CultureInfo.InvariantCulture,
        $"The document is too large when expanded: {(atLeast ? "more than " : string.Empty)}{characters:N0} characters of text, limit {MaxTotalCharacters:N0}."));
}
