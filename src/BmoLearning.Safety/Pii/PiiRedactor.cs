using System.Text;

namespace BmoLearning.Safety.Pii;

/// <summary>Replaces personal data with typed tokens such as <c>[REDACTED_CARD]</c>.</summary>
public sealed class PiiRedactor(PiiDetector detector)
{
    public PiiRedactor()
        : this(new PiiDetector())
    {
    }

    /// <summary>Detects and redacts in one step.</summary>
    public string Redact(string text) => Redact(text, detector.Detect(text));

    /// <summary>Redacts the given findings, which must be ordered and non-overlapping as <see cref="PiiDetector.Detect"/> returns them.</summary>
    public static string Redact(string text, IReadOnlyList<PiiFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(findings);
        if (findings.Count == 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + (findings.Count * 8));
        var position = 0;
        foreach (var f in findings)
        {
            if (f.Start < position || f.End > text.Length)
            {
                throw new ArgumentException("Findings must be ordered, non-overlapping and inside the text.", nameof(findings));
            }

            sb.Append(text, position, f.Start - position).Append(PiiTypeInfo.RedactionToken(f.Type));
            position = f.End;
        }

        return sb.Append(text, position, text.Length - position).ToString();
    }
}
