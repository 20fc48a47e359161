using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using Steward.Core.Ports;

namespace Steward.Aws;

/// <summary>
/// Whole objects in one bucket: written with their SHA-256, which S3 checks on arrival (what is stored is what was sent),
/// read back whole, missing as null. The evidence and snapshot stores are this with their own words on top.
/// </summary>
public sealed class S3Objects(IAmazonS3 s3, string bucket)
{
    /// <remarks>
    /// s3:ListBucket is what makes a missing object read as missing: without it S3 answers 403 AccessDenied for a key that
    /// does not exist (so as not to reveal it), and the first run, which finds no history or record yet, would fail.
    /// </remarks>
    public static readonly IReadOnlyList<string> IamActions = ["s3:PutObject", "s3:GetObject", "s3:ListBucket"];

    public string Bucket => bucket;

    public async Task<StoredObject> PutAsync(string key, byte[] content, string contentType, CancellationToken ct)
    {
        var sha = SHA256.HashData(content);
        try
        {
            var response = await s3.PutObjectAsync(new PutObjectRequest
            {
                BucketName = bucket, Key = key, InputStream = new MemoryStream(content), ContentType = contentType,
                ChecksumAlgorithm = ChecksumAlgorithm.SHA256, ChecksumSHA256 = Convert.ToBase64String(sha),
            }, ct);
            return new StoredObject(key, response.VersionId, Convert.ToHexStringLower(sha), content.LongLength);
        }
        catch (AmazonS3Exception e) { throw S3Errors.Translate(e, Location(key)); }
        catch (Exception e) when (Unreachable.Is(e)) { throw Unreachable.Translate("s3", Location(key), e); }
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
        catch (AmazonS3Exception e) when (S3Errors.Missing(e)) { return null; }
        catch (AmazonS3Exception e) { throw S3Errors.Translate(e, Location(key)); }
        catch (Exception e) when (Unreachable.Is(e)) { throw Unreachable.Translate("s3", Location(key), e); }
    }

    /// <summary>A presigned GET: it lasts the lifetime asked, or less when the signing credentials expire first (a Lambda role's session).</summary>
    public string PresignedGet(string key, TimeSpan lifetime) =>
        s3.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            // SigV4 allows at most seven days; asked for more (or for seven, by the time the SDK signs) the SDK falls back to
            // SigV2, which objects encrypted with KMS refuse. A minute's margin keeps it SigV4.
            BucketName = bucket, Key = key, Verb = HttpVerb.GET, Expires = DateTime.UtcNow.Add(lifetime < MaxLinkLifetime ? lifetime : MaxLinkLifetime),
            // An emulator's endpoint is plain http; AWS's is https (and SigV4, which SSE-KMS objects require).
            Protocol = s3.Config.ServiceURL is { } url && url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? Protocol.HTTP : Protocol.HTTPS,
        });

    public string Location(string key) => $"s3://{bucket}/{key}";

    public static readonly TimeSpan MaxLinkLifetime = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);
}
