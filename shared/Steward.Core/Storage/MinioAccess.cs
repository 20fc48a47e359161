using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Steward.Core.Storage;

/// <summary>
/// How Steward reaches one MinIO deployment: the bearer tokens its webhook target may send (<c>auth_token</c>; several, so
/// one is rotated by adding the new, reconfiguring MinIO, then removing the old), and its S3 endpoint with the credentials
/// Steward reads and tags objects with. Both come from SSM SecureStrings; none of it is ever logged.
/// </summary>
public sealed record MinioAccess(IReadOnlyList<string> Tokens, Uri Endpoint, string AccessKeyId, string SecretAccessKey)
{
    /// <summary>The tokens parameter: tokens separated by commas.</summary>
    public static IReadOnlyList<string> ParseTokens(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } tokens
            ? tokens : throw new FormatException("holds no token");

    /// <summary>The endpoint parameter: <c>{"endpoint":"https://minio.example.com:9000","accessKeyId":"…","secretAccessKey":"…"}</c>.</summary>
    public static (Uri Endpoint, string AccessKeyId, string SecretAccessKey) ParseEndpoint(string value)
    {
        try
        {
            using var doc = JsonDocument.Parse(value);
            var root = doc.RootElement;
            string Field(string name) => root.TryGetProperty(name, out var v) && v.GetString() is { Length: > 0 } s ? s : throw new FormatException($"has no {name}");
            return Uri.TryCreate(Field("endpoint"), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? (uri, Field("accessKeyId"), Field("secretAccessKey"))
                : throw new FormatException("endpoint is not an http(s) URL");
        }
        catch (JsonException) { throw new FormatException("is not JSON of endpoint, accessKeyId and secretAccessKey"); }
    }

    /// <summary>
    /// Whether an Authorization header carries one of the tokens (<c>Bearer &lt;token&gt;</c>, as MinIO sends it), compared in
    /// constant time against every token so the answer's timing tells nothing of any.
    /// </summary>
    public bool Admits(string? authorization)
    {
        const string scheme = "Bearer ";
        var presented = authorization is { } a && a.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? Encoding.UTF8.GetBytes(a[scheme.Length..].Trim()) : [];
        var admitted = false;
        foreach (var token in Tokens)
        {
            var expected = SHA256.HashData(Encoding.UTF8.GetBytes(token));
            admitted |= presented.Length > 0 && CryptographicOperations.FixedTimeEquals(SHA256.HashData(presented), expected);
        }
        return admitted;
    }
}
