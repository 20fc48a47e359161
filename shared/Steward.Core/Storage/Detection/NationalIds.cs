using System.Text.RegularExpressions;

namespace Steward.Core.Storage;

/// <summary>
/// US social security numbers. Three-two-four digits is also a phone number's shape in many countries, a date's, a part
/// number's, and nine bare digits are anything: so an SSN counts only where a word names it ("SSN", "social security",
/// "SS#": <see cref="DetectionContext"/>), and only as the SSA issues them (no area 000, 666 or 900-999, no group 00, no
/// serial 0000).
/// </summary>
internal static partial class NationalIds
{
    public static int CountSocialSecurityNumbers(ReadOnlySpan<char> line, DetectionContext context)
    {
        var found = 0;
        foreach (var m in SocialSecurityNumber().EnumerateMatches(line))
        {
            var ssn = line.Slice(m.Index, m.Length);
            if (Issuable(ssn) && context.Names(NamedKinds.SocialSecurityNumber, line, m.Index, m.Index + m.Length)) found++;
        }
        return found;
    }

    /// <summary>Area, group and serial, wherever the separators are (none, dashes or spaces).</summary>
    private static bool Issuable(ReadOnlySpan<char> ssn)
    {
        Span<char> d = stackalloc char[9];
        var n = 0;
        foreach (var c in ssn) if (char.IsAsciiDigit(c)) d[n++] = c;
        return !d[..3].SequenceEqual("000") && !d[..3].SequenceEqual("666") && d[0] != '9' && !d[3..5].SequenceEqual("00") && !d[5..].SequenceEqual("0000");
    }

    /// <summary>3-2-4 digits with one separator (a dash or a space) used throughout, or none, not inside a longer number or word.</summary>
    [GeneratedRegex(@"(?<![\w-])\d{3}([- ]?)\d{2}\1\d{4}(?![\w-])")]
    private static partial Regex SocialSecurityNumber();
}
