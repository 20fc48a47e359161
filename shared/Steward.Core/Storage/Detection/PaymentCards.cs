namespace Steward.Core.Storage;

/// <summary>
/// Payment card numbers (ISO/IEC 7812): 13 to 19 digits that start as a card network's do and pass Luhn's check. One digit
/// in ten passes Luhn by chance, so the shape is weighed as it is printed: digits in the groups cards are embossed in
/// (4-4-4-4, 4-6-5 for Amex, 4-6-4 for Diners, 4-4-4-4-3 for 19 digits), one separator used throughout, are a card as
/// they stand; a bare run of digits (an order number, a trace id) is a card only where a word names it
/// (<see cref="DetectionContext"/>). Separators anywhere else join nothing: "4 1 1 1 …" is sixteen one-digit numbers.
/// </summary>
internal static class PaymentCards
{
    private static readonly int[][] PrintedGroups = [[4, 4, 4, 4], [4, 6, 5], [4, 6, 4], [4, 4, 4, 4, 3]];

    /// <summary>Each maximal run of digits and single separators, not touching a letter, digit or another run, in one pass.</summary>
    public static int Count(ReadOnlySpan<char> s, DetectionContext context)
    {
        var found = 0;
        Span<char> digits = stackalloc char[19];
        Span<int> groups = stackalloc int[5];
        for (var i = s.IndexOfAny(SensitivityScanner.Digits); i >= 0;)
        {
            var start = i;
            var separator = '\0';
            var g = 0; // groups seen
            var n = 0; // digits kept
            var shapeless = false; // more groups than any card is printed in, or two separators
            var groupStart = i;
            while (i < s.Length)
            {
                if (char.IsAsciiDigit(s[i])) { if (n < digits.Length) digits[n] = s[i]; n++; i++; continue; }
                if (s[i] is ' ' or '-' && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1]))
                {
                    if (separator != '\0' && s[i] != separator) shapeless = true;
                    separator = s[i];
                    if (g < groups.Length) groups[g] = i - groupStart; else shapeless = true;
                    g++;
                    groupStart = ++i;
                    continue;
                }
                break;
            }
            if (g < groups.Length) groups[g] = i - groupStart; else shapeless = true;
            g++;
            var bounded = (start == 0 || !char.IsAsciiLetterOrDigit(s[start - 1]) && s[start - 1] is not ('-' or '.' or '/')) &&
                          (i == s.Length || !char.IsAsciiLetterOrDigit(s[i]) && !(s[i] is '-' or '/' || s[i] == '.' && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1])));
            if (bounded && !shapeless && g > 1 && n <= 19 && Printed(groups[..g])) { if (IsPaymentCard(new string(digits[..n]))) found++; }
            else if (bounded || g > 1)
            {
                // Not a card's printed shape: each group may still be a bare number named a card ("card 4111111111111111 12 26").
                for (var from = start; from < i;)
                {
                    var to = from;
                    while (to < i && char.IsAsciiDigit(s[to])) to++;
                    var edge = (from > start || bounded) && (to < i || bounded);
                    if (edge && to - from is >= 12 and <= 19 && IsPaymentCard(s[from..to].ToString()) && context.Names(NamedKinds.PaymentCard, s, from, to)) found++;
                    from = to + 1;
                }
            }
            var next = i < s.Length ? s[i..].IndexOfAny(SensitivityScanner.Digits) : -1;
            i = next < 0 ? -1 : i + next;
        }
        return found;
    }

    private static bool Printed(ReadOnlySpan<int> groups)
    {
        foreach (var pattern in PrintedGroups)
            if (groups.SequenceEqual(pattern)) return true;
        return false;
    }

    /// <summary>
    /// 13 to 19 digits (12 for Maestro; spaces or dashes between them allowed) that pass Luhn's check and start with a
    /// major industry identifier of banking and finance (ISO/IEC 7812: 2 Mastercard and Mir, 3 Amex, JCB and Diners, 4
    /// Visa, 5 Mastercard and Maestro, 6 Discover, UnionPay, Maestro and RuPay) or JCB's older 1800 and 2131.
    /// </summary>
    public static bool IsPaymentCard(string candidate)
    {
        Span<char> digits = stackalloc char[19];
        var n = 0;
        foreach (var c in candidate)
        {
            if (!char.IsAsciiDigit(c)) continue;
            if (n == digits.Length) return false;
            digits[n++] = c;
        }
        if (n < 12) return false;
        var d = digits[..n];
        var prefix4 = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0');
        // Maestro alone issues twelve digits (Mastercard's rules allow it 12 to 19).
        if (n == 12) return (d[0] == '6' || prefix4 is >= 5000 and <= 5099 or >= 5600 and <= 5899) && Luhn(d);
        var network = d[0] is '4' or '5' or '6' || d[0] == '3' && d[1] is '0' or '4' or '5' or '6' or '7' or '8' or '9' ||
                      prefix4 is >= 2221 and <= 2720 or >= 2200 and <= 2204 or 1800 or 2131;
        return network && Luhn(d);
    }

    public static bool Luhn(string digits) => Luhn(digits.AsSpan());

    private static bool Luhn(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1) { d *= 2; if (d > 9) d -= 9; }
            sum += d;
        }
        return sum % 10 == 0;
    }
}
