namespace Steward.Core.Storage;

/// <summary>
/// International bank account numbers (ISO 13616): a country's code, two check digits and the account, exactly as long as
/// the SWIFT registry says that country's are, passing mod 97. Country, length and check together leave a random string
/// one chance in thousands, so an IBAN needs no context; written in capitals or not, grouped by fours or not.
/// </summary>
internal static class Ibans
{
    public const int ShortestLength = 15;

    /// <summary>IBAN lengths by country, from the SWIFT IBAN registry.</summary>
    private static readonly Dictionary<string, int> Lengths = new()
    {
        ["AD"] = 24, ["AE"] = 23, ["AL"] = 28, ["AT"] = 20, ["AZ"] = 28, ["BA"] = 20, ["BE"] = 16, ["BG"] = 22, ["BH"] = 22, ["BI"] = 27,
        ["BR"] = 29, ["BY"] = 28, ["CH"] = 21, ["CR"] = 22, ["CY"] = 28, ["CZ"] = 24, ["DE"] = 22, ["DJ"] = 27, ["DK"] = 18, ["DO"] = 28,
        ["EE"] = 20, ["EG"] = 29, ["ES"] = 24, ["FI"] = 18, ["FK"] = 18, ["FO"] = 18, ["FR"] = 27, ["GB"] = 22, ["GE"] = 22, ["GI"] = 23,
        ["GL"] = 18, ["GR"] = 27, ["GT"] = 28, ["HR"] = 21, ["HU"] = 28, ["IE"] = 22, ["IL"] = 23, ["IQ"] = 23, ["IS"] = 26, ["IT"] = 27,
        ["JO"] = 30, ["KW"] = 30, ["KZ"] = 20, ["LB"] = 28, ["LC"] = 32, ["LI"] = 21, ["LT"] = 20, ["LU"] = 20, ["LV"] = 21, ["LY"] = 25,
        ["MC"] = 27, ["MD"] = 24, ["ME"] = 22, ["MK"] = 19, ["MN"] = 20, ["MR"] = 27, ["MT"] = 31, ["MU"] = 30, ["NI"] = 28, ["NL"] = 18,
        ["NO"] = 15, ["OM"] = 23, ["PK"] = 24, ["PL"] = 28, ["PS"] = 29, ["PT"] = 25, ["QA"] = 29, ["RO"] = 24, ["RS"] = 22, ["RU"] = 33,
        ["SA"] = 24, ["SC"] = 31, ["SD"] = 18, ["SE"] = 24, ["SI"] = 19, ["SK"] = 24, ["SM"] = 27, ["SO"] = 23, ["ST"] = 25, ["SV"] = 28,
        ["TL"] = 23, ["TN"] = 24, ["TR"] = 26, ["UA"] = 29, ["VA"] = 22, ["VG"] = 24, ["XK"] = 20,
    };

    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> ByCountry = Lengths.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Candidates start a word with two letters and two digits; the country's length of letters and digits (single spaces between) follows and ends there.</summary>
    public static int Count(ReadOnlySpan<char> s)
    {
        var found = 0;
        Span<char> iban = stackalloc char[34];
        Span<char> country = stackalloc char[2];
        for (var i = 0; i + ShortestLength <= s.Length; i++)
        {
            if (!char.IsAsciiLetter(s[i]) || (i > 0 && char.IsAsciiLetterOrDigit(s[i - 1])) || !char.IsAsciiLetter(s[i + 1]) ||
                !char.IsAsciiDigit(s[i + 2]) || !char.IsAsciiDigit(s[i + 3])) continue;
            country[0] = char.ToUpperInvariant(s[i]);
            country[1] = char.ToUpperInvariant(s[i + 1]);
            if (!ByCountry.TryGetValue(country, out var length)) continue;
            var n = 0;
            var j = i;
            while (j < s.Length && n < length)
            {
                if (char.IsAsciiLetterOrDigit(s[j])) iban[n++] = char.ToUpperInvariant(s[j++]);
                else if (s[j] == ' ' && j + 1 < s.Length && char.IsAsciiLetterOrDigit(s[j + 1])) j++;
                else break;
            }
            // Ends where the country's length does, at a word's end: "GB82 WEST … 32 THE" does not take the next word in.
            if (n == length && (j == s.Length || !char.IsAsciiLetterOrDigit(s[j])) && Mod97(iban[..n])) found++;
            i = j - 1;
        }
        return found;
    }

    /// <summary>ISO 13616 with its country's length: spaces ignored, capitals or not.</summary>
    public static bool IsIban(string candidate)
    {
        Span<char> iban = stackalloc char[34];
        var n = 0;
        foreach (var c in candidate)
        {
            if (c == ' ') continue;
            if (n == iban.Length) return false;
            iban[n++] = char.ToUpperInvariant(c);
        }
        return n >= ShortestLength && ByCountry.TryGetValue(iban[..2], out var length) && n == length && Mod97(iban[..n]);
    }

    /// <summary>Moved four characters to the end, letters as 10..35, mod 97 is 1.</summary>
    private static bool Mod97(ReadOnlySpan<char> iban)
    {
        var remainder = 0;
        for (var k = 0; k < iban.Length; k++)
        {
            var c = iban[(k + 4) % iban.Length];
            var value = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetterUpper(c) ? c - 'A' + 10 : -1;
            if (value < 0) return false;
            remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
        }
        return remainder == 1;
    }
}
