namespace BmoLearning.Safety.Rules;

/// <summary>
/// Finds promises that a rate or return is guaranteed or will never change, whatever the wording, in English
/// or French: "a 0% APR is guaranteed forever", "your rate is locked in for life", "the APR never changes",
/// "un TAP de 0 % est garanti pour toujours". What counts as a claim (and what does not):
/// <list type="bullet">
/// <item>a claim word (guaranteed, assured, promised, locked in, forever, for life, never changes, garanti,
/// pour toujours, ne change jamais…) with a rate term (rate, APR/APY, TAP/TAEG, taux, interest, return,
/// yield, a percentage) before it in the same sentence (within 60 characters) or within 4 words after it;</item>
/// <item>not a claim: a guarantee of something else ("a guaranteed minimum payment is required", "payment
/// is guaranteed by the network"): the guarantee word is followed by another noun and no rate term;</item>
/// <item>not a claim: a bounded product term ("the intro APR is guaranteed for 12 months", "pendant 6 mois"),
/// unless it also says forever, for life or never;</item>
/// <item>not a claim: a denial ("no rate is guaranteed", "aucun taux n'est garanti") within the five words
/// before the claim word, a report of a claim ("never promise…", "it is misleading to say…"), a question
/// ("Is a 0% APR guaranteed forever?"), or a principal-guaranteed product (GIC, term deposit).</item>
/// </list>
/// The text is read folded (<see cref="Injection.LookAlikes"/>), so look-alike letters and accents change nothing.
/// </summary>
internal static class RateClaims
{
    private const int RateBeforeWindow = 60;
    private const int WordsAfter = 4;

    private static readonly HashSet<string> Connectives = new(StringComparer.OrdinalIgnoreCase)
    {
        "to", "for", "forever", "and", "or", "at", "as", "until", "through", "on", "in", "of", "that", "with", "the", "is", "are", "be",
        "pour", "a", "de", "du", "des", "sur", "et", "ou", "que", "qu", "un", "une", "le", "la", "les", "jusqu", "au", "aux", "est",
    };

    private static readonly string[] Permanence = ["forever", "for ever", "for life", "for good", "permanently", "perpetuity", "never", "always", "pour toujours", "a vie", "a jamais", "jamais", "definitivement"];

    public static bool Find(string folded)
    {
        foreach (var m in FinancialPatterns.RateClaim().EnumerateMatches(folded))
        {
            var sentence = Sentences.Around(folded, m.Index, out var sentenceStart);
            var claimStart = m.Index - sentenceStart;
            var before = sentence[..claimStart];
            var after = sentence[(claimStart + m.Length)..];
            if (!RateNearby(before, after) || GuaranteesSomethingElse(folded.AsSpan(m.Index, m.Length), after))
            {
                continue;
            }

            var sentenceText = sentence.ToString();
            if (FinancialPatterns.ClaimNegation().IsMatch(LastWords(before, 5))
                || FinancialPatterns.ClaimReportingFrame().IsMatch(before)
                || FinancialPatterns.GuaranteedProduct().IsMatch(sentenceText)
                || (sentenceText.TrimEnd().EndsWith('?') && FinancialPatterns.QuestionOpening().IsMatch(sentenceText))
                || (FinancialPatterns.BoundedPeriod().IsMatch(sentenceText) && !SaysForever(sentenceText)))
            {
                continue;
            }

            return true;
        }

        return false;
    }

    private static bool RateNearby(ReadOnlySpan<char> before, ReadOnlySpan<char> after)
    {
        var window = before.Length > RateBeforeWindow ? before[^RateBeforeWindow..] : before;
        return FinancialPatterns.RateTerm().IsMatch(window) || FinancialPatterns.RateTerm().IsMatch(FirstWords(after, WordsAfter));
    }

    /// <summary>"guaranteed minimum payment", "guaranteed by the network": the guarantee attaches to another noun.</summary>
    private static bool GuaranteesSomethingElse(ReadOnlySpan<char> claim, ReadOnlySpan<char> after)
    {
        if (!(claim.StartsWith("guarantee", StringComparison.OrdinalIgnoreCase) || claim.StartsWith("garanti", StringComparison.OrdinalIgnoreCase)
            || claim.StartsWith("assured", StringComparison.OrdinalIgnoreCase) || claim.StartsWith("promised", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        var next = FirstWords(after, 1).Trim();
        if (next.Length == 0 || !char.IsLetter(next[0]) || Connectives.Contains(next.TrimEnd(".,;:!?'’".AsSpan()).ToString()))
        {
            return false;
        }

        return !FinancialPatterns.RateTerm().IsMatch(FirstWords(after, 3));
    }

    private static bool SaysForever(string sentence)
    {
        foreach (var word in Permanence)
        {
            if (sentence.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static ReadOnlySpan<char> FirstWords(ReadOnlySpan<char> text, int count)
    {
        text = text.TrimStart();
        var end = 0;
        for (var words = 0; words < count && end < text.Length; words++)
        {
            while (end < text.Length && !char.IsWhiteSpace(text[end]))
            {
                end++;
            }

            while (end < text.Length && char.IsWhiteSpace(text[end]))
            {
                end++;
            }
        }

        return text[..end];
    }

    private static ReadOnlySpan<char> LastWords(ReadOnlySpan<char> text, int count)
    {
        text = text.TrimEnd();
        var start = text.Length;
        for (var words = 0; words < count && start > 0; words++)
        {
            while (start > 0 && char.IsWhiteSpace(text[start - 1]))
            {
                start--;
            }

            while (start > 0 && !char.IsWhiteSpace(text[start - 1]))
            {
                start--;
            }
        }

        return text[start..];
    }
}
