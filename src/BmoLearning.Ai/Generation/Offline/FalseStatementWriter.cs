using System.Globalization;
using System.Text.RegularExpressions;

namespace BmoLearning.Ai.Generation.Offline;

/// <summary>
/// Makes a plausible false statement from a true one, for quiz distractors: flips the polarity of the
/// first auxiliary verb ("is" ↔ "is not", "can" ↔ "cannot", "must" → "need not") or changes a number.
/// Every distractor is therefore false by construction while reading like the source.
/// </summary>
internal static partial class FalseStatementWriter
{
    private static readonly (string From, string To)[] Flips =
    [
        (" is not ", " is "), (" are not ", " are "), (" cannot ", " can "), (" does not ", " does "),
        (" do not ", " do "), (" will not ", " will "), (" should not ", " should "), (" need not ", " must "),
        (" is ", " is not "), (" are ", " are not "), (" can ", " cannot "), (" must ", " need not "),
        (" will ", " will not "), (" should ", " should not "), (" usually ", " rarely "), (" always ", " never "),
        (" never ", " always "), (" increases ", " decreases "), (" decreases ", " increases "),
        (" lowers ", " raises "), (" raises ", " lowers "), (" higher ", " lower "), (" lower ", " higher "),
    ];

    public static string? Negate(string sentence)
    {
        var padded = " " + sentence[..^1] + " ";
        var best = -1;
        var chosen = (From: string.Empty, To: string.Empty);
        foreach (var flip in Flips)
        {
            var index = padded.IndexOf(flip.From, StringComparison.Ordinal);
            if (index >= 0 && (best < 0 || index < best))
            {
                best = index;
                chosen = flip;
            }
        }

        if (best < 0 || (AddsNegation(chosen.To) && HasNegation(padded)))
        {
            // Adding a "not" to a sentence that already has one reads as nonsense ("are not ..., not by ...").
            return null;
        }

        var flipped = padded[..best] + chosen.To + padded[(best + chosen.From.Length)..];
        return flipped.Trim() + sentence[^1];
    }

    private static bool AddsNegation(string replacement) =>
        replacement.Contains("not", StringComparison.Ordinal) || replacement.Contains("never", StringComparison.Ordinal) || replacement.Contains("rarely", StringComparison.Ordinal);

    private static bool HasNegation(string padded) =>
        padded.Contains(" not ", StringComparison.OrdinalIgnoreCase) || padded.Contains("n't ", StringComparison.OrdinalIgnoreCase)
        || padded.Contains(" never ", StringComparison.OrdinalIgnoreCase) || padded.Contains(" no ", StringComparison.OrdinalIgnoreCase)
        || padded.Contains(" not,", StringComparison.OrdinalIgnoreCase);

    /// <summary>Changes the first whole number in the sentence (21 → 14, 50 → 100, ...), or null if none.</summary>
    public static string? ChangeNumber(string sentence, int variant)
    {
        var match = Number().Match(sentence);
        if (!match.Success || !int.TryParse(match.Value.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value) || value == 0)
        {
            return null;
        }

        var changed = variant switch
        {
            0 => value * 2,
            1 => Math.Max(1, value / 2) == value ? value + 5 : Math.Max(1, value / 2),
            _ => value + Math.Max(1, value / 3) + 1,
        };
        var text = changed.ToString("#,0", CultureInfo.InvariantCulture);
        return sentence[..match.Index] + text + sentence[(match.Index + match.Length)..];
    }

    [GeneratedRegex(@"(?<![\w.])\d{1,3}(,\d{3})*(?![\w.,]\d)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Number();
}
