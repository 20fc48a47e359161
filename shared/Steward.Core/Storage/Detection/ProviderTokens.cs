using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Steward.Core.Storage;

/// <summary>
/// Credentials issued by a provider, each told by the prefix and shape the provider gives them (as gitleaks' rules and
/// detect-secrets' plugins tell them; these are our own patterns): AWS access key ids and, beside a name that says so,
/// secret keys; GitHub, GitLab, Slack and Stripe tokens; Slack webhooks; Google API keys;
/// Azure storage account keys; JSON web tokens whose header is JSON naming an algorithm. A value whose random part is one
/// repeated character or near it (<c>ghp_xxxx…</c>) is a placeholder in documentation, not a credential.
/// Every pattern is bounded: the scanner runs on untrusted text.
/// </summary>
internal static partial class ProviderTokens
{
    private static readonly SearchValues<string> Prefixes = SearchValues.Create(
        ["AKIA", "ASIA", "ABIA", "ACCA", "A3T", "aws", "AWS", "Aws", "ecretAccessKey", "ecretaccesskey", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_",
         "glpat-", "gldt-", "glrt-", "glptt-", "glcbt-", "glimt-", "gloas-", "glsoat-", "glagent-", "glft-", "glffct-", "GR1348941",
         "xox", "xapp-", "hooks.slack.com", "k_live_", "k_prod_", "AIza", "AccountKey=", "eyJ"], StringComparison.Ordinal);

    public static bool MayHold(ReadOnlySpan<char> line) => line.IndexOfAny(Prefixes) >= 0;

    /// <summary>Counts each provider's tokens on the line through <paramref name="count"/>; whether any was found.</summary>
    public static bool Count(ReadOnlySpan<char> line, Func<Finding, int, bool> count)
    {
        var any = count(Finding.AwsAccessKeyId, NotPlaceholders(AccessKeyId(), line, 4));
        if ((line.Contains("aws", StringComparison.OrdinalIgnoreCase) || line.Contains("ecretaccesskey", StringComparison.OrdinalIgnoreCase)) && SecretKeyName().IsMatch(line)) any |= count(Finding.AwsSecretAccessKey, NotPlaceholders(SecretKeyValue(), line, 0));
        any |= count(Finding.GitHubToken, NotPlaceholders(GitHubToken(), line, 4) + NotPlaceholders(GitHubFineGrainedToken(), line, 11));
        any |= count(Finding.GitLabToken, NotPlaceholders(GitLabToken(), line, 0));
        any |= count(Finding.SlackToken, NotPlaceholders(SlackToken(), line, 5));
        any |= count(Finding.SlackWebhook, NotPlaceholders(SlackWebhook(), line, 0));
        any |= count(Finding.StripeSecretKey, NotPlaceholders(StripeSecretKey(), line, 8));
        any |= count(Finding.GoogleApiKey, NotPlaceholders(GoogleApiKey(), line, 4));
        any |= count(Finding.AzureStorageAccountKey, NotPlaceholders(AzureStorageAccountKey(), line, 11));
        if (line.Contains("eyJ", StringComparison.Ordinal))
        {
            var jwts = 0;
            foreach (var m in JsonWebToken().EnumerateMatches(line)) if (IsJsonWebToken(line.Slice(m.Index, m.Length))) jwts++;
            any |= count(Finding.JsonWebToken, jwts);
        }
        return any;
    }

    /// <summary>Matches whose part after the prefix is not a placeholder (<see cref="SecretText.LooksRandom"/>).</summary>
    private static int NotPlaceholders(Regex pattern, ReadOnlySpan<char> line, int prefix)
    {
        var found = 0;
        foreach (var m in pattern.EnumerateMatches(line))
            if (SecretText.LooksRandom(line.Slice(m.Index + prefix, m.Length - prefix))) found++;
        return found;
    }

