namespace BmoLearning.Safety.Pii;

/// <summary>What the nearest preceding label word says a number is.</summary>
internal enum ContextLabel
{
    None,
    Account,
    Ssn,
    Sin,
    Phone,
    Card,

    /// <summary>Order, invoice, tracking, balance…: the number is an identifier or an amount, not PII.</summary>
    Identifier,
}

/// <summary>
/// Reads the few words before a number to find its label ("acct #", "SSN:", "order no.").
/// The nearest label wins, so "order for account 1234567" is an account and "account, order 1234567" is not.
/// </summary>
internal static class ContextLabels
{
    private const int MaxWords = 6;
    private const int MaxChars = 60;

    public static ContextLabel NearestBefore(string text, int index)
    {
        var limit = Math.Max(0, index - MaxChars);
        var words = 0;
        var pending = ContextLabel.None; // "security"/"insurance" wait for "social" before them
        var i = index - 1;
        while (i >= limit && words < MaxWords)
        {
            if (!char.IsAsciiLetter(text[i]))
            {
                i--;
                continue;
            }

            var end = i + 1;
            while (i >= 0 && char.IsAsciiLetter(text[i]))
            {
                i--;
            }

            var word = text.AsSpan(i + 1, end - i - 1);
            words++;
            if (pending != ContextLabel.None)
            {
                if (Is(word, "social"))
                {
                    return pending;
                }

                pending = ContextLabel.None;
            }

            if (Is(word, "security"))
            {
                pending = ContextLabel.Ssn;
                continue;
            }

            if (Is(word, "insurance"))
            {
                pending = ContextLabel.Sin;
                continue;
            }

            var label = Classify(word);
            if (label != ContextLabel.None)
            {
                return label;
            }
        }

        return ContextLabel.None;
    }

    private static ContextLabel Classify(ReadOnlySpan<char> word)
    {
        if (word.Length is < 2 or > 14)
        {
            return ContextLabel.None;
        }

        Span<char> lower = stackalloc char[word.Length];
        word.ToLowerInvariant(lower);
        return lower switch
        {
            "account" or "accounts" or "acct" or "acc" or "routing" or "transit" or "institution" or "aba"
                or "chequing" or "checking" or "savings" => ContextLabel.Account,
            "ssn" or "ssns" => ContextLabel.Ssn,
            "sin" or "nas" => ContextLabel.Sin,
            "phone" or "telephone" or "tel" or "call" or "mobile" or "cell" or "cellphone" or "fax" or "text"
                or "sms" or "whatsapp" or "dial" or "reach" => ContextLabel.Phone,
            "card" or "visa" or "mastercard" or "amex" or "debit" or "pan" => ContextLabel.Card,
            "order" or "orders" or "invoice" or "inv" or "ref" or "reference" or "tracking" or "confirmation"
                or "conf" or "case" or "ticket" or "transaction" or "txn" or "receipt" or "claim" or "po"
                or "serial" or "model" or "isbn" or "sku" or "part" or "item" or "policy" or "balance"
                or "limit" or "amount" or "total" or "fee" or "version" or "build" or "page" or "room"
                or "unit" or "zip" or "postal" or "ext" or "extension" or "quote" or "booking"
                or "reservation" or "flight" or "employee" or "member" or "shipment" or "parcel"
                or "package" or "batch" or "lot" or "request" or "record" => ContextLabel.Identifier,
            _ => ContextLabel.None,
        };
    }

    private static bool Is(ReadOnlySpan<char> word, string expected) =>
        word.Equals(expected, StringComparison.OrdinalIgnoreCase);
}
