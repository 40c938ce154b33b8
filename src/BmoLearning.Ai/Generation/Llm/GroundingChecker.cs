using System.Text.RegularExpressions;
using BmoLearning.Ai.Embeddings;
using BmoLearning.Core.Knowledge;
using Microsoft.Extensions.AI;

namespace BmoLearning.Ai.Generation.Llm;

/// <summary>A statement a lesson makes and the chunks it cites for it.</summary>
public sealed record GroundingClaim(string Label, string Text, IReadOnlyList<long> ChunkIds);

/// <summary>
/// Checks that each claim is supported by a chunk it cites. Every number in the claim must appear in that chunk
/// (a model must not invent a rate or a fee); then enough of the claim's content words must appear there, or,
/// when the wording differs, its embedding must be close enough to the chunk's.
/// </summary>
public sealed partial class GroundingChecker(IEmbeddingGenerator<string, Embedding<float>>? embedder, GroundingSettings settings)
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "are", "but", "not", "you", "your", "with", "that", "this", "from", "they", "them", "their", "there",
        "have", "has", "had", "was", "were", "will", "would", "can", "could", "should", "may", "might", "must", "any", "all",
        "its", "into", "than", "then", "when", "what", "which", "who", "whom", "how", "why", "each", "only", "also", "more",
        "most", "other", "such", "our", "out", "does", "did", "been", "being", "about", "over", "under", "per", "both", "one",
    };

    /// <summary>Problems for the unsupported claims, phrased for a repair turn; empty when all are supported.</summary>
    public async Task<IReadOnlyList<string>> CheckAsync(
        IReadOnlyList<GroundingClaim> claims, IReadOnlyDictionary<long, RetrievedChunk> chunks, CancellationToken ct)
    {
        var problems = new List<string>();
        var chunkWords = new Dictionary<long, HashSet<string>>();
        HashSet<string> WordsOf(long id) => chunkWords.TryGetValue(id, out var words) ? words : chunkWords[id] = [.. Words(chunks[id].Text, keepStopWords: true)];

        var needSemantic = new List<(GroundingClaim Claim, List<long> Cited)>();
        foreach (var claim in claims)
        {
            var cited = claim.ChunkIds.Where(chunks.ContainsKey).Distinct().ToList();
            if (cited.Count == 0)
            {
                problems.Add($"{claim.Label} cites no source that was provided");
                continue;
            }

            var words = Words(claim.Text, keepStopWords: false).Distinct().ToList();
            var numbers = words.Where(w => w.Any(char.IsAsciiDigit)).ToList();
            var withNumbers = cited.Where(id => numbers.All(n => WordsOf(id).Contains(n))).ToList();
            if (withNumbers.Count == 0)
            {
                problems.Add($"{claim.Label} states a figure that its cited source does not contain");
                continue;
            }

            if (words.Count == 0 || withNumbers.Any(id => Coverage(words, WordsOf(id)) >= settings.LexicalThreshold))
            {
                continue;
            }

            needSemantic.Add((claim, withNumbers));
        }

        if (needSemantic.Count > 0)
        {
            var supported = await SemanticSupportAsync(needSemantic, chunks, ct);
            for (var i = 0; i < needSemantic.Count; i++)
            {
                if (!supported[i])
                {
                    problems.Add($"{needSemantic[i].Claim.Label} is not supported by the source it cites; restate it as the source says it or cite the source that says it");
                }
            }
        }

        return problems;
    }

    private async Task<bool[]> SemanticSupportAsync(
        List<(GroundingClaim Claim, List<long> Cited)> pending, IReadOnlyDictionary<long, RetrievedChunk> chunks, CancellationToken ct)
    {
        var result = new bool[pending.Count];
        if (embedder is null)
        {
            return result;
        }

        var claimVectors = await embedder.EmbedManyAsync(pending.Select(p => p.Claim.Text).ToList(), ct);
        // Chunks sent by a remote caller arrive without vectors; embed those once.
        var missing = pending.SelectMany(p => p.Cited).Distinct().Where(id => chunks[id].Embedding.Length == 0).ToList();
        var missingVectors = await embedder.EmbedManyAsync(missing.Select(id => chunks[id].Text).ToList(), ct);
        var vectors = missing.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => missingVectors[x.i]);
        for (var i = 0; i < pending.Count; i++)
        {
            result[i] = pending[i].Cited.Any(id =>
            {
                var chunkVector = vectors.TryGetValue(id, out var v) ? v : chunks[id].Embedding;
                return chunkVector.Length == claimVectors[i].Length && VectorMath.Dot(claimVectors[i], chunkVector) >= settings.SemanticThreshold;
            });
        }

        return result;
    }

    private static double Coverage(List<string> claimWords, HashSet<string> chunkWords) =>
        claimWords.Count(chunkWords.Contains) / (double)claimWords.Count;

    /// <summary>Lower-case words with a crude plural/tense stem; numbers keep their decimals ("19.99%" → "19.99").</summary>
    public static IEnumerable<string> Words(string text, bool keepStopWords)
    {
        foreach (Match m in WordPattern().Matches(text.ToLowerInvariant()))
        {
            var word = m.Value.TrimEnd('.', ',');
            if (word.Any(char.IsAsciiDigit))
            {
                yield return word.Replace(",", string.Empty, StringComparison.Ordinal);
                continue;
            }

            if (word.Length < 3 || (!keepStopWords && StopWords.Contains(word)))
            {
                continue;
            }

            yield return Stem(word);
        }
    }

    private static string Stem(string word)
    {
        var stem = Suffixless(word);
        // "charge", "charged" and "charges" all end up as "charg".
        return stem.Length > 3 && stem.EndsWith('e') ? stem[..^1] : stem;
    }

    private static string Suffixless(string word) =>
        word.Length > 5 && word.EndsWith("ing", StringComparison.Ordinal) ? word[..^3]
        : word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal) ? word[..^3] + "y"
        : word.Length > 4 && word.EndsWith("ed", StringComparison.Ordinal) ? word[..^2]
        : word.Length > 4 && word.EndsWith("es", StringComparison.Ordinal) && !word.EndsWith("ses", StringComparison.Ordinal) ? word[..^1]
        : word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1]
        : word;

    [GeneratedRegex(@"\d[\d,]*(?:\.\d+)?|[a-z][a-z'-]*", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();
}
