namespace BmoLearning.Safety.Pii;

/// <summary>
/// Numbers without a telling format: a bare SSN, SIN, phone or account number needs a label word before it,
/// because a bare nine- or ten-digit number is far more often an order or reference number. Cards need no
/// label and are found by <see cref="CardRecognizer"/>.
/// </summary>
internal static class DigitRunRecognizer
{
    public static void Find(string text, List<PiiFinding> into)
    {
        Span<char> digits = stackalloc char[19];
        foreach (var m in PiiPatterns.BareDigits().EnumerateMatches(text))
        {
            var d = text.AsSpan(m.Index, m.Length);
            var label = ContextLabels.NearestBefore(text, m.Index);
            if (label == ContextLabel.Identifier)
            {
                continue;
            }

            var type = Classify(d, label, out var confidence);
            if (type is { } t)
            {
                into.Add(new PiiFinding(t, m.Index, m.Length, confidence));
            }
        }

        foreach (var m in PiiPatterns.GroupedDigits().EnumerateMatches(text))
        {
            var n = Checksums.CopyDigits(text.AsSpan(m.Index, m.Length), digits);
            if (n is >= 5 and <= 17
                && !Checksums.LooksLikeDate(digits[..n])
                && ContextLabels.NearestBefore(text, m.Index) == ContextLabel.Account)
            {
                into.Add(new PiiFinding(PiiType.BankAccount, m.Index, m.Length, 0.8));
            }
        }
    }

    private static PiiType? Classify(ReadOnlySpan<char> d, ContextLabel label, out double confidence)
    {
        confidence = 0.9;
        if (CardRecognizer.IsCard(d))
        {
            return null;
        }

        switch (label)
        {
            case ContextLabel.Ssn when d.Length == 9 && Checksums.SsnValid(d):
                return PiiType.Ssn;
            case ContextLabel.Sin when Checksums.LabelledSinValid(d):
                return PiiType.Sin;
            case ContextLabel.Phone when (d.Length == 10 && Checksums.NanpValid(d))
                                         || (d.Length == 11 && d[0] == '1' && Checksums.NanpValid(d[1..])):
                confidence = 0.8;
                return PiiType.Phone;
            case ContextLabel.Account when d.Length <= 17 && !Checksums.LooksLikeDate(d):
                confidence = d.Length == 9 && Checksums.AbaRouting(d) ? 0.9 : 0.8;
                return PiiType.BankAccount;
            default:
                return null;
        }
    }
}
