namespace BmoLearning.Learning.Fsrs;

// JavaScript's rounding, so that results match ts-fsrs digit for digit: Math.round rounds halves up
// (C#'s Math.Round rounds them to even), and ts-fsrs rounds every state to 8 decimals.
internal static class FsrsMath
{
    public static double JsRound(double value) => Math.Floor(value + 0.5);

    public static double RoundTo(double value, int decimals)
    {
        var factor = Math.Pow(10, decimals);
        return JsRound(value * factor) / factor;
    }

    public static double Clamp(double value, double min, double max) => Math.Min(Math.Max(value, min), max);
}
