using System.Text.RegularExpressions;

namespace Steward.Core.Storage;

/// <summary>The kinds of sensitive data the scanner counts; what each means for the class is in <see cref="DataClassRules"/>.</summary>
public enum Finding { EmailAddress, PaymentCard, Iban, AwsAccessKeyId, AwsSecretAccessKey, PrivateKey, GitHubToken, UsSocialSecurityNumber }

/// <summary>
/// Counts sensitive data in text, line by line (so a text is streamed, never held whole), each kind checked the way its
/// issuer defines it: a payment card's digits pass Luhn's check and start as a card network's do, an IBAN passes ISO
/// 13616's mod 97, an AWS secret key sits beside a name that says so. Only counts come out: never the values.
/// </summary>
public sealed partial class SensitivityScanner
{
    private readonly Dictionary<Finding, int> _counts = [];

    public IReadOnlyDictionary<Finding, int> Counts => _counts;

    public static IReadOnlyDictionary<Finding, int> Scan(string text)
    {
        var scanner = new SensitivityScanner();
        scanner.ScanLines(text);
        return scanner.Counts;
    }

    /// <summary>Every line of a text, as spans of it: no string is made per line.</summary>
    public void ScanLines(ReadOnlySpan<char> text)
    {
        foreach (var line in text.EnumerateLines()) ScanLine(line);
    }

    public void ScanLine(string line) => ScanLine(line.AsSpan());

    public void ScanLine(ReadOnlySpan<char> span)
    {
        // Each pattern runs only where a character it cannot do without is on the line: most lines of most files have no
        // '@', no run of digits, no "PRIVATE KEY", and are passed over at the speed of IndexOf.
        if (span.Contains('@')) Count(Finding.EmailAddress, CountEmails(span));
        if (span.IndexOfAny(AccessKeyStarts) >= 0) Count(Finding.AwsAccessKeyId, AccessKeyId().Count(span));
        if (span.Contains("ecret", StringComparison.OrdinalIgnoreCase) && SecretKeyName().IsMatch(span)) Count(Finding.AwsSecretAccessKey, SecretKeyValue().Count(span));
        if (span.Contains("PRIVATE KEY", StringComparison.Ordinal)) Count(Finding.PrivateKey, PrivateKeyHeader().Count(span));
        if (span.Contains("gh", StringComparison.Ordinal) && span.Contains('_')) Count(Finding.GitHubToken, GitHubToken().Count(span));
        if (span.IndexOfAny(Digits) >= 0)
        {
            if (span.Contains('-'))
            {
                var ssns = 0;
                foreach (var m in Ssn().EnumerateMatches(span)) if (ValidSsn(span.Slice(m.Index, m.Length))) ssns++;
                Count(Finding.UsSocialSecurityNumber, ssns);
            }
            Count(Finding.PaymentCard, CountCards(span));
            if (span.Length >= 15 && span.IndexOfAnyInRange('A', 'Z') >= 0) Count(Finding.Iban, CountIbans(span));
        }
    }

    private static readonly System.Buffers.SearchValues<string> AccessKeyStarts =
        System.Buffers.SearchValues.Create(["AKIA", "ASIA", "ABIA", "ACCA"], StringComparison.Ordinal);
    private static readonly System.Buffers.SearchValues<char> Digits = System.Buffers.SearchValues.Create("0123456789");

    /// <summary>
    /// Runs of 13 to 19 digits, single spaces or dashes allowed between them, not touching another digit or dash, that are
    /// payment cards: one linear pass (a regex backtracks at every digit of a long number).
    /// </summary>
    private static int CountCards(ReadOnlySpan<char> s)
    {
        var found = 0;
        Span<char> digits = stackalloc char[19];
        for (var i = s.IndexOfAny(Digits); i >= 0 && i < s.Length;)
        {
            if (i > 0 && (char.IsAsciiDigit(s[i - 1]) || s[i - 1] == '-')) { i = Next(s, i); continue; }
            var n = 0;
            var j = i;
            var tooLong = false;
            while (j < s.Length)
            {
                if (char.IsAsciiDigit(s[j])) { if (n == 19) { tooLong = true; break; } digits[n++] = s[j++]; }
                else if (s[j] is ' ' or '-' && j + 1 < s.Length && char.IsAsciiDigit(s[j + 1]) && char.IsAsciiDigit(s[j - 1])) j++;
                else break;
            }
            if (!tooLong && n >= 13 && (j == s.Length || s[j] != '-') && IsPaymentCard(new string(digits[..n]))) found++;
            i = j < s.Length ? Next(s, j) : -1;
        }
        return found;

        static int Next(ReadOnlySpan<char> s, int from)
        {
            while (from < s.Length && (char.IsAsciiDigit(s[from]) || s[from] == '-')) from++;
            var k = s[from..].IndexOfAny(Digits);
            return k < 0 ? -1 : from + k;
        }
    }

