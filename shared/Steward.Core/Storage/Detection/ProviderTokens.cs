using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Steward.Core.Storage;

/// <summary>
/// Credentials issued by a provider, each told by the prefix and shape the provider gives them (as gitleaks' rules and
/// detect-secrets' plugins tell them; these are our own patterns): AWS access key ids and, beside a name that says so,
/// secret keys; private keys' PEM headers; GitHub, GitLab, Slack and Stripe tokens; Slack webhooks; Google API keys;
/// Azure storage account keys; JSON web tokens whose header is JSON naming an algorithm. A value whose random part is one
/// repeated character or near it (<c>ghp_xxxx…</c>) is a placeholder in documentation, not a credential.
/// Every pattern is bounded: the scanner runs on untrusted text.
/// </summary>
internal static partial class ProviderTokens
{
    private static readonly SearchValues<string> Prefixes = SearchValues.Create(
        ["AKIA", "ASIA", "ABIA", "ACCA", "A3T", "ecret", "PRIVATE KEY", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_",
         "glpat-", "gldt-", "glrt-", "glptt-", "glcbt-", "glimt-", "gloas-", "glsoat-", "glagent-", "glft-", "glffct-", "GR1348941",
         "xox", "xapp-", "hooks.slack.com", "k_live_", "k_prod_", "AIza", "AccountKey=", "eyJ"], StringComparison.Ordinal);

    public static bool MayHold(ReadOnlySpan<char> line) => line.IndexOfAny(Prefixes) >= 0;

    /// <summary>Counts each provider's tokens on the line through <paramref name="count"/>; whether any was found.</summary>
    public static bool Count(ReadOnlySpan<char> line, Func<Finding, int, bool> count)
    {
        var any = count(Finding.AwsAccessKeyId, Random(AccessKeyId(), line, 4));
        if (line.Contains("ecret", StringComparison.OrdinalIgnoreCase) && SecretKeyName().IsMatch(line)) any |= count(Finding.AwsSecretAccessKey, Random(SecretKeyValue(), line, 0));
        if (line.Contains("PRIVATE KEY", StringComparison.Ordinal)) any |= count(Finding.PrivateKey, PrivateKeyHeader().Count(line));
        any |= count(Finding.GitHubToken, Random(GitHubToken(), line, 4) + Random(GitHubFineGrainedToken(), line, 11));
        any |= count(Finding.GitLabToken, Random(GitLabToken(), line, 0));
        any |= count(Finding.SlackToken, Random(SlackToken(), line, 5));
        any |= count(Finding.SlackWebhook, Random(SlackWebhook(), line, 0));
        any |= count(Finding.StripeSecretKey, Random(StripeSecretKey(), line, 8));
        any |= count(Finding.GoogleApiKey, Random(GoogleApiKey(), line, 4));
        any |= count(Finding.AzureStorageAccountKey, Random(AzureStorageAccountKey(), line, 11));
        if (line.Contains("eyJ", StringComparison.Ordinal))
        {
            var jwts = 0;
            foreach (var m in JsonWebToken().EnumerateMatches(line)) if (HeaderNamesAnAlgorithm(line.Slice(m.Index, m.Length))) jwts++;
            any |= count(Finding.JsonWebToken, jwts);
        }
        return any;
    }

    /// <summary>Matches whose part after the prefix is not a placeholder (<see cref="SecretText.LooksRandom"/>).</summary>
    private static int Random(Regex pattern, ReadOnlySpan<char> line, int prefix)
    {
        var found = 0;
        foreach (var m in pattern.EnumerateMatches(line))
            if (SecretText.LooksRandom(line.Slice(m.Index + prefix, m.Length - prefix))) found++;
        return found;
    }

    /// <summary>A JWT's first part is base64url of a JSON object with an "alg" (RFC 7515): three parts of base64url alone are not one.</summary>
    private static bool HeaderNamesAnAlgorithm(ReadOnlySpan<char> token)
    {
        var header = token[..token.IndexOf('.')];
        if (header.Length > 1024) return false;
        Span<byte> bytes = stackalloc byte[768];
        if (!Base64Url.TryDecodeFromChars(header, bytes, out var written)) return false;
        try
        {
            var reader = new Utf8JsonReader(bytes[..written]);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var alg = reader.ValueTextEquals("alg"u8);
                if (!reader.Read()) return false;
                if (alg) return reader.TokenType == JsonTokenType.String;
                reader.Skip();
            }
            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}\b")]
    private static partial Regex AccessKeyId();

    [GeneratedRegex(@"(?i)aws.?secret.?access.?key|secretaccesskey|aws_secret")]
    private static partial Regex SecretKeyName();

    [GeneratedRegex(@"(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])")]
    private static partial Regex SecretKeyValue();

    /// <summary>PEM's "BEGIN … PRIVATE KEY" in any of its kinds (RSA, EC, DSA, OPENSSH, ENCRYPTED, PGP's "PRIVATE KEY BLOCK").</summary>
    [GeneratedRegex(@"-----BEGIN[ A-Z0-9]{0,24} PRIVATE KEY( BLOCK)?-----|-----BEGIN PRIVATE KEY-----")]
    private static partial Regex PrivateKeyHeader();

    /// <summary>Classic tokens: personal (ghp), OAuth (gho), user-to-server (ghu), server-to-server (ghs), refresh (ghr), 36 characters.</summary>
    [GeneratedRegex(@"\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b")]
    private static partial Regex GitHubToken();

    /// <summary>Fine-grained personal access tokens: github_pat_ and 82 word characters.</summary>
    [GeneratedRegex(@"\bgithub_pat_[A-Za-z0-9_]{82}\b")]
    private static partial Regex GitHubFineGrainedToken();

    /// <summary>GitLab's prefixed tokens (personal, deploy, runner, pipeline trigger, CI job, OAuth secrets…) and runner registration tokens.</summary>
    [GeneratedRegex(@"(?<![\w-])(?:gl(?:pat|dt|rt|ptt|cbt|imt|oas|soat|agent|ft|ffct)-[\w-]{20,80}|GR1348941[\w-]{20,80})(?![\w-])")]
    private static partial Regex GitLabToken();

    /// <summary>Bot, user, app-level, workspace and legacy tokens: xox?- then dash-separated numbers and a random tail; xapp- likewise.</summary>
    [GeneratedRegex(@"(?<![\w-])(?:xox[abposre]|xapp)-(?:[0-9A-Za-z]{1,20}-){1,4}[0-9A-Za-z]{8,64}(?![\w-])")]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9_+/]{20,120}")]
    private static partial Regex SlackWebhook();

    /// <summary>Live (not test) secret and restricted keys.</summary>
    [GeneratedRegex(@"\b[sr]k_(?:live|prod)_[A-Za-z0-9]{20,99}\b")]
    private static partial Regex StripeSecretKey();

    [GeneratedRegex(@"(?<![\w-])AIza[0-9A-Za-z_-]{35}(?![\w-])")]
    private static partial Regex GoogleApiKey();

    /// <summary>A storage account key in a connection string: 64 bytes, 88 characters of base64.</summary>
    [GeneratedRegex(@"AccountKey=[A-Za-z0-9+/]{86}==")]
    private static partial Regex AzureStorageAccountKey();

    /// <summary>Header, payload and signature (empty when unsigned), base64url each.</summary>
    [GeneratedRegex(@"(?<![\w-])eyJ[A-Za-z0-9_-]{8,1000}\.[A-Za-z0-9_-]{2,8000}\.[A-Za-z0-9_-]{0,1000}(?![\w.-])")]
    private static partial Regex JsonWebToken();
}
