using System.Text.Json;
using Steward.Core.Json;

namespace Steward.Core.Events;

public enum ObjectChangeKind { Created, Removed }

/// <summary>One object created or removed, whichever of the three shapes (S3 notification, MinIO, S3 through EventBridge) told us.</summary>
/// <param name="Account">The account the bucket is in, when the event says (EventBridge's <c>account</c>); S3's own
/// notifications and MinIO's come only from the deployment's own buckets.</param>
public sealed record StoredObjectChange(
    string Bucket, string Key, ObjectChangeKind Kind, string EventName, long? Size, string? ETag,
    string? VersionId, string? Sequencer, DateTimeOffset? Time, string Origin, string? Account = null);

/// <summary>What a storage event says: a list of changes, or nothing but S3's test event for a new notification.</summary>
public sealed record StorageEventBatch(IReadOnlyList<StoredObjectChange> Changes, bool IsTestEvent);

/// <summary>Reads every storage event shape Steward is wired to into one list of <see cref="StoredObjectChange"/>.</summary>
public static class StorageEvents
{
    /// <exception cref="MalformedEventException">The document is none of the known shapes, or a record lacks its bucket or key.</exception>
    public static StorageEventBatch Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new MalformedEventException($"a storage event is a JSON object, not {root.ValueKind}");

        if (root.TryGetProperty("Records", out _) || root.TryGetProperty("Event", out _))
            return FromNotification(EventReader.Read(root, StewardJsonContext.Default.S3EventNotification));

        if (root.TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.String && source.GetString() == S3EventBridgeDetail.Source)
            return FromEventBridge(EventReader.Read(root, StewardJsonContext.Default.EventBridgeEventS3EventBridgeDetail));

        throw new MalformedEventException("not a storage event: expected S3 or MinIO 'Records', or an EventBridge event from 'aws.s3'");
    }

    private static StorageEventBatch FromNotification(S3EventNotification n)
    {
        if (n.IsTestEvent) return new([], true);
        if (n.Records is null) throw new MalformedEventException("the S3 notification has no Records");
        var changes = n.Records.Select((r, i) =>
        {
            if (r is null) throw new MalformedEventException($"Records[{i}] is null, not an S3 event record");
            var name = r.NormalizedEventName ?? throw new MalformedEventException($"Records[{i}] has no eventName");
            var bucket = r.S3?.Bucket?.Name ?? throw new MalformedEventException($"Records[{i}] has no s3.bucket.name");
            var key = r.S3?.Object?.DecodedKey ?? throw new MalformedEventException($"Records[{i}] has no s3.object.key");
            return new StoredObjectChange(bucket, key, KindOf(name, i), name, r.S3.Object.Size, r.S3.Object.ETag,
                r.S3.Object.VersionId, r.S3.Object.Sequencer, r.EventTime, r.EventSource ?? "aws:s3");
        }).ToList();
        return new(changes, false);
    }

    private static StorageEventBatch FromEventBridge(EventBridgeEvent<S3EventBridgeDetail> e)
    {
        var kind = e.DetailType switch
        {
            "Object Created" => ObjectChangeKind.Created,
            "Object Deleted" => ObjectChangeKind.Removed,
            _ => throw new MalformedEventException($"S3 EventBridge detail-type '{e.DetailType}' is not Object Created or Object Deleted"),
        };
        var d = e.Detail ?? throw new MalformedEventException("the S3 EventBridge event has no detail");
        var bucket = d.Bucket?.Name ?? throw new MalformedEventException("the S3 EventBridge event has no detail.bucket.name");
        // EventBridge carries the key as stored (no form encoding), unlike S3's own notifications.
        var key = d.Object?.Key ?? throw new MalformedEventException("the S3 EventBridge event has no detail.object.key");
        return new([new StoredObjectChange(bucket, key, kind, d.Reason ?? e.DetailType!, d.Object.Size, d.Object.ETag, d.Object.VersionId,
            d.Object.Sequencer, LenientTimestampConverter.Parse(e.Time), "aws.s3", e.Account)], false);
    }

    private static ObjectChangeKind KindOf(string eventName, int index) =>
        eventName.StartsWith("ObjectCreated:", StringComparison.Ordinal) ? ObjectChangeKind.Created
        : eventName.StartsWith("ObjectRemoved:", StringComparison.Ordinal) ? ObjectChangeKind.Removed
        : throw new MalformedEventException($"Records[{index}] eventName '{eventName}' is neither ObjectCreated nor ObjectRemoved");
}