    /// <summary>
    /// E-mail addresses, from each '@' outwards: a local part of letters, digits and ._%+- before it, a domain of letters,
    /// digits, dots and dashes after it ending in a dot and two letters or more. One pass over the line.
    /// </summary>
    private static int CountEmails(ReadOnlySpan<char> s)
    {
        static bool Local(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-';
        static bool Domain(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '-';
        var found = 0;
        for (var at = s.IndexOf('@'); at >= 0; at = s[(at + 1)..].IndexOf('@') is var next and >= 0 ? at + 1 + next : -1)
        {
            if (at == 0 || !Local(s[at - 1])) continue;
            var end = at + 1;
            while (end < s.Length && Domain(s[end])) end++;
            var domain = s[(at + 1)..end].TrimEnd(".-");
            var dot = domain.LastIndexOf('.');
            if (dot > 0 && domain.Length - dot - 1 >= 2 && AllLetters(domain[(dot + 1)..])) found++;
        }
        return found;

        static bool AllLetters(ReadOnlySpan<char> t)
        {
            foreach (var c in t) if (!char.IsAsciiLetter(c)) return false;
            return true;
        }
    }

    /// <summary>IBANs: two capital letters and two digits at a word's start, then 11 to 30 letters or digits (single spaces allowed), passing mod 97.</summary>
    private static int CountIbans(ReadOnlySpan<char> s)
    {
        var found = 0;
        Span<char> iban = stackalloc char[34];
        Span<int> ends = stackalloc int[9]; // where a space ended a group: an IBAN ends there or at the run's end
        for (var i = 0; i + 15 <= s.Length; i++)
        {
            if (!char.IsAsciiLetterUpper(s[i]) || (i > 0 && char.IsAsciiLetterOrDigit(s[i - 1])) || !char.IsAsciiLetterUpper(s[i + 1]) ||
                !char.IsAsciiDigit(s[i + 2]) || !char.IsAsciiDigit(s[i + 3])) continue;
            var n = 0;
            var j = i;
            var groups = 0;
            while (j < s.Length && n < 34)
            {
                if (char.IsAsciiDigit(s[j]) || char.IsAsciiLetterUpper(s[j])) iban[n++] = s[j++];
                else if (s[j] == ' ' && j + 1 < s.Length && char.IsAsciiLetterOrDigit(s[j + 1]) && n >= 4) { if (groups < ends.Length) ends[groups++] = n; j++; }
                else break;
            }
            // The longest that passes, ending at a word's end, so "GB82 WEST … 32 THE" does not take the next word in.
            var match = n >= 15 && (j == s.Length || !char.IsAsciiLetterOrDigit(s[j])) && IsIban(new string(iban[..n]));
            for (var g = groups - 1; !match && g >= 0; g--) match = ends[g] >= 15 && IsIban(new string(iban[..ends[g]]));
            if (match) found++;
            i = j;
        }
        return found;
    }

    private void Count(Finding finding, int n)
    {
        if (n > 0) _counts[finding] = _counts.GetValueOrDefault(finding) + n;
    }

    /// <summary>13 to 19 digits (spaces or dashes between groups allowed) that pass Luhn's check and start as a card network's numbers do.</summary>
    public static bool IsPaymentCard(string candidate)
    {
        var digits = new string(candidate.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length is < 13 or > 19) return false;
        var prefix2 = int.Parse(digits[..2], System.Globalization.CultureInfo.InvariantCulture);
        var prefix4 = int.Parse(digits[..4], System.Globalization.CultureInfo.InvariantCulture);
        var network = digits[0] == '4' || prefix2 is >= 51 and <= 55 || prefix4 is >= 2221 and <= 2720 || prefix2 is 34 or 37 ||
                      digits.StartsWith("6011", StringComparison.Ordinal) || prefix2 == 65 || prefix2 == 35 || prefix2 is 36 or 38 or 30;
        return network && Luhn(digits);
    }

    public static bool Luhn(string digits)
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

    /// <summary>ISO 13616: country, two check digits, the account; moved four characters to the end, letters as 10..35, mod 97 is 1.</summary>
    public static bool IsIban(string candidate)
    {
        var iban = new string(candidate.Where(c => c != ' ').ToArray()).ToUpperInvariant();
        if (iban.Length is < 15 or > 34) return false;
        var remainder = 0;
        foreach (var c in iban[4..] + iban[..4])
        {
            var value = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetterUpper(c) ? c - 'A' + 10 : -1;
            if (value < 0) return false;
            remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
        }
        return remainder == 1;
    }

    /// <summary>No area 000, 666 or 900-999, no group 00, no serial 0000 (the SSA never issues them).</summary>
    private static bool ValidSsn(ReadOnlySpan<char> ssn) =>
        !ssn[..3].SequenceEqual("000") && !ssn[..3].SequenceEqual("666") && ssn[0] != '9' && !ssn[4..6].SequenceEqual("00") && !ssn[7..].SequenceEqual("0000");

    [GeneratedRegex(@"\b(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b")]
    private static partial Regex AccessKeyId();

    [GeneratedRegex(@"(?i)aws.?secret.?access.?key|secretaccesskey|aws_secret")]
    private static partial Regex SecretKeyName();

    [GeneratedRegex(@"(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])")]
    private static partial Regex SecretKeyValue();

    [GeneratedRegex(@"-----BEGIN (RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY( BLOCK)?-----")]
    private static partial Regex PrivateKeyHeader();

    [GeneratedRegex(@"\b(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b")]
    private static partial Regex GitHubToken();

    [GeneratedRegex(@"\b\d{3}-\d{2}-\d{4}\b")]
    private static partial Regex Ssn();

}
