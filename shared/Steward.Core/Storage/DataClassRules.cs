namespace Steward.Core.Storage;

/// <summary>How sensitive an object is, least to most. Written to the object as the tag <c>steward:class</c>.</summary>
public enum DataClass { Public, Internal, Confidential, Restricted }

/// <summary>What Steward decided about one object version: its content, its class, why, and the counts behind it.</summary>
public sealed record Classification(ContentKind Content, bool Compressed, DataClass Class, string Reason, IReadOnlyDictionary<Finding, int> Findings, long BytesRead);

/// <summary>
/// The rules from content and findings to a class, all here, in the order they are tried (the README maps them to
/// Macie's categories):
/// <list type="number">
/// <item>any credential (an AWS access key id or secret key, a private key, a GitHub token): <b>restricted</b>;</item>
/// <item>financial data (a payment card, an IBAN) or a national identifier (a US SSN): <b>confidential</b>;</item>
/// <item>ten or more e-mail addresses (a list of people): <b>confidential</b>;</item>
/// <item>under a public prefix (<c>public/</c> by default) with nothing found at all: <b>public</b>;</item>
/// <item>everything else, a few e-mail addresses included: <b>internal</b>.</item>
/// </list>
/// </summary>
public static class DataClassRules
{
    public const int PeopleListThreshold = 10;

    public static readonly IReadOnlySet<Finding> Credentials = new HashSet<Finding> { Finding.AwsAccessKeyId, Finding.AwsSecretAccessKey, Finding.PrivateKey, Finding.GitHubToken };
    public static readonly IReadOnlySet<Finding> Financial = new HashSet<Finding> { Finding.PaymentCard, Finding.Iban };
    public static readonly IReadOnlySet<Finding> NationalIds = new HashSet<Finding> { Finding.UsSocialSecurityNumber };

    public static (DataClass Class, string Reason) Decide(IReadOnlyDictionary<Finding, int> findings, string key, IReadOnlyList<string> publicPrefixes)
    {
        string Found(IEnumerable<Finding> kinds) => string.Join(", ", kinds.Where(findings.ContainsKey).Select(k => $"{findings[k]} {Words(k)}"));
        if (findings.Keys.Any(Credentials.Contains)) return (DataClass.Restricted, "credentials: " + Found(Credentials));
        if (findings.Keys.Any(k => Financial.Contains(k) || NationalIds.Contains(k))) return (DataClass.Confidential, "financial or identity data: " + Found(Financial.Concat(NationalIds)));
        if (findings.GetValueOrDefault(Finding.EmailAddress) >= PeopleListThreshold) return (DataClass.Confidential, $"personal data: {findings[Finding.EmailAddress]} e-mail addresses");
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
        Finding.UsSocialSecurityNumber => "US social security number(s)",
        _ => f.ToString(),
    };

    public static string Tag(DataClass c) => c.ToString().ToLowerInvariant();
    public static string Tag(ContentKind k) => k.ToString().ToLowerInvariant();
}
