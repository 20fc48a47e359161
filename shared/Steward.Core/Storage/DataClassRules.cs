namespace Steward.Core.Storage;

/// <summary>
/// How sensitive an object is, least to most, written to the object as the tag <c>steward:class</c>; and
/// <see cref="Unscanned"/>, which is no degree of sensitivity: nothing was found in what was read, and not all of it could
/// be read (encrypted, a format Steward does not read, too large), so nothing can be said.
/// </summary>
public enum DataClass { Public, Internal, Confidential, Restricted, Unscanned }

/// <summary>How much of an object's content the scan read. Written to the object as the tag <c>steward:scan</c>.</summary>
public enum ScanCoverage
{
    /// <summary>Every byte of its content, containers' members included.</summary>
    Complete,
    /// <summary>Some of it: the scan's byte budget ended first, or some members of a container could not be read.</summary>
    Partial,
    /// <summary>Encrypted (a password-protected ZIP member or PDF): its content cannot be read without the key.</summary>
    Encrypted,
    /// <summary>A format whose content Steward does not read (an image's pixels, a binary).</summary>
    Unsupported,
    /// <summary>A container larger than what the hook opens whole (its members are not read).</summary>
    TooLarge,
    /// <summary>A file that says it is a PDF, a ZIP or a compressed stream but cannot be parsed as one.</summary>
    Damaged,
}

/// <summary>How much was read, and in words what was not (member names, formats, limits); null when all was.</summary>
public sealed record ScanExtent(ScanCoverage Coverage, string? NotRead = null)
{
    public static readonly ScanExtent Complete = new(ScanCoverage.Complete);
    public bool IsComplete => Coverage == ScanCoverage.Complete;
}

/// <summary>What Steward decided about one object version: its content, its class, why, the counts behind it, and how much was read.</summary>
public sealed record Classification(ContentKind Content, bool Compressed, DataClass Class, string Reason, IReadOnlyDictionary<Finding, int> Findings, long BytesRead,
    ScanExtent Scan)
{
    public Classification(ContentKind content, bool compressed, DataClass @class, string reason, IReadOnlyDictionary<Finding, int> findings, long bytesRead)
        : this(content, compressed, @class, reason, findings, bytesRead, ScanExtent.Complete) { }
}

/// <summary>
/// The rules from content and findings to a class, all here, in the order they are tried (the README maps them to
/// Macie's categories):
/// <list type="number">
/// <item>any credential (an AWS access key id or secret key, a private key, a GitHub, GitLab, Slack, Stripe, Google or Azure key
/// or token, a JSON web token, a password or secret in configuration): <b>restricted</b>;</item>
/// <item>financial data (a payment card, an IBAN) or a national identifier (a US SSN): <b>confidential</b>;</item>
/// <item>ten or more e-mail addresses (a list of people): <b>confidential</b> (how many of each kind count: <see cref="Thresholds"/>);</item>
/// <item>not all of it read (encrypted, unsupported, too large, or only in part) and nothing found in what was: <b>unscanned</b>,
/// never public and never "nothing found": what was not read is not known to be clean;</item>
/// <item>under a public prefix (<c>public/</c> by default) with nothing found at all: <b>public</b>;</item>
/// <item>everything else, a few e-mail addresses included: <b>internal</b>.</item>
/// </list>
/// </summary>
public static class DataClassRules
{
    public static readonly IReadOnlySet<Finding> Credentials = new HashSet<Finding>
    {
        Finding.AwsAccessKeyId, Finding.AwsSecretAccessKey, Finding.PrivateKey, Finding.GitHubToken, Finding.GitLabToken, Finding.SlackToken,
        Finding.SlackWebhook, Finding.StripeSecretKey, Finding.GoogleApiKey, Finding.AzureStorageAccountKey, Finding.JsonWebToken, Finding.SecretAssignment,
    };
    public static readonly IReadOnlySet<Finding> Financial = new HashSet<Finding> { Finding.PaymentCard, Finding.Iban };
    public static readonly IReadOnlySet<Finding> NationalIds = new HashSet<Finding> { Finding.UsSocialSecurityNumber };

