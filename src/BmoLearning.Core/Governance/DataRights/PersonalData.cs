namespace BmoLearning.Core.Governance.DataRights;

/// <summary>What replaces erased personal data, and the pseudonymous contact data an erased learner keeps.</summary>
public static class PersonalData
{
    public const string Placeholder = "[erased]";
    public const string ErasedName = "Erased learner";

    /// <summary>Unique (the email column is) and undeliverable (.invalid is reserved, RFC 2606).</summary>
    public static string ErasedEmail(Guid learnerId) => $"erased-{learnerId:N}@erased.invalid";

    /// <summary>Replaces each value (ordinal, longest first so a name inside an email goes with the email).</summary>
    public static string? Scrub(string? text, IReadOnlyCollection<string> values)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var value in values.OrderByDescending(v => v.Length))
        {
            text = text.Replace(value, Placeholder, StringComparison.OrdinalIgnoreCase);
        }

        return text;
    }
}
