using System.Security.Cryptography;
using System.Text;
using Steward.Core.Ports;

namespace Steward.Core.Instances;

/// <summary>
/// HTTP Basic authentication as ServiceNow's <c>RESTMessageV2.setBasicAuth(user, key)</c> sends it. Every credential is
/// compared, in constant time, over SHA-256 digests (equal length whatever was sent), so neither timing nor length tells
/// a caller how close a guess was.
/// </summary>
public static class BasicAuthentication
{
    public const string Challenge = "Basic realm=\"steward\", charset=\"UTF-8\"";

    /// <summary>The user the header proves, or null.</summary>
    public static string? Authenticate(string? authorization, IReadOnlyList<ApiCredential> credentials)
    {
        if (authorization is null || !authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
        string decoded;
        try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..].Trim())); }
        catch (FormatException) { return null; }
        var colon = decoded.IndexOf(':');
        if (colon < 0) return null;

        var user = Digest(decoded[..colon]);
        var key = Digest(decoded[(colon + 1)..]);
        string? proven = null;
        foreach (var credential in credentials)
        {
            // Non-short-circuit '&' and no early exit: the work done does not depend on which part matched.
            var match = CryptographicOperations.FixedTimeEquals(user, Digest(credential.User)) &
                        CryptographicOperations.FixedTimeEquals(key, Digest(credential.Key));
            if (match) proven = credential.User;
        }
        return proven;
    }

    /// <summary>Reads <c>user:key</c> pairs separated by commas or new lines, as kept in the SSM parameter.</summary>
    public static IReadOnlyList<ApiCredential> ParseCredentials(string text) =>
        text.Split([',', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.IndexOf(':') is var i and > 0 && i < pair.Length - 1
                ? new ApiCredential(pair[..i], pair[(i + 1)..])
                : throw new FormatException("an API key entry is not user:key (entry not shown: it may hold a key)"))
            .ToList();

    private static byte[] Digest(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));
}
