namespace BmoLearning.Safety.Pii;

/// <summary>One piece of personal data: its kind, where it is in the text, and how sure the detector is (0–1).</summary>
/// <remarks>The value itself is deliberately not carried, so findings can be logged.</remarks>
public readonly record struct PiiFinding(PiiType Type, int Start, int Length, double Confidence)
{
    public int End => Start + Length;

    internal bool Overlaps(PiiFinding other) => Start < other.End && other.Start < End;
}
