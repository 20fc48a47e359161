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
    public long CharactersScanned { get; private set; }

    public IReadOnlyDictionary<Finding, int> Counts => _counts;

    public static IReadOnlyDictionary<Finding, int> Scan(string text)
    {
        var scanner = new SensitivityScanner();
        foreach (var line in text.Split('\n')) scanner.ScanLine(line);
        return scanner.Counts;
    }

    public void ScanLine(string line)
    {
        CharactersScanned += line.Length + 1;
        Count(Finding.EmailAddress, Email().Count(line));
        Count(Finding.AwsAccessKeyId, AccessKeyId().Count(line));
        if (SecretKeyName().IsMatch(line)) Count(Finding.AwsSecretAccessKey, SecretKeyValue().Count(line));
        Count(Finding.PrivateKey, PrivateKeyHeader().Count(line));
        Count(Finding.GitHubToken, GitHubToken().Count(line));
        Count(Finding.UsSocialSecurityNumber, Ssn().Matches(line).Count(m => ValidSsn(m.Value)));
        Count(Finding.PaymentCard, CardCandidate().Matches(line).Count(m => IsPaymentCard(m.Value)));
        Count(Finding.Iban, IbanCandidate().Matches(line).Count(m => IsIban(m.Value)));
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
    private static bool ValidSsn(string ssn) =>
        ssn[..3] is not ("000" or "666") && ssn[0] != '9' && ssn[4..6] != "00" && ssn[7..] != "0000";

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex Email();

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

    [GeneratedRegex(@"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])")]
    private static partial Regex CardCandidate();

    [GeneratedRegex(@"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b")]
    private static partial Regex IbanCandidate();
}
