namespace BmoLearning.Safety;

/// <summary>Stable issue codes; clients and dashboards match on these, so never rename one.</summary>
public static class SafetyIssueCodes
{
    public const string PiiEmail = "pii.email";
    public const string PiiPhone = "pii.phone";
    public const string PiiSsn = "pii.ssn";
    public const string PiiSin = "pii.sin";
    public const string PiiCard = "pii.card";
    public const string PiiIban = "pii.iban";
    public const string PiiAccount = "pii.account";

    public const string InjectionOverride = "injection.override";
    public const string InjectionRole = "injection.role";
    public const string InjectionMarker = "injection.marker";
    public const string InjectionExfiltration = "injection.exfiltration";
    public const string InjectionHidden = "injection.hidden";
    public const string InjectionEncoded = "injection.encoded";

    public const string AdvicePersonalised = "advice.personalised";
    public const string AdviceGuarantee = "advice.guarantee";
    public const string DisclaimerMissing = "disclaimer.missing";
    public const string Discrimination = "discrimination";
    public const string Tone = "tone";

    /// <summary>A moderation service (OpenAI moderation) flagged the text.</summary>
    public const string ModerationFlagged = "moderation.flagged";

    /// <summary>Prefix of the issues an LLM judge raises: judge.accuracy, judge.personalised_advice, ...</summary>
    public const string JudgePrefix = "judge.";

    /// <summary>A check could not finish (regex timeout on hostile input, or an extra check threw).</summary>
    public const string CheckFailed = "check.failed";
}
