namespace BmoLearning.Safety.Pii;

/// <summary>Redaction tokens and issue codes per PII type.</summary>
public static class PiiTypeInfo
{
    public static string RedactionToken(PiiType type) => type switch
    {
        PiiType.Email => "[REDACTED_EMAIL]",
        PiiType.Phone => "[REDACTED_PHONE]",
        PiiType.Ssn => "[REDACTED_SSN]",
        PiiType.Sin => "[REDACTED_SIN]",
        PiiType.Card => "[REDACTED_CARD]",
        PiiType.Iban => "[REDACTED_IBAN]",
        PiiType.BankAccount => "[REDACTED_ACCOUNT]",
        _ => "[REDACTED]",
    };

    public static string IssueCode(PiiType type) => type switch
    {
        PiiType.Email => SafetyIssueCodes.PiiEmail,
        PiiType.Phone => SafetyIssueCodes.PiiPhone,
        PiiType.Ssn => SafetyIssueCodes.PiiSsn,
        PiiType.Sin => SafetyIssueCodes.PiiSin,
        PiiType.Card => SafetyIssueCodes.PiiCard,
        PiiType.Iban => SafetyIssueCodes.PiiIban,
        PiiType.BankAccount => SafetyIssueCodes.PiiAccount,
        _ => "pii",
    };

    internal static string Describe(PiiType type) => type switch
    {
        PiiType.Email => "email address",
        PiiType.Phone => "phone number",
        PiiType.Ssn => "US Social Security number",
        PiiType.Sin => "Canadian Social Insurance Number",
        PiiType.Card => "payment card number",
        PiiType.Iban => "IBAN",
        PiiType.BankAccount => "bank account number",
        _ => "personal data",
    };
}
