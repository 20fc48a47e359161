using Steward.Core.Events;
using Steward.Core.Json;
using Steward.Core.Observability;

namespace Steward.StorageHooks;

/// <summary>Entry point for S3 (and MinIO) object events: S3 notifications, MinIO's webhook body, or S3 through EventBridge.</summary>
public sealed class Function
{
    private readonly StructuredLog _log;

    public Function() : this(StructuredLog.ToStdout(nameof(StorageHooks))) { }

    public Function(StructuredLog log) => _log = log;

    public async Task<Stream> Handle(Stream input)
    {
        var outcome = await Run(input).ConfigureAwait(false);
        return ResponseWriter.ToStream(outcome);
    }

    private async Task<InvocationOutcome> Run(Stream input)
    {
        StorageEventBatch batch;
        try
        {
            batch = StorageEvents.Read(await EventReader.ReadDocumentAsync(input).ConfigureAwait(false));
        }
        catch (MalformedEventException e)
        {
            _log.Warn("event rejected", ("reason", e.Message));
            return InvocationOutcome.Rejected(e.Message);
        }

        if (batch.IsTestEvent)
        {
            _log.Info("s3 test event acknowledged");
            return InvocationOutcome.Ignored("s3:TestEvent, sent when a notification is configured");
        }

        foreach (var c in batch.Changes)
            _log.Info("object change received", ("bucket", c.Bucket), ("key", c.Key), ("kind", c.Kind.ToString()),
                ("eventName", c.EventName), ("size", c.Size), ("origin", c.Origin));
        return new InvocationOutcome { Status = "done", Summary = new() { ["changes"] = batch.Changes.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) } };
    }
}
