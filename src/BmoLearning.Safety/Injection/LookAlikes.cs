using System.Globalization;
using System.Text;

namespace BmoLearning.Safety.Injection;

/// <summary>
/// The text the screening patterns read: compatibility forms folded (NFKD: fullwidth letters, ligatures,
/// superscripts), accents and other combining marks removed (so "écartez" reads as "ecartez"), invisible
/// format characters removed (zero-width, bidi controls, soft hyphens, tag characters), and Cyrillic, Greek
/// and other letters that look like Latin ones replaced by those ("Dіsregard" with a Cyrillic "і" reads as
/// "Disregard"). Only for matching: what is stored and shown is the text as written.
/// </summary>
internal static class LookAlikes
{
    // Letters an attacker swaps in because a reader cannot tell them from Latin ones (Unicode confusables,
    // restricted to those that look the same in common fonts).
    private static readonly Dictionary<char, char> Map = Build(
        // Cyrillic
        "аa еe оo рp сc уy хx іi јj ѕs ԁd ԛq ԝw һh ӏl ɡg вb кk мm нh тt ьb ѵv ґr " +
        "АA ВB ЕE КK МM НH ОO РP СC ТT ХX УY ІI ЈJ ЅS ԚQ ԜW ӀI ЗZ " +
        // Greek
        "αa οo ρp εe ιi κk νv τt υu χx γy ωw ϲc ϳj " +
        "ΑA ΒB ΕE ΖZ ΗH ΙI ΚK ΜM ΝN ΟO ΡP ΤT ΥY ΧX ϹC " +
        // Armenian, Latin extensions and letter-like symbols
        "օo սu ցg ıi ɩi ɑa ʟl ℓl ɪi ʀr ꜱs ᴀa ᴄc ᴅd ᴇe ᴋk ᴍm ᴏo ᴘp ᴛt ᴜu ᴠv ᴡw ᴢz");

    /// <summary>The text to screen; the same instance when it is plain ASCII (the common case allocates nothing).</summary>
    public static string Fold(string text)
    {
        if (Ascii.IsValid(text))
        {
            return text;
        }

        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var rune in decomposed.EnumerateRunes())
        {
            switch (Rune.GetUnicodeCategory(rune))
            {
                case UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.Format:
                    continue;
                case UnicodeCategory.SpaceSeparator:
                    sb.Append(' ');
                    continue;
            }

            if (rune.IsBmp && Map.TryGetValue((char)rune.Value, out var latin))
            {
                sb.Append(latin);
            }
            else
            {
                sb.Append(rune.ToString());
            }
        }

        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>True when some word mixes Latin letters with look-alikes from another script: no honest writer does that.</summary>
    public static bool MixesScripts(string text)
    {
        if (Ascii.IsValid(text))
        {
            return false;
        }

        bool latin = false, lookAlike = false;
        foreach (var c in text)
        {
            if (!char.IsLetter(c))
            {
                if (latin && lookAlike)
                {
                    return true;
                }

                latin = lookAlike = false;
                continue;
            }

            latin |= c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');
            lookAlike |= Map.ContainsKey(c);
        }

        return latin && lookAlike;
    }

    private static Dictionary<char, char> Build(string pairs)
    {
        var map = new Dictionary<char, char>();
        foreach (var pair in pairs.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            map[pair[0]] = pair[1];
        }

        return map;
    }
}
