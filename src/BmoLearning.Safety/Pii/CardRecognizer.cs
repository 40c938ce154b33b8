namespace BmoLearning.Safety.Pii;

/// <summary>
/// Payment card numbers (PANs), written bare or in groups with any mix of spaces, dashes or dots.
/// A Luhn-valid number of 13–19 digits with a known issuer prefix is always a card, whatever words
/// surround it: PCI DSS treats every stored PAN as cardholder data, so no context label can veto it.
/// </summary>
internal static class CardRecognizer
{
    private const int MinDigits = 13;
    private const int MaxDigits = 19;

    public static void Find(string text, List<PiiFinding> into)
    {
        Span<char> digits = stackalloc char[MaxDigits];
        var groups = new List<(int Start, int End)>();
        foreach (var m in PiiPatterns.DigitGroupRun().EnumerateMatches(text))
        {
            SplitGroups(text, m.Index, m.Length, groups);
            FindInRun(text, groups, digits, into);
        }
    }

    public static bool IsCard(ReadOnlySpan<char> digits) =>
        digits.Length is >= MinDigits and <= MaxDigits && KnownIssuer(digits) && Checksums.Luhn(digits);

    /// <summary>
    /// A run may hold more than a card ("Tel 1 4111 1111 1111 1111", "4111 1111 1111 1111 123", two cards
    /// one space apart): try every window of whole groups, leftmost first and longest first from each start.
    /// </summary>
    private static void FindInRun(string text, List<(int Start, int End)> groups, Span<char> digits, List<PiiFinding> into)
    {
        var i = 0;
        while (i < groups.Count)
        {
            var found = -1;
            var count = 0;
            for (var j = i; j < groups.Count; j++)
            {
                var (start, end) = groups[j];
                if (count + (end - start) > MaxDigits)
                {
                    break;
                }

                text.AsSpan(start, end - start).CopyTo(digits[count..]);
                count += end - start;
                if (count >= MinDigits && IsCard(digits[..count]) && !GluedToLetter(text, end))
                {
                    found = j;
                }
            }

            if (found < 0)
            {
                i++;
                continue;
            }

            var first = groups[i].Start;
            into.Add(new PiiFinding(PiiType.Card, first, groups[found].End - first, 0.95));
            i = found + 1;
        }
    }

    private static void SplitGroups(string text, int index, int length, List<(int Start, int End)> groups)
    {
        groups.Clear();
        var end = index + length;
        var start = index;
        for (var k = index; k <= end; k++)
        {
            if (k == end || !char.IsAsciiDigit(text[k]))
            {
                groups.Add((start, k));
                start = k + 1;
            }
        }
    }

    // "4111111111111111RT0001" is a registration code, not a card.
    private static bool GluedToLetter(string text, int end) => end < text.Length && char.IsLetter(text[end]);

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
