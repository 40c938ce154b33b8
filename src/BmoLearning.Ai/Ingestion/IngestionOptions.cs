using System.ComponentModel.DataAnnotations;
using BmoLearning.Ai.Ingestion.Extraction;

namespace BmoLearning.Ai.Ingestion;

/// <summary>
/// Size and time limits of one document's ingestion (section "Ingestion"). Embedding dominates the time
/// (about 10 chunks of 150 words a second on 2 cores, docs/benchmarks.md), so the chunk limit bounds the
/// longest allowed ingestion and <see cref="MaxDuration"/> is the hard stop behind it. The job timeout
/// (Jobs:InvisibilityTimeout) must be longer than <see cref="MaxDuration"/>, or a slow document is handed to
/// a second worker while the first still runs.
/// </summary>
public sealed class IngestionOptions
{
    public const string Section = "Ingestion";

    /// <summary>Characters of text a document may expand to (after unzipping and decoding), in any format.</summary>
    [Range(1_000, 50_000_000)]
    public int MaxCharacters { get; set; } = ExtractionLimits.DefaultMaxTotalCharacters;

    /// <summary>Chunks one document may split into: each is embedded, so this bounds the embedding time.</summary>
    [Range(1, 1_000_000)]
    public int MaxChunks { get; set; } = 3_000;

    /// <summary>Past this, ingestion stops and the document is marked failed (it is not retried).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "06:00:00")]
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromMinutes(10);

    public ExtractionLimits ToExtractionLimits() => new() { MaxTotalCharacters = MaxCharacters };
}
