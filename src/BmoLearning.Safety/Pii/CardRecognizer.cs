namespace BmoLearning.Safety.Pii;

/// <summary>Payment cards written in groups; unseparated card numbers are in <see cref="DigitRunRecognizer"/>.</summary>
internal static class CardRecognizer
{
    public static void Find(string text, List<PiiFinding> into)
    {
        Span<char> digits = stackalloc char[19];
        foreach (var m in PiiPatterns.CardFourGroups().EnumerateMatches(text))
        {
            var n = Checksums.CopyDigits(text.AsSpan(m.Index, m.Length), digits);
            if (IsCard(digits[..n]))
            {
                into.Add(new PiiFinding(PiiType.Card, m.Index, m.Length, 0.95));
            }
            else if (n == 19 && IsCard(digits[..16]))
            {
                // "4111 1111 1111 1111 123": the last group was something else (a CVV, a quantity).
                into.Add(new PiiFinding(PiiType.Card, m.Index, m.Length - 4, 0.9));
            }
        }

        foreach (var m in PiiPatterns.CardFourSixFive().EnumerateMatches(text))
        {
            var n = Checksums.CopyDigits(text.AsSpan(m.Index, m.Length), digits);
            if (IsCard(digits[..n]))
            {
                into.Add(new PiiFinding(PiiType.Card, m.Index, m.Length, 0.95));
            }
        }
    }

    public static bool IsCard(ReadOnlySpan<char> digits) =>
        digits.Length is >= 13 and <= 19 && KnownIssuer(digits) && Checksums.Luhn(digits);

    /// <summary>Issuer prefixes (IIN ranges) and the lengths each network issues.</summary>
    private static bool KnownIssuer(ReadOnlySpan<char> d)
    {
        var len = d.Length;
        var p2 = ((d[0] - '0') * 10) + (d[1] - '0');
        var p3 = (p2 * 10) + (d[2] - '0');
        var p4 = (p3 * 10) + (d[3] - '0');
        return d[0] switch
        {
            '4' => len is 13 or 16 or 19,                                    // Visa
            '2' => p4 is >= 2221 and <= 2720 && len == 16,                   // Mastercard 2-series
            '5' when p2 is >= 51 and <= 55 => len == 16,                     // Mastercard
            '5' => p2 is 50 or (>= 56 and <= 58) && len >= 13,               // Maestro
            '3' when p2 is 34 or 37 => len == 15,                            // Amex
            '3' when p4 is >= 3528 and <= 3589 => len >= 16,                 // JCB
            '3' => (p2 is 36 or 38 or 39 || p3 is >= 300 and <= 305) && len >= 14, // Diners
            '6' => len >= 13,                                                // Discover, UnionPay, Maestro
            _ => false,
        };
    }
}
