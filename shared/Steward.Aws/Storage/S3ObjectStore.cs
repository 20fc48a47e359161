using Amazon.S3;
using Amazon.S3.Model;
using Steward.Core.Ports;

namespace Steward.Aws.Storage;

/// <summary>
/// The watched buckets through the S3 API (AWS, or a MinIO deployment's endpoint): ranged GETs of one version, and its
/// tags read and replaced. A key or version that no longer exists reads as null: an object deleted before its event was
/// handled is not an error.
/// </summary>
public sealed class S3ObjectStore(IAmazonS3 s3) : IObjectStore, IBucketLister
{
    /// <remarks>The *Version* actions are what S3 checks when a version id is given; ListBucket makes a missing key a 404, not a 403.</remarks>
    public static readonly IReadOnlyList<string> IamActions =
        ["s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectTagging", "s3:GetObjectVersionTagging", "s3:PutObjectTagging", "s3:PutObjectVersionTagging", "s3:ListBucket"];

    public async Task<ObjectStart?> ReadStartAsync(string bucket, string key, string? versionId, int maxBytes, CancellationToken ct)
    {
        if (maxBytes <= 0)
        {
            var head = await HeadAsync(bucket, key, versionId, ct);
            return head is null ? null : new ObjectStart([], head.ContentLength, head.VersionId, head.StorageClass?.Value);
        }
        try
        {
            using var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key, VersionId = versionId, ByteRange = new ByteRange(0, maxBytes - 1) }, ct);
            using var copy = new MemoryStream();
            await response.ResponseStream.CopyToAsync(copy, ct);
            return new ObjectStart(copy.ToArray(), TotalSize(response.ContentRange) ?? response.ContentLength, response.VersionId, response.StorageClass?.Value);
        }
        catch (AmazonS3Exception e) when (S3Errors.Missing(e)) { return null; }
        catch (AmazonS3Exception e) when (e.ErrorCode == "InvalidRange")
        {
            // An empty object has no byte 0: S3 refuses the range. It is still an object, of nothing.
            var head = await HeadAsync(bucket, key, versionId, ct);
            return head is null ? null : new ObjectStart([], 0, head.VersionId, head.StorageClass?.Value);
        }
        catch (AmazonS3Exception e) { throw S3Errors.Translate(e, $"s3://{bucket}/{key}"); }
        catch (Exception e) when (Unreachable.Is(e)) { throw Unreachable.Translate("s3", $"s3://{bucket}/{key}", e); }
    }

    public async Task<Stream?> ReadRangeAsync(string bucket, string key, string? versionId, long from, long toExclusive, CancellationToken ct)
    {
        try
        {
            using var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key, VersionId = versionId, ByteRange = new ByteRange(from, toExclusive - 1) }, ct);
            var copy = new MemoryStream(); // at most the scan limit
            await response.ResponseStream.CopyToAsync(copy, ct);
            copy.Position = 0;
            return copy;
        }
        catch (AmazonS3Exception e) when (S3Errors.Missing(e)) { return null; }
        catch (AmazonS3Exception e) { throw S3Errors.Translate(e, $"s3://{bucket}/{key}"); }
        catch (Exception e) when (Unreachable.Is(e)) { throw Unreachable.Translate("s3", $"s3://{bucket}/{key}", e); }
    }

    public async Task<IReadOnlyDictionary<string, string>?> GetTagsAsync(string bucket, string key, string? versionId, CancellationToken ct)
    {
        try
        {
            var response = await s3.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = bucket, Key = key, VersionId = versionId }, ct);
            return (response.Tagging ?? []).ToDictionary(t => t.Key, t => t.Value);
        }
        catch (AmazonS3Exception e) when (S3Errors.Missing(e)) { return null; }
        catch (AmazonS3Exception e) { throw S3Errors.Translate(e, $"s3://{bucket}/{key}"); }
        catch (Exception e) when (Unreachable.Is(e)) { throw Unreachable.Translate("s3", $"s3://{bucket}/{key}", e); }
    }

    public async Task PutTagsAsync(string bucket, string key, string? versionId, IReadOnlyDictionary<string, string> tags, CancellationToken ct)
    {
        try
        {
            await s3.PutObjectTaggingAsync(new PutObjectTaggingRequest
            {
                BucketName = bucket, Key = key, VersionId = versionId,
                Tagging = new Tagging { TagSet = tags.Select(t => new Tag { Key = t.Key, Value = t.Value }).ToList() },
            }, ct);
        }
        catch (AmazonS3Exception e) { throw S3Errors.Translate(e, $"s3://{bucket}/{key}"); }
        catch (Exception e) when (Unreachable.Is(e)) { throw Unreachable.Translate("s3", $"s3://{bucket}/{key}", e); }
    }

    public async Task<ListingPage> ListAsync(string bucket, string? token, CancellationToken ct)
    {
        try
        {
            var page = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, ContinuationToken = token, MaxKeys = 1000 }, ct);
            return new ListingPage((page.S3Objects ?? []).Select(o => new ListedObject(o.Key, o.Size ?? 0, o.StorageClass?.Value ?? "STANDARD")).ToList(),
                page.IsTruncated == true ? page.NextContinuationToken : null);
        }
        catch (AmazonS3Exception e) { throw S3Errors.Translate(e, $"s3://{bucket}"); }
        catch (Exception e) when (Unreachable.Is(e)) { throw Unreachable.Translate("s3", $"s3://{bucket}", e); }
    }

    private async Task<GetObjectMetadataResponse?> HeadAsync(string bucket, string key, string? versionId, CancellationToken ct)
    {
        try { return await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = key, VersionId = versionId }, ct); }
        catch (AmazonS3Exception e) when (S3Errors.Missing(e)) { return null; }
    }

    /// <summary>"bytes 0-65535/1048576" → 1048576.</summary>
    private static long? TotalSize(string? contentRange) =>
        contentRange is { } r && r.LastIndexOf('/') is var slash and >= 0 && long.TryParse(r[(slash + 1)..], out var total) ? total : null;
}
