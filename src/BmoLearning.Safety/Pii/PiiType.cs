namespace BmoLearning.Safety.Pii;

/// <summary>Kinds of personal data the detector recognises.</summary>
public enum PiiType
{
    Email,
    Phone,
    Ssn,
    Sin,
    Card,
    Iban,
    BankAccount,
}
