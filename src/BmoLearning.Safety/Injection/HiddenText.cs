using System.Buffers;
using System.Text;

namespace BmoLearning.Safety.Injection;

/// <summary>What a scan for invisible characters found, and the text with them removed.</summary>
internal readonly record struct HiddenTextScan(
    string Visible,
    int InvisibleCount,
    int LongestInvisibleRun,
    int BidiControlCount,
    string? TagText);

/// <summary>
/// Undoes the usual ways of hiding text from a human reader: zero-width characters splitting words,
/// Unicode tag characters (invisible ASCII), bidi overrides, and full-width letters.
/// </summary>
internal static class HiddenText
{
    private const char TagHighSurrogate = '\uDB40';

    private static readonly SearchValues<char> Suspicious = SearchValues.Create(BuildSuspicious());

    public static HiddenTextScan Scan(string text)
    {
        // Fast path: ordinary text allocates nothing.
        if (text.AsSpan().IndexOfAny(Suspicious) < 0)
        {
            return new HiddenTextScan(text, 0, 0, 0, null);
        }

        var visible = new StringBuilder(text.Length);
        StringBuilder? tags = null;
        int invisible = 0, run = 0, longestRun = 0, bidi = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == TagHighSurrogate && i + 1 < text.Length && text[i + 1] is >= '\uDC00' and <= '\uDC7F')
            {
                // U+E0000–U+E007F: each tag character mirrors an ASCII one.
                var ascii = (char)(text[i + 1] - 0xDC00);
                if (ascii is >= ' ' and <= '~')
                {
                    (tags ??= new StringBuilder()).Append(ascii);
                }

                i++;
                longestRun = Math.Max(longestRun, ++run);
                invisible++;
                continue;
            }

            if (IsInvisible(c))
            {
                if (!(i == 0 && c == '\uFEFF'))
                {
                    invisible++;
                    longestRun = Math.Max(longestRun, ++run);
                }

                continue;
            }

            if (IsBidiControl(c))
            {
                bidi++;
                continue;
            }

            run = 0;
            visible.Append(c switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                '\u3000' => ' ',
                _ => c,
            });
        }

        return new HiddenTextScan(visible.ToString(), invisible, longestRun, bidi, tags?.ToString());
    }

    private static bool IsInvisible(char c) =>
        c is (>= '\u200B' and <= '\u200F') or (>= '\u2060' and <= '\u2064') or '\uFEFF' or '\u00AD' or '\u180E';

    private static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    private static string BuildSuspicious()
    {
        var sb = new StringBuilder("\u200B\u200C\u200D\u200E\u200F\u2060\u2061\u2062\u2063\u2064\uFEFF\u00AD\u180E");
        sb.Append("\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u3000").Append(TagHighSurrogate);
        for (var c = '\uFF01'; c <= '\uFF5E'; c++)
        {
            sb.Append(c);
        }

        return sb.ToString();
    }
}
