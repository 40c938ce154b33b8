namespace BmoLearning.Safety.Pii;

/// <summary>Finds personal data (email, phone, SSN, SIN, card, IBAN, bank account) in free text.</summary>
/// <remarks>Stateless and thread-safe. Throws <see cref="System.Text.RegularExpressions.RegexMatchTimeoutException"/> only on pathological input.</remarks>
public sealed class PiiDetector
{
    /// <summary>Findings ordered by position, never overlapping.</summary>
    public IReadOnlyList<PiiFinding> Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return [];
        }

        var found = new List<PiiFinding>();
        EmailRecognizer.Find(text, found);
        IbanRecognizer.Find(text, found);

        // Everything else is numeric: skip the scans entirely for text without a run of five digits.
        if (HasDigitRun(text))
        {
            CardRecognizer.Find(text, found);
            PhoneRecognizer.Find(text, found);
            NationalIdRecognizer.Find(text, found);
            DigitRunRecognizer.Find(text, found);
        }

        return Resolve(found);
    }

    public bool ContainsPii(string text) => Detect(text).Count > 0;

    /// <summary>Where candidates overlap, the longer one wins, then the more confident one.</summary>
    private static List<PiiFinding> Resolve(List<PiiFinding> found)
    {
        if (found.Count <= 1)
        {
            return found;
        }

        found.Sort(static (a, b) => a.Length != b.Length ? b.Length.CompareTo(a.Length) : b.Confidence.CompareTo(a.Confidence));
        var kept = new List<PiiFinding>(found.Count);
        foreach (var candidate in found)
        {
            var overlaps = false;
            foreach (var k in kept)
            {
                if (k.Overlaps(candidate))
                {
                    overlaps = true;
                    break;
                }
            }

            if (!overlaps)
            {
                kept.Add(candidate);
            }
        }

        kept.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        return kept;
    }

    private static bool HasDigitRun(string text)
    {
        var digits = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                if (++digits >= 5)
                {
                    return true;
                }
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')' or '+'))
            {
                digits = 0;
            }
        }

        return false;
    }
}
