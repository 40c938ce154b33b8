namespace BmoLearning.Safety.Rules;

/// <summary>All-caps shouting: a run of capitalised words that are not known acronyms, or a mostly upper-case text.</summary>
internal static class Shouting
{
    private const int MinRunWords = 4;
    private const int MinRunLetters = 14;

    public static bool Detect(string text)
    {
        if (text.Contains("!!!", StringComparison.Ordinal))
        {
            return true;
        }

        int runWords = 0, runLetters = 0, upper = 0, letters = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetter(text[i]))
            {
                // A sentence end breaks a run; spaces and commas do not.
                if (text[i] is '.' or '\n' or '?' or ':' or ';')
                {
                    runWords = runLetters = 0;
                }

                i++;
                continue;
            }

            var start = i;
            var allUpper = true;
            while (i < text.Length && (char.IsLetter(text[i]) || text[i] == '\''))
            {
                if (char.IsLetter(text[i]))
                {
                    letters++;
                    if (char.IsUpper(text[i]))
                    {
                        upper++;
                    }
                    else
                    {
                        allUpper = false;
                    }
                }

                i++;
            }

            var word = text.AsSpan(start, i - start);
            if (allUpper && word.Length >= 2 && !IsAcronym(word))
            {
                runWords++;
                runLetters += word.Length;
                if (runWords >= MinRunWords && runLetters >= MinRunLetters)
                {
                    return true;
                }
            }
            else if (!(allUpper && word.Length == 1))
            {
                runWords = runLetters = 0;
            }
        }

        return letters >= 40 && upper >= letters * 0.7;
    }

    private static bool IsAcronym(ReadOnlySpan<char> word) => word switch
    {
        "APR" or "APY" or "ATM" or "BMO" or "CVV" or "CVC" or "GIC" or "GICS" or "RRSP" or "TFSA" or "RESP" or "RRIF"
            or "FHSA" or "HELOC" or "CDIC" or "KYC" or "AML" or "FINTRAC" or "OSFI" or "FCAC" or "ECOA" or "SIN"
            or "SSN" or "PIN" or "IBAN" or "SWIFT" or "ETF" or "ETFS" or "USD" or "CAD" or "FAQ" or "NSF" or "EFT"
            or "ACH" or "PDF" or "ID" or "OK" or "US" or "UK" or "EU" or "IRS" or "CRA" or "HST" or "GST" or "PST"
            or "CEO" or "CFO" or "AI" or "IT" or "HR" or "LOC" or "POS" or "QR" or "SMS" or "TD" or "RBC" or "CIBC"
            or "FICO" or "CMHC" or "GDS" or "TDS" or "LTV" or "DTI" => true,
        _ => false,
    };
}
