namespace BmoLearning.Safety.Pii;

/// <summary>
/// US SSNs (3-2-4) and Canadian SINs (3-3-3) written with separators; bare nine-digit forms are in <see cref="DigitRunRecognizer"/>.
/// The format is telling enough that only a label naming the number itself ("Ticket 123-456-782") or naming
/// other personal data vetoes it; an identifier word further back ("Update the record with …") only lowers confidence.
/// </summary>
internal static class NationalIdRecognizer
{
    public static void Find(string text, List<PiiFinding> into)
    {
        Span<char> digits = stackalloc char[9];
        foreach (var m in PiiPatterns.SsnFormatted().EnumerateMatches(text))
        {
            if (Checksums.CopyDigits(text.AsSpan(m.Index, m.Length), digits) != 9 || !Checksums.SsnValid(digits))
            {
                continue;
            }

            var label = ContextLabels.NearestBefore(text, m.Index, out var direct);
            var confidence = label switch
            {
                ContextLabel.Ssn => 0.95,
                ContextLabel.None => 0.9,
                ContextLabel.Identifier when !direct => 0.7,
                _ => 0,
            };
            if (confidence > 0)
            {
                into.Add(new PiiFinding(PiiType.Ssn, m.Index, m.Length, confidence));
            }
        }

        foreach (var m in PiiPatterns.SinFormatted().EnumerateMatches(text))
        {
            if (Checksums.CopyDigits(text.AsSpan(m.Index, m.Length), digits) != 9)
            {
                continue;
            }

            var label = ContextLabels.NearestBefore(text, m.Index, out var direct);
            var confidence = label switch
            {
                ContextLabel.Sin when Checksums.LabelledSinValid(digits) => 0.95,
                ContextLabel.None when Checksums.SinValid(digits) => 0.8,
                ContextLabel.Identifier when !direct && Checksums.SinValid(digits) => 0.7,
                _ => 0,
            };
            if (confidence > 0)
            {
                into.Add(new PiiFinding(PiiType.Sin, m.Index, m.Length, confidence));
            }
        }
    }
}
