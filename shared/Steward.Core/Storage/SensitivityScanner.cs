namespace Steward.Core.Storage;

/// <summary>The kinds of sensitive data the scanner counts; what each means for the class is in <see cref="DataClassRules"/>.</summary>
public enum Finding
{
    EmailAddress, PaymentCard, Iban, AwsAccessKeyId, AwsSecretAccessKey, PrivateKey, GitHubToken, UsSocialSecurityNumber,
    GitLabToken, SlackToken, SlackWebhook, StripeSecretKey, GoogleApiKey, AzureStorageAccountKey, JsonWebToken, SecretAssignment,
}

/// <summary>
/// Counts sensitive data in text, line by line (so a text is streamed, never held whole), each kind checked the way its
/// issuer defines it: a payment card's digits pass Luhn's check and start as a card network's do, an IBAN has its country's
/// length and passes ISO 13616's mod 97, a provider's token has the provider's prefix and shape. Where the shape alone is
/// weak (a bare run of digits, three-two-four digits) words that name the kind must be near: on the line, on the line just
/// before, or in the header of the value's column (<see cref="DetectionContext"/>). Only counts come out: never the values.
/// </summary>
public sealed class SensitivityScanner
{
    private readonly Dictionary<Finding, int> _counts = [];
    private readonly DetectionContext _context = new();
    private readonly PrivateKeys _privateKeys = new();

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

    /// <summary>One line, in the order the lines come: the line before and the table's header are context for this one.</summary>
    public void ScanLine(ReadOnlySpan<char> span)
    {
        // Each detector runs only where a character or word it cannot do without is on the line: most lines of most files
        // have no '@', no run of digits, no provider's prefix, and are passed over at the speed of IndexOf.
        _context.Begin();
        if (span.Contains('@')) Count(Finding.EmailAddress, EmailAddresses.Count(span));
        var tokens = ProviderTokens.MayHold(span) && ProviderTokens.Count(span, Count);
        if (_privateKeys.Awaiting || PrivateKeys.MayOpen(span)) Count(Finding.PrivateKey, _privateKeys.Count(span));
        if (!tokens && SecretAssignments.MayHold(span)) Count(Finding.SecretAssignment, SecretAssignments.Count(span));
        if (span.IndexOfAny(Digits) >= 0)
        {
            Count(Finding.UsSocialSecurityNumber, NationalIds.CountSocialSecurityNumbers(span, _context));
            Count(Finding.PaymentCard, PaymentCards.Count(span, _context));
            if (span.Length >= Ibans.ShortestLength) Count(Finding.Iban, Ibans.Count(span));
        }
        _context.End(span);
    }

    internal static readonly System.Buffers.SearchValues<char> Digits = System.Buffers.SearchValues.Create("0123456789");

    private bool Count(Finding finding, int n)
    {
        if (n > 0) _counts[finding] = _counts.GetValueOrDefault(finding) + n;
        return n > 0;
    }

    /// <inheritdoc cref="PaymentCards.IsPaymentCard"/>
    public static bool IsPaymentCard(string candidate) => PaymentCards.IsPaymentCard(candidate);

    /// <inheritdoc cref="PaymentCards.Luhn"/>
    public static bool Luhn(string digits) => PaymentCards.Luhn(digits);

    /// <inheritdoc cref="Ibans.IsIban"/>
    public static bool IsIban(string candidate) => Ibans.IsIban(candidate);
}
