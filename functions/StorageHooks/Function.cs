using System.Globalization;
using Steward.Aws;
using Steward.Aws.Storage;
using Steward.Core.Events;
using Steward.Core.Json;
using Steward.Core.Observability;
using Steward.Core.Ports;
using Steward.Core.Storage;

namespace Steward.StorageHooks;

/// <summary>
/// Entry point for S3 (and MinIO) object events: S3 notifications, MinIO's webhook body, or S3 through EventBridge. Each
/// new object version is classified and tagged; Steward's own objects and excluded prefixes are left alone. A bad event is
/// rejected with nothing changed; an S3 failure throws, so Lambda retries and the dead-letter queue keeps the event.
/// </summary>
public sealed class Function
{
    public static IEnumerable<string> IamActions => S3ObjectStore.IamActions.Concat(DynamoDbStorageLedger.IamActions).Distinct();

    private readonly StorageHook _classifier;
    private readonly StructuredLog _log;

    public Function() : this(ProcessEnvironment.Instance, TimeProvider.System, StructuredLog.ToStdout(nameof(StorageHooks))) { }

    private Function(IEnvironment env, TimeProvider clock, StructuredLog log)
    {
        _log = log;
        var clients = new AwsClients(new AwsEnvironment(env));
        _classifier = new StorageHook(new S3ObjectStore(clients.S3()), new DynamoDbStorageLedger(clients.DynamoDb(), Settings.LedgerTable(env)), Settings.From(env), clock, log);
    }

    /// <summary>For tests: the classifier with fakes behind its port.</summary>
    public Function(StorageHook classifier, StructuredLog log)
    {
        _classifier = classifier;
        _log = log;
    }

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

        var results = new List<ChangeResult>();
        foreach (var c in batch.Changes)
        {
            _log.Info("object change received", ("bucket", c.Bucket), ("key", c.Key), ("kind", c.Kind.ToString()),
                ("eventName", c.EventName), ("size", c.Size), ("versionId", c.VersionId), ("origin", c.Origin));
            results.Add(await _classifier.HandleAsync(c, CancellationToken.None).ConfigureAwait(false));
        }
        foreach (var classified in results.Where(r => r.Classification is not null))
            _log.Metric("ObjectsClassified", 1, "Count", ("dataClass", DataClassRules.Tag(classified.Classification!.Class)));

        var summary = new Dictionary<string, string> { ["changes"] = batch.Changes.Count.ToString(CultureInfo.InvariantCulture) };
        foreach (var group in results.GroupBy(r => r.Outcome)) summary[char.ToLowerInvariant(group.Key.ToString()[0]) + group.Key.ToString()[1..]] = group.Count().ToString(CultureInfo.InvariantCulture);
        foreach (var r in results.Where(r => r.Classification is not null))
            summary[$"{r.Change.Bucket}/{r.Change.Key}"] = $"{DataClassRules.Tag(r.Classification!.Class)} {DataClassRules.Tag(r.Classification.Content)}";
        return new InvocationOutcome { Status = "done", Summary = summary };
    }
}
