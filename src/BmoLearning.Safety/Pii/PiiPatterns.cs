using System.Text.RegularExpressions;

namespace BmoLearning.Safety.Pii;

/// <summary>
/// Candidate shapes. Regexes only find shapes; checksums and context labels decide.
/// Every pattern starts with a look-behind guard so a scan never restarts inside a run of the same
/// characters (keeps matching linear on hostile input), and every one has a timeout.
/// </summary>
internal static partial class PiiPatterns
{
    public const int TimeoutMs = 1000;

    // A number must not continue a word, a decimal, an amount, a date, a path or another number…
    private const string NumberStart = @"(?<![\w.,/$€£+-])";

    // …nor run on into one (a decimal part, a time, a date part, a percentage).
    private const string NumberEnd = @"(?![\w]|[.,/:-]?[0-9]|\s?%)";

    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    [GeneratedRegex(
        @"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![\w-])",
        Options, TimeoutMs)]
    public static partial Regex Email();

    // (416) 555-0199, 416-555-0199, 416.555.0199, 416 555 0199, +1 416 555 0199, 1-800-555-0111.
    [GeneratedRegex(
        @"(?<![\w+$.,/-])(?:\+?1[ .-]?)?(?:\([0-9]{3}\)[ .-]?|[0-9]{3}[ .-])[0-9]{3}[ .-][0-9]{4}" + NumberEnd,
        Options, TimeoutMs)]
    public static partial Regex NorthAmericanPhone();

    // E.164 (+442079460958) or grouped international (+44 20 7946 0958, +44 (0)20 7946 0958).
    // Separators are required between groups so the groups cannot be re-split while backtracking.
    [GeneratedRegex(
        @"(?<![\w+])\+[1-9](?:[0-9]{7,14}|[0-9]{0,3}(?:[ .-]?\([0-9]{1,4}\))?(?:[ .-][0-9]{1,5}){1,7})" + NumberEnd,
        Options, TimeoutMs)]
    public static partial Regex InternationalPhone();

    // 123-45-6789 or 123 45 6789, one separator used throughout.
    [GeneratedRegex(NumberStart + @"[0-9]{3}(?<s>[- ])[0-9]{2}\k<s>[0-9]{4}" + NumberEnd, RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex SsnFormatted();

    // 130-692-544 or 130 692 544.
    [GeneratedRegex(NumberStart + @"[0-9]{3}(?<s>[- ])[0-9]{3}\k<s>[0-9]{3}" + NumberEnd, RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex SinFormatted();

    // A run of digit groups joined by single spaces, dashes or dots: "4111 1111 1111 1111", "3782-822463-10005",
    // "4749510693330595". Not inside a word or a decimal; atomic so a hostile run is read once. Card windows are
    // picked out of the run by CardRecognizer.
    [GeneratedRegex(@"(?<![\w.,]|[0-9][ .-])(?>[0-9]+(?:[ .-][0-9]+)*)", Options, TimeoutMs)]
    public static partial Regex DigitGroupRun();

    // Unseparated digits: SSN/SIN/phone/account numbers when a label says so (cards are in DigitGroupRun).
    [GeneratedRegex(NumberStart + @"[0-9]{5,19}" + NumberEnd, Options, TimeoutMs)]
    public static partial Regex BareDigits();

    // Account numbers written in parts: 00012-003-1234567, 1234 5678 90.
    [GeneratedRegex(NumberStart + @"[0-9]{2,7}(?:[- ][0-9]{2,12}){1,3}" + NumberEnd, Options, TimeoutMs)]
    public static partial Regex GroupedDigits();

    // Country code, check digits, 11–30 more characters, optionally in groups of four.
    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?:[ ]?[A-Z0-9]){11,30}(?![a-z0-9])", Options, TimeoutMs)]
    public static partial Regex Iban();
}
