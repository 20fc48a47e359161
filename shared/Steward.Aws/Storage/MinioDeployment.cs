using Amazon.Runtime;
using Amazon.S3;
using Steward.Core.Ports;
using Steward.Core.Storage;

namespace Steward.Aws.Storage;

/// <summary>
/// A MinIO deployment as Steward reaches it: the webhook's tokens and the S3 endpoint with its credentials, each from an
/// SSM SecureString; the S3 client to it made once per endpoint and key (a rotation makes a new one).
/// </summary>
public sealed class MinioDeployment(SsmSecureParameter tokens, SsmSecureParameter endpoint)
{
    public static IReadOnlyList<string> IamActions => SsmSecureParameter.IamActions;

    private (string Key, IAmazonS3 Client)? _client;

    public async Task<MinioAccess> AccessAsync(CancellationToken ct)
    {
        IReadOnlyList<string> list;
        try { list = MinioAccess.ParseTokens(await tokens.GetAsync(ct)); }
        catch (FormatException e) { throw new DependencyFailed("ssm", "MalformedParameter", $"{tokens.Name} {e.Message}: write the webhook's tokens separated by commas", 500); }
        try
        {
            var (uri, id, secret) = MinioAccess.ParseEndpoint(await endpoint.GetAsync(ct));
            return new MinioAccess(list, uri, id, secret);
        }
        catch (FormatException e) { throw new DependencyFailed("ssm", "MalformedParameter", $"{endpoint.Name} {e.Message}", 500); }
    }

    /// <summary>MinIO speaks S3 on one host: path-style addressing, signed for the region MinIO is told to be in (us-east-1 by default).</summary>
    public IAmazonS3 Client(MinioAccess access)
    {
        var key = access.Endpoint + "\u001F" + access.AccessKeyId + "\u001F" + access.SecretAccessKey.GetHashCode(StringComparison.Ordinal);
        if (_client is { } c && c.Key == key) return c.Client;
        var client = new AmazonS3Client(new BasicAWSCredentials(access.AccessKeyId, access.SecretAccessKey),
            new AmazonS3Config { ServiceURL = access.Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        _client = (key, client);
        return client;
    }
}
