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
    public static IEnumerable<string> IamActions =>
        S3ObjectStore.IamActions.Concat(DynamoDbStorageLedger.IamActions).Concat(Steward.Aws.Costs.S3SnapshotStore.IamActions).Concat(MinioDeployment.IamActions).Distinct();

    /// <summary>The route MinIO's webhook target posts to (template.yaml declares it).</summary>
    public const string MinioRoute = StorageEventHandling.MinioRoute;

    private readonly StorageHook _hook;
    private readonly StorageReconciler? _reconciler;
    private readonly Func<CancellationToken, Task<(MinioAccess Access, StorageHook Hook)>>? _minio;
    private readonly TimeSpan _reconcileBudget;
    private readonly StructuredLog _log;

    public Function() : this(ProcessEnvironment.Instance, TimeProvider.System, StructuredLog.ToStdout(nameof(StorageHooks))) { }

    private Function(IEnvironment env, TimeProvider clock, StructuredLog log)
    {
        _log = log;
        var aws = new AwsEnvironment(env);
        var clients = new AwsClients(aws);
        var s3 = clients.S3();
        var objects = new S3ObjectStore(s3);
        var ledger = new DynamoDbStorageLedger(clients.DynamoDb(), Settings.LedgerTable(env));
        var settings = Settings.From(env);
        _hook = new StorageHook(objects, ledger, settings, clock, log);
        _reconciler = new StorageReconciler(objects, ledger, _hook, new Steward.Aws.Costs.S3SnapshotStore(s3, Settings.ReportBucket(env)),
            // Stored data is priced in the region it is stored in; where Steward ships no catalog the ledger says "not priced".
            Steward.Core.Instances.PriceTable.TryLoad(aws.Region), Settings.WatchedBuckets(env), settings, clock, log);
        _reconcileBudget = Settings.ReconcileBudget(env);
        if (Settings.Minio(env) is var (tokensName, endpointName))
        {
            var ssm = clients.Ssm();
            var deployment = new MinioDeployment(new SsmSecureParameter(ssm, tokensName, "the webhook's tokens, separated by commas", clock, TimeSpan.FromMinutes(5)),
                new SsmSecureParameter(ssm, endpointName, "JSON of endpoint, accessKeyId and secretAccessKey", clock, TimeSpan.FromMinutes(5)));
            _minio = async ct =>
            {
                var access = await deployment.AccessAsync(ct);
                return (access, new StorageHook(new S3ObjectStore(deployment.Client(access)), ledger, settings, clock, log));
            };
        }
    }

    /// <summary>For tests: the hook (and the reconciliation) with fakes behind their ports.</summary>
    public Function(StorageHook hook, StructuredLog log, StorageReconciler? reconciler = null, TimeSpan? reconcileBudget = null,
        Func<CancellationToken, Task<(MinioAccess Access, StorageHook Hook)>>? minio = null)
    {
        _hook = hook;
        _minio = minio;
        _reconciler = reconciler;
        _reconcileBudget = reconcileBudget ?? TimeSpan.FromMinutes(10);
        _log = log;
    }

    public Task<Stream> Handle(Stream input) => Run(input);

    private async Task<Stream> Run(Stream input)
    {
        StorageEventBatch batch;
        try
        {
            var document = await EventReader.ReadDocumentAsync(input).ConfigureAwait(false);
            if (ScheduledEvent.IsScheduledDocument(document))
                return ResponseWriter.ToStream(await StorageEventHandling.ReconcileAsync(EventReader.Read(document, StewardJsonContext.Default.EventBridgeEventJsonElement),
                    _reconciler, _reconcileBudget, CancellationToken.None).ConfigureAwait(false));
            if (document.ValueKind == System.Text.Json.JsonValueKind.Object && document.TryGetProperty("httpMethod", out _))
                return ResponseWriter.ToStream(await StorageEventHandling.MinioWebhookAsync(EventReader.Read(document, StewardJsonContext.Default.ApiGatewayProxyRequest),
                    _minio, _log, CancellationToken.None).ConfigureAwait(false));
            batch = StorageEvents.Read(document);
        }
        catch (MalformedEventException e)
        {
            _log.Warn("event rejected", ("reason", e.Message));
            return ResponseWriter.ToStream(InvocationOutcome.Rejected(e.Message));
        }
        return ResponseWriter.ToStream(await StorageEventHandling.HandleBatchAsync(batch, _hook, _log, CancellationToken.None).ConfigureAwait(false));
    }
}
