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

            // "(416)" and "+1" are unmistakably phone notation; a bare 416-555-0199 yields only to a label that
            // names it as something else ("Model 416-555-0199"), not to one further back ("the record with …").
            var strong = value.Contains('(') || value[0] == '+';
            var direct = false;
            var label = strong ? ContextLabel.None : ContextLabels.NearestBefore(text, m.Index, out direct);
            if (label is ContextLabel.Identifier or ContextLabel.Account && direct)
            {
                continue;
            }

            var confidence = strong || label == ContextLabel.Phone ? 0.95 : label == ContextLabel.None ? 0.9 : 0.7;
            into.Add(new PiiFinding(PiiType.Phone, m.Index, m.Length, confidence));
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
