using System.Text.Json.Serialization;
using Steward.Core.Json;

namespace Steward.Core.Events;

/// <summary>
/// An S3 event notification as S3 delivers it to Lambda, SQS or SNS: <c>{"Records": [...]}</c>. MinIO sends the same record
/// shape (<c>eventSource = minio:s3</c>, <c>eventName</c> prefixed <c>s3:</c>, often an empty region) and its webhook target
/// wraps the records with <c>EventName</c> (older MinIO: <c>EventType</c>) and <c>Key</c> (<c>bucket/key</c>).
/// A new notification configuration first sends an <c>s3:TestEvent</c> with no <c>Records</c> at all.
/// </summary>
public sealed record S3EventNotification
{
    [JsonPropertyName("Records")] public List<S3EventRecord>? Records { get; init; }

    // s3:TestEvent fields.
    [JsonPropertyName("Service")] public string? Service { get; init; }
    [JsonPropertyName("Event")] public string? Event { get; init; }
    [JsonPropertyName("Bucket")] public string? Bucket { get; init; }

    // MinIO webhook wrapper fields.
    [JsonPropertyName("EventName")] public string? EventName { get; init; }
    [JsonPropertyName("EventType")] public string? EventType { get; init; }
    [JsonPropertyName("Key")] public string? Key { get; init; }

    public bool IsTestEvent => Event == "s3:TestEvent";
}

public sealed record S3EventRecord
{
    [JsonPropertyName("eventVersion")] public string? EventVersion { get; init; }
    /// <summary><c>aws:s3</c>, or <c>minio:s3</c> from MinIO.</summary>
    [JsonPropertyName("eventSource")] public string? EventSource { get; init; }
    [JsonPropertyName("awsRegion")] public string? AwsRegion { get; init; }
    [JsonPropertyName("eventTime"), JsonConverter(typeof(LenientTimestampConverter))] public DateTimeOffset? EventTime { get; init; }
    /// <summary><c>ObjectCreated:Put</c>, <c>ObjectRemoved:Delete</c>, …; MinIO prefixes <c>s3:</c>.</summary>
    [JsonPropertyName("eventName")] public string? EventName { get; init; }
    [JsonPropertyName("userIdentity")] public S3UserIdentity? UserIdentity { get; init; }
    [JsonPropertyName("s3")] public S3Entity? S3 { get; init; }

    /// <summary>The event name without MinIO's <c>s3:</c> prefix, so both read the same.</summary>
    [JsonIgnore] public string? NormalizedEventName => EventName is { } n && n.StartsWith("s3:", StringComparison.Ordinal) ? n[3..] : EventName;
}

public sealed record S3UserIdentity
{
    [JsonPropertyName("principalId")] public string? PrincipalId { get; init; }
}

public sealed record S3Entity
{
    [JsonPropertyName("s3SchemaVersion")] public string? SchemaVersion { get; init; }
    [JsonPropertyName("configurationId")] public string? ConfigurationId { get; init; }
    [JsonPropertyName("bucket")] public S3BucketEntity? Bucket { get; init; }
    [JsonPropertyName("object")] public S3ObjectEntity? Object { get; init; }
}

public sealed record S3BucketEntity
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("arn")] public string? Arn { get; init; }
}

public sealed record S3ObjectEntity
{
    /// <summary>URL-encoded, with <c>+</c> for a space: decode with <see cref="DecodedKey"/> before using it as a key.</summary>
    [JsonPropertyName("key")] public string? Key { get; init; }
    /// <summary>Absent on deletes.</summary>
    [JsonPropertyName("size")] public long? Size { get; init; }
    /// <summary>Absent on deletes.</summary>
    [JsonPropertyName("eTag")] public string? ETag { get; init; }
    [JsonPropertyName("versionId")] public string? VersionId { get; init; }
    [JsonPropertyName("sequencer")] public string? Sequencer { get; init; }
    /// <summary>MinIO only.</summary>
    [JsonPropertyName("contentType")] public string? ContentType { get; init; }
    /// <summary>MinIO only (<c>userMetadata</c>, older releases <c>userDefined</c>).</summary>
    [JsonPropertyName("userMetadata")] public Dictionary<string, string>? UserMetadata { get; init; }
    [JsonPropertyName("userDefined")] public Dictionary<string, string>? UserDefined { get; init; }

    /// <summary>The real object key: S3 form-encodes keys in notifications (<c>+</c> for space, <c>%XX</c> otherwise).</summary>
    [JsonIgnore] public string? DecodedKey => Key is null ? null : Uri.UnescapeDataString(Key.Replace('+', ' '));
}

/// <summary><c>detail</c> of S3's own EventBridge events (<c>detail-type = Object Created | Object Deleted</c>).</summary>
public sealed record S3EventBridgeDetail
{
    public const string Source = "aws.s3";

    [JsonPropertyName("version")] public string? Version { get; init; }
    [JsonPropertyName("bucket")] public S3BucketEntity? Bucket { get; init; }
    [JsonPropertyName("object")] public S3EventBridgeObject? Object { get; init; }
    [JsonPropertyName("request-id")] public string? RequestId { get; init; }
    [JsonPropertyName("requester")] public string? Requester { get; init; }
    [JsonPropertyName("source-ip-address")] public string? SourceIpAddress { get; init; }
    /// <summary><c>PutObject</c>, <c>CopyObject</c>, <c>CompleteMultipartUpload</c>, <c>DeleteObject</c>, …</summary>
    [JsonPropertyName("reason")] public string? Reason { get; init; }
    [JsonPropertyName("deletion-type")] public string? DeletionType { get; init; }
}

public sealed record S3EventBridgeObject
{
    [JsonPropertyName("key")] public string? Key { get; init; }
    [JsonPropertyName("size")] public long? Size { get; init; }
    [JsonPropertyName("etag")] public string? ETag { get; init; }
    [JsonPropertyName("version-id")] public string? VersionId { get; init; }
    [JsonPropertyName("sequencer")] public string? Sequencer { get; init; }
}
