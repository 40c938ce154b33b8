using System.ComponentModel.DataAnnotations;

namespace BmoLearning.Core.Knowledge;

/// <summary>How hybrid retrieval fuses and diversifies (section "Retrieval"); defaults tuned on bench/retrieval.</summary>
public sealed class RetrievalOptions
{
    public const string Section = "Retrieval";

    /// <summary>Reciprocal rank fusion constant: larger flattens the advantage of the first ranks.</summary>
    [Range(1, 1000)]
    public int RrfK { get; set; } = 10;

    /// <summary>Weight of the keyword ranking relative to the vector ranking (1.0) in the fusion.</summary>
    [Range(0.0, 10.0)]
    public double KeywordWeight { get; set; } = 0.7;

    /// <summary>Maximal marginal relevance: 1 = relevance only, lower values favour diverse passages.</summary>
    [Range(0.0, 1.0)]
    public double MmrLambda { get; set; } = 0.85;

    /// <summary>How deep each ranking goes before fusion.</summary>
    [Range(10, 1000)]
    public int CandidatesPerRanking { get; set; } = 50;
}
