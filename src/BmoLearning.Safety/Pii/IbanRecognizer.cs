namespace BmoLearning.Safety.Pii;

internal static class IbanRecognizer
{
    public static void Find(string text, List<PiiFinding> into)
    {
        Span<char> compact = stackalloc char[34];
        foreach (var m in PiiPatterns.Iban().EnumerateMatches(text))
        {
            var value = text.AsSpan(m.Index, m.Length);
            var expected = CountryLength(value[..2]);
            if (expected == 0)
            {
                continue;
            }

            // The pattern may run on into following capitals ("… 7654 32 AND"); cut at the country's length.
            var taken = 0;
            var end = 0;
            while (end < value.Length && taken < expected)
            {
                if (value[end] != ' ')
                {
                    compact[taken++] = value[end];
                }

                end++;
            }

            var nextIsBoundary = end == value.Length || value[end] == ' ';
            if (taken == expected && nextIsBoundary && Checksums.IbanMod97(compact[..taken]))
            {
                into.Add(new PiiFinding(PiiType.Iban, m.Index, end, 0.98));
            }
        }
    }

    /// <summary>IBAN length per ISO 3166 country code; 0 for countries that do not use IBANs.</summary>
    private static int CountryLength(ReadOnlySpan<char> country) => country switch
    {
        "NO" => 15,
        "BE" => 16,
        "DK" or "FI" or "FO" or "GL" or "NL" => 18,
        "MK" or "SI" => 19,
        "AT" or "BA" or "EE" or "KZ" or "LT" or "LU" or "XK" => 20,
        "CH" or "HR" or "LI" or "LV" => 21,
        "BG" or "BH" or "CR" or "DE" or "GB" or "GE" or "IE" or "ME" or "RS" => 22,
        "AE" or "GI" or "IL" => 23,
        "AD" or "CZ" or "ES" or "MD" or "PK" or "RO" or "SA" or "SE" or "SK" or "TN" or "VG" => 24,
        "PT" => 25,
        "IS" or "TR" => 26,
        "FR" or "GR" or "IT" or "MC" or "MR" or "SM" => 27,
        "AL" or "AZ" or "CY" or "DO" or "GT" or "HU" or "LB" or "PL" => 28,
        "BR" or "EG" or "PS" or "QA" or "UA" => 29,
        "JO" or "KW" or "MU" => 30,
        "MT" => 31,
        _ => 0,
    };
}