    /// <summary>
    /// How many of a kind make an object sensitive, and why that many. The scanner counts a kind only when its shape is
    /// strong or words name it, so for most kinds one is enough; where the shape alone would be weak the scanner asks for
    /// more than the shape (context, a checksum, a body) rather than this table asking for more hits.
    /// </summary>
    public static readonly IReadOnlyDictionary<Finding, int> Thresholds = new Dictionary<Finding, int>
    {
        // Everyone's business card: only a list of them is personal data.
        [Finding.EmailAddress] = 10,
        // Luhn, a network's prefix, and the printed groups or a word such as "card" beside it: a bare sixteen digits
        // passes Luhn one time in ten, and so alone is never counted.
        [Finding.PaymentCard] = 1,
        // The country's length and mod 97: one random string in thousands passes.
        [Finding.Iban] = 1,
        // Three-two-four digits is a phone number as often: counted only beside "SSN", "social security", "SS#".
        [Finding.UsSocialSecurityNumber] = 1,
        // Credentials: a provider's prefix and shape, a key's header and base64, or a secret's name and a random value.
        // One leaked is one too many.
        [Finding.AwsAccessKeyId] = 1, [Finding.AwsSecretAccessKey] = 1, [Finding.PrivateKey] = 1, [Finding.GitHubToken] = 1,
        [Finding.GitLabToken] = 1, [Finding.SlackToken] = 1, [Finding.SlackWebhook] = 1, [Finding.StripeSecretKey] = 1,
        [Finding.GoogleApiKey] = 1, [Finding.AzureStorageAccountKey] = 1, [Finding.JsonWebToken] = 1, [Finding.SecretAssignment] = 1,
    };

    private static bool Enough(IReadOnlyDictionary<Finding, int> findings, Finding kind) => findings.GetValueOrDefault(kind) >= Thresholds[kind];

    public static (DataClass Class, string Reason) Decide(IReadOnlyDictionary<Finding, int> findings, string key, IReadOnlyList<string> publicPrefixes) =>
        Decide(findings, ScanExtent.Complete, key, publicPrefixes);

    public static (DataClass Class, string Reason) Decide(IReadOnlyDictionary<Finding, int> findings, ScanExtent scan, string key, IReadOnlyList<string> publicPrefixes)
    {
        string Found(IEnumerable<Finding> kinds) => string.Join(", ", kinds.Where(findings.ContainsKey).Select(k => $"{findings[k]} {Words(k)}"));
        if (Credentials.Any(k => Enough(findings, k))) return (DataClass.Restricted, "credentials: " + Found(Credentials));
        if (Financial.Concat(NationalIds).Any(k => Enough(findings, k))) return (DataClass.Confidential, "financial or identity data: " + Found(Financial.Concat(NationalIds)));
        if (Enough(findings, Finding.EmailAddress)) return (DataClass.Confidential, $"personal data: {findings[Finding.EmailAddress]} e-mail addresses");
        if (!scan.IsComplete)
            return (DataClass.Unscanned, $"{Words(scan.Coverage)}{(scan.NotRead is null ? "" : $" ({scan.NotRead})")}: " +
                                         (findings.Count == 0 ? "nothing found in what was read" : "a few e-mail addresses in what was read"));
        if (findings.Count == 0 && publicPrefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal))) return (DataClass.Public, "under a public prefix, nothing sensitive found");
        return (DataClass.Internal, findings.Count == 0 ? "nothing sensitive found" : "a few e-mail addresses");
    }

    private static string Words(Finding f) => f switch
    {
        Finding.EmailAddress => "e-mail address(es)",
        Finding.PaymentCard => "payment card number(s)",
        Finding.Iban => "IBAN(s)",
        Finding.AwsAccessKeyId => "AWS access key id(s)",
        Finding.AwsSecretAccessKey => "AWS secret access key(s)",
        Finding.PrivateKey => "private key(s)",
        Finding.GitHubToken => "GitHub token(s)",
        Finding.GitLabToken => "GitLab token(s)",
        Finding.SlackToken => "Slack token(s)",
        Finding.SlackWebhook => "Slack webhook URL(s)",
        Finding.StripeSecretKey => "Stripe live secret key(s)",
        Finding.GoogleApiKey => "Google API key(s)",
        Finding.AzureStorageAccountKey => "Azure storage account key(s)",
        Finding.JsonWebToken => "JSON web token(s)",
        Finding.SecretAssignment => "password(s) or secret(s) assigned in configuration",
        Finding.UsSocialSecurityNumber => "US social security number(s)",
        _ => f.ToString(),
    };

    private static string Words(ScanCoverage c) => c switch
    {
        ScanCoverage.Partial => "read in part",
        ScanCoverage.Encrypted => "encrypted, not read",
        ScanCoverage.Unsupported => "a format Steward does not read",
        ScanCoverage.TooLarge => "too large to open",
        ScanCoverage.Damaged => "damaged, not read",
        _ => "read",
    };

    public static string Tag(DataClass c) => c.ToString().ToLowerInvariant();
    public static string Tag(ScanCoverage c) => c == ScanCoverage.TooLarge ? "too-large" : c.ToString().ToLowerInvariant();
    public static string Tag(ContentKind k) => k.ToString().ToLowerInvariant();
}
