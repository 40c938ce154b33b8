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
/// Reads the few words before a number to find its label ("acct #", "SSN:", "order no.", "NAS :", "numéro de compte").
/// The nearest label wins, so "order for account 1234567" is an account and "account, order 1234567" is not.
/// A label is <em>direct</em> when nothing but connecting words ("no.", "number", "is", "de") stands between it
/// and the number: "Ticket 123-456-782" names the number, "Update the record with 123-45-6789" does not.
/// </summary>
internal static class ContextLabels
{
    private const int MaxWords = 6;
    private const int MaxChars = 60;

    public static ContextLabel NearestBefore(string text, int index) => NearestBefore(text, index, out _);

    public static ContextLabel NearestBefore(string text, int index, out bool direct)
    {
        var limit = Math.Max(0, index - MaxChars);
        var words = 0;
        direct = true;
        var pending = ContextLabel.None; // "security"/"insurance" wait for "social" before them
        var pendingSociale = false;      // French "sociale" waits for "assurance" (SIN) or "sécurité" (SSN)
        var i = index - 1;
        while (i >= limit && words < MaxWords)
        {
            if (!char.IsLetter(text[i]))
            {
                i--;
                continue;
            }

            var end = i + 1;
            while (i >= 0 && char.IsLetter(text[i]))
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

            if (pendingSociale)
            {
                if (Is(word, "assurance"))
                {
                    return ContextLabel.Sin;
                }

                if (Is(word, "sécurité") || Is(word, "securite"))
                {
                    return ContextLabel.Ssn;
                }

                pendingSociale = false;
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

            if (Is(word, "sociale"))
            {
                pendingSociale = true;
                continue;
            }

            var label = Classify(word);
            if (label != ContextLabel.None)
            {
                return label;
            }

            if (!IsConnector(word))
            {
                direct = false;
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
                or "chequing" or "checking" or "savings" or "compte" or "comptes" => ContextLabel.Account,
            "ssn" or "ssns" => ContextLabel.Ssn,
            "sin" or "nas" => ContextLabel.Sin,
            "phone" or "telephone" or "tel" or "call" or "mobile" or "cell" or "cellphone" or "fax" or "text"
                or "sms" or "whatsapp" or "dial" or "reach" or "téléphone" or "tél" or "cellulaire" or "portable"
                or "télécopieur" or "appelez" or "appeler" or "joindre" or "texto" => ContextLabel.Phone,
            "card" or "visa" or "mastercard" or "amex" or "debit" or "pan" or "carte" => ContextLabel.Card,
            "order" or "orders" or "invoice" or "inv" or "ref" or "reference" or "tracking" or "confirmation"
                or "conf" or "case" or "ticket" or "transaction" or "txn" or "receipt" or "claim" or "po"
                or "serial" or "model" or "isbn" or "sku" or "part" or "item" or "policy" or "balance"
                or "limit" or "amount" or "total" or "fee" or "version" or "build" or "page" or "room"
                or "unit" or "zip" or "postal" or "ext" or "extension" or "quote" or "booking"
                or "reservation" or "flight" or "employee" or "member" or "shipment" or "parcel"
                or "package" or "batch" or "lot" or "request" or "record"
                or "commande" or "facture" or "référence" or "réf" or "suivi" or "dossier" or "billet"
                or "reçu" or "réclamation" or "montant" or "solde" or "frais" or "limite" or "police"
                or "colis" or "envoi" or "réservation" or "vol" or "modèle" or "série" or "article"
                or "poste" or "bureau" => ContextLabel.Identifier,
            _ => ContextLabel.None,
        };
    }

    /// <summary>Words that join a label to its number without changing what it names.</summary>
    private static bool IsConnector(ReadOnlySpan<char> word)
    {
        Span<char> lower = stackalloc char[Math.Min(word.Length, 16)];
        if (word.Length > 16)
        {
            return false;
        }

        word.ToLowerInvariant(lower);
        return lower switch
        {
            "no" or "nr" or "num" or "number" or "numbers" or "id" or "is" or "was" or "code" or "n" or "o"
                or "numéro" or "de" or "du" or "est" or "à" => true,
            _ => false,
        };
    }

    private static bool Is(ReadOnlySpan<char> word, string expected) =>
        word.Equals(expected, StringComparison.OrdinalIgnoreCase);
}
