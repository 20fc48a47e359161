using System.Net;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using Steward.Core.Ports;

namespace Steward.Aws.Incidents;

/// <summary>The evidence bucket: each object written whole, with its SHA-256 computed here and checked by S3 on arrival.</summary>
public sealed class S3EvidenceStore(IAmazonS3 s3, string bucket) : IEvidenceStore
{
    public static readonly IReadOnlyList<string> IamActions = ["s3:PutObject", "s3:GetObject"];

    public async Task<EvidenceObject> PutAsync(string key, byte[] content, string contentType, CancellationToken ct)
    {
        var sha = SHA256.HashData(content);
        try
        {
            var response = await s3.PutObjectAsync(new PutObjectRequest
            {
                BucketName = bucket, Key = key, InputStream = new MemoryStream(content), ContentType = contentType,
                // S3 verifies the digest and refuses a body that does not match it: what is stored is what was sent.
                ChecksumAlgorithm = ChecksumAlgorithm.SHA256, ChecksumSHA256 = Convert.ToBase64String(sha),
            }, ct);
            return new EvidenceObject(bucket, key, response.VersionId, Convert.ToHexStringLower(sha));
        }
        catch (AmazonS3Exception e) { throw new DependencyFailed("s3", e.ErrorCode ?? "Unknown", $"{Location(key)}: {e.Message}", (int)e.StatusCode, e); }
    }

    public async Task<byte[]?> GetAsync(string key, CancellationToken ct)
    {
        try
        {
            using var response = await s3.GetObjectAsync(bucket, key, ct);
            using var copy = new MemoryStream();
            await response.ResponseStream.CopyToAsync(copy, ct);
            return copy.ToArray();
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound) { return null; }
        catch (AmazonS3Exception e) { throw new DependencyFailed("s3", e.ErrorCode ?? "Unknown", $"{Location(key)}: {e.Message}", (int)e.StatusCode, e); }
    }

    public string Location(string key) => $"s3://{bucket}/{key}";
}
