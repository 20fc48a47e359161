using System.Net;
using Amazon.S3;
using Steward.Core.Ports;

namespace Steward.Aws;

/// <summary>S3's errors in the domain's words, in one place for every S3 adapter (as <see cref="Ec2Errors"/> is for EC2).</summary>
public static class S3Errors
{
    /// <summary>The key, the version or the whole bucket is not there: a read finds nothing, which is not an error.</summary>
    public static bool Missing(AmazonS3Exception e) => e.StatusCode == HttpStatusCode.NotFound || e.ErrorCode is "NoSuchKey" or "NoSuchVersion" or "NoSuchBucket";

    public static DependencyFailed Translate(AmazonS3Exception e, string location) =>
        new("s3", e.ErrorCode ?? "Unknown", $"{location}: {e.Message}", (int)e.StatusCode, e);
}
