namespace BmoLearning.Ai.Ingestion.Extraction;

/// <summary>Guards against hostile or broken files: decompression bombs, absurd page counts, giant pages.</summary>
public sealed record ExtractionLimits
{
    /// <summary>Total uncompressed size of a DOCX package.</summary>
    public long MaxExpandedBytes { get; init; } = 200L * 1024 * 1024;

    /// <summary>Uncompressed-to-compressed ratio of any one entry of a DOCX package.</summary>
    public int MaxCompressionRatio { get; init; } = 200;

    public int MaxPages { get; init; } = 2_000;

    /// <summary>Characters of text on one page (or one DOCX/HTML document section).</summary>
    public int MaxCharactersPerPage { get; init; } = 200_000;

    public int MaxTotalCharacters { get; init; } = 20_000_000;
}
