namespace BmoLearning.Safety.Pii;

internal static class PhoneRecognizer
{
    public static void Find(string text, List<PiiFinding> into)
    {
        Span<char> digits = stackalloc char[24];
        foreach (var m in PiiPatterns.NorthAmericanPhone().EnumerateMatches(text))
        {
            var value = text.AsSpan(m.Index, m.Length);
            var n = Checksums.CopyDigits(value, digits);
            if (n == 11 && digits[0] != '1')
            {
                continue;
            }

            if (n is not (10 or 11) || !Checksums.NanpValid(digits[(n - 10)..n]))
            {
                continue;
            }

            // "(416)" and "+1" are unmistakably phone notation; a bare 416-555-0199 yields to an order-number label.
            var strong = value.Contains('(') || value[0] == '+';
            if (!strong && ContextLabels.NearestBefore(text, m.Index) is ContextLabel.Identifier or ContextLabel.Account)
            {
                continue;
            }

            into.Add(new PiiFinding(PiiType.Phone, m.Index, m.Length, strong ? 0.95 : 0.9));
        }

        if (!text.Contains('+', StringComparison.Ordinal))
        {
            return;
        }

        foreach (var m in PiiPatterns.InternationalPhone().EnumerateMatches(text))
        {
            var length = m.Length;
            var n = Checksums.CopyDigits(text.AsSpan(m.Index, length), digits);

            // Greedy grouping may have swallowed a following number ("+44 20 7946 0958 2019"): drop trailing groups.
            while (n is < 0 or > 15)
            {
                var lastSeparator = text.AsSpan(m.Index, length).LastIndexOfAny(" .-");
                if (lastSeparator <= 2)
                {
                    break;
                }

                length = lastSeparator;
                n = Checksums.CopyDigits(text.AsSpan(m.Index, length), digits);
            }

            if (n is < 8 or > 15)
            {
                continue;
            }

            if (digits[0] == '1' && (n != 11 || !Checksums.NanpValid(digits[1..11])))
            {
                continue;
            }

            into.Add(new PiiFinding(PiiType.Phone, m.Index, length, 0.9));
        }
    }
}
