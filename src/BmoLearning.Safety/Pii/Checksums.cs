namespace BmoLearning.Safety.Pii;

/// <summary>Check-digit and validity rules that separate real identifiers from look-alikes.</summary>
internal static class Checksums
{
    /// <summary>Copies the ASCII digits of <paramref name="text"/>; returns -1 when there are more than fit.</summary>
    public static int CopyDigits(ReadOnlySpan<char> text, Span<char> digits)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                continue;
            }

            if (count == digits.Length)
            {
                return -1;
            }

            digits[count++] = c;
        }

        return count;
    }

    public static bool Luhn(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return digits.Length > 1 && sum % 10 == 0;
    }

    /// <summary>ISO 13616 check: move the first four characters to the end, letters to numbers, mod 97 must be 1.</summary>
    public static bool IbanMod97(ReadOnlySpan<char> compactIban)
    {
        if (compactIban.Length < 5)
        {
            return false;
        }

        var remainder = 0;
        for (var i = 0; i < compactIban.Length; i++)
        {
            var c = char.ToUpperInvariant(compactIban[(i + 4) % compactIban.Length]);
            if (char.IsAsciiDigit(c))
            {
                remainder = ((remainder * 10) + (c - '0')) % 97;
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                remainder = ((remainder * 100) + (c - 'A' + 10)) % 97;
            }
            else
            {
                return false;
            }
        }

        return remainder == 1;
    }

    /// <summary>SSA rules: area not 000, 666 or 9xx; group not 00; serial not 0000.</summary>
    public static bool SsnValid(ReadOnlySpan<char> nineDigits)
    {
        if (nineDigits.Length != 9)
        {
            return false;
        }

        var area = nineDigits[..3];
        return !area.SequenceEqual("000")
            && !area.SequenceEqual("666")
            && area[0] != '9'
            && !nineDigits[3..5].SequenceEqual("00")
            && !nineDigits[5..].SequenceEqual("0000");
    }

    /// <summary>SIN: nine digits, Luhn-valid, and 0 and 8 are not issued as first digits.</summary>
    public static bool SinValid(ReadOnlySpan<char> nineDigits) =>
        nineDigits.Length == 9 && nineDigits[0] != '0' && nineDigits[0] != '8' && Luhn(nineDigits);

    /// <summary>
    /// A number labelled "SIN"/"NAS" needs only nine digits and the checksum: a first digit not issued yet
    /// (the Government of Canada's own sample is 046 454 286) is still somebody's SIN, or will be.
    /// </summary>
    public static bool LabelledSinValid(ReadOnlySpan<char> nineDigits) => nineDigits.Length == 9 && Luhn(nineDigits);

    /// <summary>NANP: area code and exchange both start with 2–9, and the area code is not an N11 service code.</summary>
    public static bool NanpValid(ReadOnlySpan<char> tenDigits) =>
        tenDigits.Length == 10
        && tenDigits[0] >= '2'
        && tenDigits[3] >= '2'
        && !(tenDigits[1] == '1' && tenDigits[2] == '1');

    /// <summary>ABA routing checksum: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10).</summary>
    public static bool AbaRouting(ReadOnlySpan<char> nineDigits)
    {
        if (nineDigits.Length != 9)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 9; i += 3)
        {
            sum += (3 * (nineDigits[i] - '0')) + (7 * (nineDigits[i + 1] - '0')) + (nineDigits[i + 2] - '0');
        }

        return sum % 10 == 0;
    }

    /// <summary>True for digit strings that read as a calendar date (yyyymmdd, ddmmyyyy or mmddyyyy).</summary>
    public static bool LooksLikeDate(ReadOnlySpan<char> digits)
    {
        if (digits.Length != 8)
        {
            return false;
        }

        var first4 = Number(digits[..4]);
        var last4 = Number(digits[4..]);
        return (IsYear(first4) && IsMonthDay(Number(digits[4..6]), Number(digits[6..])))
            || (IsYear(last4) && (IsMonthDay(Number(digits[2..4]), Number(digits[..2]))
                                  || IsMonthDay(Number(digits[..2]), Number(digits[2..4]))));

        static bool IsYear(int y) => y is >= 1900 and <= 2099;
        static bool IsMonthDay(int m, int d) => m is >= 1 and <= 12 && d is >= 1 and <= 31;
    }

    private static int Number(ReadOnlySpan<char> digits)
    {
        var n = 0;
        foreach (var c in digits)
        {
            n = (n * 10) + (c - '0');
        }

        return n;
    }
}