    /// <summary>
    /// A JWT's first part is base64url of a JSON object with an "alg" (RFC 7515): three parts of base64url alone are not
    /// one. Written without its signature (<c>header.payload</c>, as detect-secrets also counts it: the claims are what a
    /// reader takes), the payload must be a JSON object too, since two dotted base64 runs are common in other things.
    /// </summary>
    private static bool IsJsonWebToken(ReadOnlySpan<char> token)
    {
        var firstDot = token.IndexOf('.');
        var rest = token[(firstDot + 1)..];
        var signed = rest.Contains('.');
        return DecodesToJsonObject(token[..firstDot], requireAlgorithm: true) && (signed || DecodesToJsonObject(rest, requireAlgorithm: false));
    }

    private static bool DecodesToJsonObject(ReadOnlySpan<char> part, bool requireAlgorithm)
    {
        // A length leaving one character over is no base64url at all (the decoder throws on it rather than answer false).
        if (part.Length > 8192 || part.Length % 4 == 1) return false;
        var most = Base64Url.GetMaxDecodedLength(part.Length);
        Span<byte> bytes = most <= 1024 ? stackalloc byte[1024] : new byte[most];
        try
        {
            if (!Base64Url.TryDecodeFromChars(part, bytes, out var written)) return false;
            var reader = new Utf8JsonReader(bytes[..written]);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            if (!requireAlgorithm) { reader.Skip(); return true; }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var alg = reader.ValueTextEquals("alg"u8);
                if (!reader.Read()) return false;
                if (alg) return reader.TokenType == JsonTokenType.String;
                reader.Skip();
            }
            return false;
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}\b")]
    private static partial Regex AccessKeyId();

    [GeneratedRegex(@"(?i)aws[\w.-]{0,20}?(?:secret|key)|secretaccesskey")]
    private static partial Regex SecretKeyName();

    [GeneratedRegex(@"(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])")]
    private static partial Regex SecretKeyValue();

    /// <summary>Classic tokens: personal (ghp), OAuth (gho), user-to-server (ghu), server-to-server (ghs), refresh (ghr), 36 characters.</summary>
    [GeneratedRegex(@"\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b")]
    private static partial Regex GitHubToken();

    /// <summary>Fine-grained personal access tokens: github_pat_ and 82 word characters.</summary>
    [GeneratedRegex(@"\bgithub_pat_[A-Za-z0-9_]{82}\b")]
    private static partial Regex GitHubFineGrainedToken();

    /// <summary>
    /// GitLab's prefixed tokens, each as long as GitLab makes it: personal, deploy, runner, feed and feature-flag tokens 20
    /// characters (routable personal and runner tokens longer, ending in a dot, a version and a checksum), pipeline trigger 40,
    /// CI job 20 after an optional partition, incoming mail 25, OAuth application secrets 64, service account 20 to 50, agent
    /// 50 or more; runner registration tokens GR1348941 and 20 to 50.
    /// </summary>
    [GeneratedRegex(@"(?<![\w-])(?:gl(?:pat|rt)-(?:[\w-]{20}|[\w-]{27,300}\.[0-9a-z]{2}[0-9a-z]{7})|gl(?:dt|ft|ffct)-[\w-]{20}|glptt-[\w-]{40}|glcbt-(?:[0-9a-zA-Z]{1,5}_)?[\w-]{20}|glimt-[\w-]{25}|gloas-[\w-]{64}|glsoat-[\w-]{20,50}|glagent-[\w-]{50,1024}|GR1348941[\w-]{20,50})(?![\w.-])")]
    private static partial Regex GitLabToken();

    /// <summary>Bot, user, app-level, workspace, configuration and legacy tokens: xox?- then a number, dash-separated ids and a random tail; xapp- likewise.</summary>
    [GeneratedRegex(@"(?<![\w-])(?:xox[abposre]|xapp)-[0-9]{1,20}-(?:[0-9A-Za-z]{1,20}-){0,3}[0-9A-Za-z]{8,256}(?![\w-])")]
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
    [GeneratedRegex(@"(?<![\w-])eyJ[A-Za-z0-9_-]{8,1000}\.(?:[A-Za-z0-9_-]{2,8000}\.[A-Za-z0-9_-]{0,1000}|eyJ[A-Za-z0-9_-]{8,8000})(?![\w.-])")]
    private static partial Regex JsonWebToken();
}
