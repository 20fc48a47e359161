using System.Net;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using Steward.Core.Ports;

namespace Steward.Aws.Incidents;

/// <summary>An exposed bucket's S3 calls, through the S3 SDK client: what makes it public read, its block set, its tags put back.</summary>
public sealed class S3BucketContainment(IAmazonS3 s3) : IBucketContainment
{
    /// <summary>DeletePublicAccessBlock is authorised as s3:PutBucketPublicAccessBlock, DeleteBucketTagging as s3:PutBucketTagging.</summary>
    public static readonly IReadOnlyList<string> IamActions =
    [
        "s3:GetBucketPolicy", "s3:GetBucketAcl", "s3:GetBucketPublicAccessBlock", "s3:PutBucketPublicAccessBlock", "s3:GetBucketTagging", "s3:PutBucketTagging",
    ];

    public async Task<BucketFacts?> DescribeAsync(string bucket, CancellationToken ct)
    {
        GetBucketAclResponse acl;
        try { acl = await s3.GetBucketAclAsync(new GetBucketAclRequest { BucketName = bucket }, ct); }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucket" || e.StatusCode == HttpStatusCode.NotFound) { return null; }
        catch (AmazonS3Exception e) { throw Failed(e, bucket); }

        var policy = await Optional(() => s3.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = bucket }, ct), "NoSuchBucketPolicy", bucket);
        var block = await Optional(() => s3.GetPublicAccessBlockAsync(new GetPublicAccessBlockRequest { BucketName = bucket }, ct), "NoSuchPublicAccessBlockConfiguration", bucket);
        var tags = await Optional(() => s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucket }, ct), "NoSuchTagSet", bucket);
        var grants = (acl.Grants ?? []).Select(g => new Dictionary<string, string?>
        {
            ["grantee"] = g.Grantee?.URI ?? g.Grantee?.CanonicalUser ?? g.Grantee?.EmailAddress, ["permission"] = g.Permission?.Value,
        }).ToList();
        var c = block?.PublicAccessBlockConfiguration;
        return new BucketFacts(bucket, policy?.Policy, JsonSerializer.Serialize(grants, BucketJson.Default.ListDictionaryStringString),
            c is null ? null : new PublicAccessBlockState(c.BlockPublicAcls ?? false, c.IgnorePublicAcls ?? false, c.BlockPublicPolicy ?? false, c.RestrictPublicBuckets ?? false),
            (tags?.TagSet ?? []).ToDictionary(t => t.Key, t => t.Value));
    }

    public async Task SetPublicAccessBlockAsync(string bucket, PublicAccessBlockState? state, CancellationToken ct)
    {
        try
        {
            if (state is null) await s3.DeletePublicAccessBlockAsync(new DeletePublicAccessBlockRequest { BucketName = bucket }, ct);
            else await s3.PutPublicAccessBlockAsync(new PutPublicAccessBlockRequest
            {
                BucketName = bucket,
                PublicAccessBlockConfiguration = new PublicAccessBlockConfiguration
                {
                    BlockPublicAcls = state.BlockPublicAcls, IgnorePublicAcls = state.IgnorePublicAcls, BlockPublicPolicy = state.BlockPublicPolicy, RestrictPublicBuckets = state.RestrictPublicBuckets,
                },
            }, ct);
        }
        catch (AmazonS3Exception e) { throw Failed(e, bucket); }
    }

    public async Task SetTagsAsync(string bucket, IReadOnlyDictionary<string, string> tags, CancellationToken ct)
    {
        try
        {
            if (tags.Count == 0) await s3.DeleteBucketTaggingAsync(new DeleteBucketTaggingRequest { BucketName = bucket }, ct);
            else await s3.PutBucketTaggingAsync(new PutBucketTaggingRequest { BucketName = bucket, TagSet = tags.Select(t => new Tag { Key = t.Key, Value = t.Value }).ToList() }, ct);
        }
        catch (AmazonS3Exception e) { throw Failed(e, bucket); }
    }

    private static async Task<T?> Optional<T>(Func<Task<T>> call, string absent, string bucket) where T : class
    {
        try { return await call(); }
        catch (AmazonS3Exception e) when (e.ErrorCode == absent) { return null; }
        catch (AmazonS3Exception e) { throw Failed(e, bucket); }
    }

    private static DependencyFailed Failed(AmazonS3Exception e, string bucket) => new("s3", e.ErrorCode ?? "Unknown", $"{bucket}: {e.Message}", (int)e.StatusCode, e);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(List<Dictionary<string, string?>>))]
internal sealed partial class BucketJson : System.Text.Json.Serialization.JsonSerializerContext;
