using BmoLearning.Safety.Injection;

namespace BmoLearning.Safety.Rules;

/// <summary>Deterministic rules for generated lesson text: no personalised advice or guarantees, a disclaimer where
/// rates, fees or credit decisions come up, no protected characteristics as credit criteria, professional tone.</summary>
public sealed class FinancialContentRules
{
    /// <summary>Appended to lessons that discuss rates, fees or credit decisions.</summary>
    public const string StandardDisclaimer =
        "This lesson is for general educational purposes only and is not financial advice. " +
        "Rates, fees and credit decisions depend on individual circumstances and current product terms, " +
        "and are subject to change and to credit approval.";

    public const string RateClaimMessage = "Promises that a rate or return is guaranteed or will never change.";

    public IReadOnlyList<SafetyIssue> Evaluate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Look-alike letters, accents and invisible characters cannot hide a phrase from the rules.
        text = LookAlikes.Fold(text);
        List<SafetyIssue>? issues = null;

        if (FindUnnegated(text, FinancialPatterns.PersonalisedAdvice(), allowGuaranteedProducts: false))
        {
            Add(ref issues, SafetyIssueCodes.AdvicePersonalised, "Gives personalised financial advice; teach how to explain options instead.", SafetySeverity.Error);
        }

        if (FindUnnegated(text, FinancialPatterns.Guarantee(), allowGuaranteedProducts: true))
        {
            Add(ref issues, SafetyIssueCodes.AdviceGuarantee, "Promises guaranteed or risk-free outcomes.", SafetySeverity.Error);
        }
        else if (RateClaims.Find(text))
        {
            Add(ref issues, SafetyIssueCodes.AdviceGuarantee, RateClaimMessage, SafetySeverity.Error);
        }

        if (NeedsDisclaimer(text) && !HasDisclaimer(text))
        {
            Add(ref issues, SafetyIssueCodes.DisclaimerMissing, "Discusses rates, fees or credit decisions without a disclaimer.", SafetySeverity.Warning);
        }

        if (UsesProtectedCharacteristicAsCriterion(text))
        {
            Add(ref issues, SafetyIssueCodes.Discrimination, "Uses a protected characteristic as a credit criterion.", SafetySeverity.Error);
        }

        if (FinancialPatterns.Profanity().IsMatch(text))
        {
            Add(ref issues, SafetyIssueCodes.Tone, "Contains profanity or insults.", SafetySeverity.Error);
        }

        if (Shouting.Detect(text))
        {
            Add(ref issues, SafetyIssueCodes.Tone, "Shouts in capitals or with repeated exclamation marks.", SafetySeverity.Warning);
        }

        return issues ?? (IReadOnlyList<SafetyIssue>)[];
    }

    /// <summary>
    /// The rule that applies to learner topics as well as lessons: a topic that asserts a rate or return is
    /// guaranteed (or never changes) is an order about what the lesson should claim, not a subject.
    /// </summary>
    public IReadOnlyList<SafetyIssue> EvaluateClaims(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = LookAlikes.Fold(text);
        return FindUnnegated(folded, FinancialPatterns.Guarantee(), allowGuaranteedProducts: true) || RateClaims.Find(folded)
            ? [new SafetyIssue(SafetyIssueCodes.AdviceGuarantee, RateClaimMessage, SafetySeverity.Error)]
            : [];
    }

    /// <summary>True when the text discusses rates, APR, fees or credit decisions.</summary>
    public static bool NeedsDisclaimer(string text) => FinancialPatterns.NeedsDisclaimer().IsMatch(text);

    public static bool HasDisclaimer(string text) =>
        text.Contains(StandardDisclaimer, StringComparison.Ordinal) || FinancialPatterns.Disclaimer().IsMatch(text);

    /// <summary>Appends <see cref="StandardDisclaimer"/> as its own paragraph, unless the text needs none or has one.</summary>
    public static string AppendDisclaimer(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return !NeedsDisclaimer(text) || HasDisclaimer(text)
            ? text
            : string.Concat(text.TrimEnd(), "\n\n", StandardDisclaimer);
    }

    private static bool FindUnnegated(string text, System.Text.RegularExpressions.Regex pattern, bool allowGuaranteedProducts)
    {
        foreach (var m in pattern.EnumerateMatches(text))
        {
            var sentence = Sentences.Around(text, m.Index, out var sentenceStart);
            var before = sentence[..(m.Index - sentenceStart)];
            if (FinancialPatterns.Negation().IsMatch(before))
            {
                continue;
            }

            if (allowGuaranteedProducts && FinancialPatterns.GuaranteedProduct().IsMatch(sentence))
            {
                continue;
            }

            return true;
        }

        return false;
    }

    private static bool UsesProtectedCharacteristicAsCriterion(string text)
    {
        foreach (var m in FinancialPatterns.ProtectedCharacteristic().EnumerateMatches(text))
        {
            var sentence = Sentences.Around(text, m.Index, out _);
            if (FinancialPatterns.CreditDecision().IsMatch(sentence) && !FinancialPatterns.FairLendingFraming().IsMatch(sentence))
            {
                return true;
            }
        }

        return false;
    }

    private static void Add(ref List<SafetyIssue>? issues, string code, string message, SafetySeverity severity) =>
        (issues ??= []).Add(new SafetyIssue(code, message, severity));
}
