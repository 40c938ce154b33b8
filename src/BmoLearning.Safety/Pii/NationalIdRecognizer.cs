namespace BmoLearning.Safety.Pii;

/// <summary>US SSNs (3-2-4) and Canadian SINs (3-3-3) written with separators; bare nine-digit forms are in <see cref="DigitRunRecognizer"/>.</summary>
internal static class NationalIdRecognizer
{
    public static void Find(string text, List<PiiFinding> into)
    {
        Span<char> digits = stackalloc char[9];
        foreach (var m in PiiPatterns.SsnFormatted().EnumerateMatches(text))
        {
            if (Checksums.CopyDigits(text.AsSpan(m.Index, m.Length), digits) == 9
                && Checksums.SsnValid(digits)
                && ContextLabels.NearestBefore(text, m.Index) is ContextLabel.None or ContextLabel.Ssn)
            {
                into.Add(new PiiFinding(PiiType.Ssn, m.Index, m.Length, 0.9));
            }
        }

        foreach (var m in PiiPatterns.SinFormatted().EnumerateMatches(text))
        {
            if (Checksums.CopyDigits(text.AsSpan(m.Index, m.Length), digits) != 9 || !Checksums.SinValid(digits))
            {
                continue;
            }

            var label = ContextLabels.NearestBefore(text, m.Index);
            if (label is ContextLabel.None or ContextLabel.Sin)
            {
                into.Add(new PiiFinding(PiiType.Sin, m.Index, m.Length, label == ContextLabel.Sin ? 0.95 : 0.8));
            }
        }
    }
}
