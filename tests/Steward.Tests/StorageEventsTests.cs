using System.Text.Json;
using Steward.Core.Events;
using Steward.Core.Json;
using Steward.Testing;

namespace Steward.Tests;

/// <summary>S3 notifications, MinIO's two shapes and S3 through EventBridge all become the same object changes.</summary>
public class StorageEventsTests
{
    private static StorageEventBatch Read(string text) => StorageEvents.Read(JsonDocument.Parse(text).RootElement);

    [Fact]
    public void S3_put_records_decode_form_encoded_keys()
    {
        var batch = Read(Fixtures.Text("s3/s3-put-records.aws-lambda-dotnet.json"));
        Assert.False(batch.IsTestEvent);
        Assert.Collection(batch.Changes,
            c => Assert.Equal(("sourcebucket", "HappyFace.jpg", ObjectChangeKind.Created, 1024L), (c.Bucket, c.Key, c.Kind, c.Size!.Value)),
            c => Assert.Equal("New File.jpg", c.Key));
        Assert.All(batch.Changes, c => Assert.Equal("ObjectCreated:Put", c.EventName));
        Assert.All(batch.Changes, c => Assert.Equal("0123456789abcdef0123456789abcdef", c.ETag));
    }

    [Fact]
    public void S3_delete_records_carry_no_size_and_decode_plus_and_percent()
    {
        var text = Fixtures.Render("s3/s3-delete-records.TEMPLATE.sam-cli.json",
            new Dictionary<string, string> { ["region"] = "us-east-1", ["bucket"] = "steward-data", ["key"] = "reports/Q3+plan%281%29.pdf", ["partition"] = "aws" });
        var change = Assert.Single(Read(text).Changes);
        Assert.Equal(ObjectChangeKind.Removed, change.Kind);
        Assert.Equal("reports/Q3 plan(1).pdf", change.Key);
        Assert.Null(change.Size);
        Assert.Null(change.ETag);
    }

    [Fact]
    public void MinIO_webhook_wrapper_with_EventType_reads_like_S3()
    {
        var change = Assert.Single(Read(Fixtures.Text("s3/minio-event-nats-subscriber-output.minio-docs.json")).Changes);
        Assert.Equal(("images", "myphoto.jpg", ObjectChangeKind.Created, "ObjectCreated:Put", "minio:s3"), (change.Bucket, change.Key, change.Kind, change.EventName, change.Origin));
        Assert.Equal(248682, change.Size);
        Assert.Equal("1", change.VersionId);
    }

    [Fact]
    public void MinIO_records_without_wrapper_read_too()
    {
        var change = Assert.Single(Read(Fixtures.Text("s3/minio-event-redis-hset-value.minio-docs.json")).Changes);
        Assert.Equal(("images", "myphoto.jpg", 2586L), (change.Bucket, change.Key, change.Size!.Value));
        Assert.Equal(new DateTimeOffset(2017, 3, 28, 7, 41, 19, TimeSpan.Zero), change.Time);
    }

    [Fact]
    public void S3_through_EventBridge_created_and_deleted_read()
    {
        var created = Assert.Single(Read(Fixtures.Text("s3/eventbridge-s3-object-created.aws-lambda-dotnet.json")).Changes);
        Assert.Equal(("DOC-EXAMPLE-BUCKET1", "example-key", ObjectChangeKind.Created, 5L, "PutObject"), (created.Bucket, created.Key, created.Kind, created.Size!.Value, created.EventName));
        var deleted = Assert.Single(Read(Fixtures.Text("s3/eventbridge-s3-object-deleted.aws-lambda-dotnet.json")).Changes);
        Assert.Equal(ObjectChangeKind.Removed, deleted.Kind);
        Assert.Equal("1QW9g1Z99LUNbvaaYVpW9xDlOLU.qxgF", deleted.VersionId);
    }

    [Fact]
    public void The_S3_test_event_is_recognised_and_holds_no_changes()
    {
        var batch = Read("""{"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2026-11-25T10:00:00.000Z","Bucket":"steward-data","RequestId":"X","HostId":"Y"}""");
        Assert.True(batch.IsTestEvent);
        Assert.Empty(batch.Changes);
    }

    [Theory]
    [InlineData("[]", "a storage event is a JSON object")]
    [InlineData("""{"hello":"world"}""", "not a storage event")]
    [InlineData("""{"Records":[{"eventName":"ObjectCreated:Put","s3":{"bucket":{}}}]}""", "Records[0] has no s3.bucket.name")]
    [InlineData("""{"Records":[{"eventName":"ObjectRestore:Post","s3":{"bucket":{"name":"b"},"object":{"key":"k"}}}]}""", "neither ObjectCreated nor ObjectRemoved")]
    [InlineData("""{"Records":[{"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"},"object":{"key":"k","size":"big"}}}]}""", "Records[0].s3.object.size is the string \"big\", where a number")]
    [InlineData("""{"source":"aws.s3","detail-type":"Object Restore Completed","detail":{}}""", "is not Object Created or Object Deleted")]
    public void Malformed_storage_events_are_rejected_with_what_is_wrong(string text, string expected)
    {
        var e = Assert.Throws<MalformedEventException>(() => Read(text));
        Assert.Contains(expected, e.Message);
    }
}
