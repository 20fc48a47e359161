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
    public static IEnumerable<string> IamActions =>
        S3ObjectStore.IamActions.Concat(DynamoDbStorageLedger.IamActions).Concat(Steward.Aws.Costs.S3SnapshotStore.IamActions).Concat(MinioDeployment.IamActions).Distinct();

    /// <summary>The route MinIO's webhook target posts to (template.yaml declares it).</summary>
    public const string MinioRoute = "POST /storage/minio";

    private readonly StorageHook _hook;
    private readonly StorageReconciler? _reconciler;
    private readonly Func<CancellationToken, Task<(MinioAccess Access, StorageHook Hook)>>? _minio;
    private readonly TimeSpan _reconcileBudget;
    private readonly StructuredLog _log;

    public Function() : this(ProcessEnvironment.Instance, TimeProvider.System, StructuredLog.ToStdout(nameof(StorageHooks))) { }

    private Function(IEnvironment env, TimeProvider clock, StructuredLog log)
    {
        _log = log;
        var clients = new AwsClients(new AwsEnvironment(env));
        var s3 = clients.S3();
        var objects = new S3ObjectStore(s3);
        var ledger = new DynamoDbStorageLedger(clients.DynamoDb(), Settings.LedgerTable(env));
        var settings = Settings.From(env);
        _hook = new StorageHook(objects, ledger, settings, clock, log);
        _reconciler = new StorageReconciler(objects, ledger, _hook, new Steward.Aws.Costs.S3SnapshotStore(s3, Settings.ReportBucket(env)),
            Steward.Core.Instances.PriceTable.Load(), Settings.WatchedBuckets(env), settings, clock, log);
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
            if (ScheduledEvent.IsScheduledDocument(document)) return ResponseWriter.ToStream(await ReconcileAsync(document).ConfigureAwait(false));
            if (document.ValueKind == System.Text.Json.JsonValueKind.Object && document.TryGetProperty("httpMethod", out _))
                return ResponseWriter.ToStream(await MinioWebhookAsync(EventReader.Read(document, StewardJsonContext.Default.ApiGatewayProxyRequest)).ConfigureAwait(false));
            batch = StorageEvents.Read(document);
        }
        catch (MalformedEventException e)
        {
            _log.Warn("event rejected", ("reason", e.Message));
            return ResponseWriter.ToStream(InvocationOutcome.Rejected(e.Message));
        }
        return ResponseWriter.ToStream(await HandleBatchAsync(batch, _hook).ConfigureAwait(false));
    }

    private async Task<InvocationOutcome> HandleBatchAsync(StorageEventBatch batch, StorageHook hook)
    {
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
            results.Add(await hook.HandleAsync(c, CancellationToken.None).ConfigureAwait(false));
        }
        foreach (var classified in results.Where(r => r.Classification is not null))
            _log.Metric("ObjectsClassified", 1, "Count", ("dataClass", DataClassRules.Tag(classified.Classification!.Class)));

        var summary = new Dictionary<string, string> { ["changes"] = batch.Changes.Count.ToString(CultureInfo.InvariantCulture) };
        foreach (var group in results.GroupBy(r => r.Outcome)) summary[char.ToLowerInvariant(group.Key.ToString()[0]) + group.Key.ToString()[1..]] = group.Count().ToString(CultureInfo.InvariantCulture);
        foreach (var r in results.Where(r => r.Classification is not null))
            summary[$"{r.Change.Bucket}/{r.Change.Key}"] = $"{DataClassRules.Tag(r.Classification!.Class)} {DataClassRules.Tag(r.Classification.Content)}";
        return new InvocationOutcome { Status = "done", Summary = summary };
    }

    /// <summary>
    /// MinIO's webhook target, through API Gateway: its bearer token checked against the SSM tokens before anything is read;
    /// its body the same records S3 sends. 401 without a good token, 400 for a body that is not an event, nothing changed
    /// either way; otherwise each object is classified and tagged through the deployment's own S3 endpoint.
    /// </summary>
    private async Task<ApiGatewayProxyResponse> MinioWebhookAsync(ApiGatewayProxyRequest request)
    {
        var route = $"{request.HttpMethod} {request.Resource}";
        if (route != MinioRoute) return ApiResponses.Problem(404, "No such route", $"{route} is not a storage route; MinIO posts to {MinioRoute}.");
        if (_minio is null) return ApiResponses.Problem(503, "MinIO is not configured", "The stack's MinIO parameters are empty.");
        var (access, hook) = await _minio(CancellationToken.None).ConfigureAwait(false);
        if (!access.Admits(request.Header("Authorization")))
        {
            _log.Warn("MinIO webhook refused: no valid bearer token", ("requestId", request.RequestContext?.RequestId));
            return ApiResponses.Problem(401, "Authentication required",
                "Send one of the webhook tokens as MinIO does: mc admin config set ALIAS notify_webhook:steward auth_token=TOKEN …",
                headers: new() { ["WWW-Authenticate"] = "Bearer realm=\"steward\"" });
        }
        StorageEventBatch batch;
        try
        {
            var body = request.IsBase64Encoded ? System.Text.Encoding.UTF8.GetString(request.BodyBytes()) : request.Body ?? "";
            batch = StorageEvents.Read(await EventReader.ReadDocumentAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body))).ConfigureAwait(false));
        }
        catch (Exception e) when (e is MalformedEventException or FormatException)
        {
            _log.Warn("MinIO webhook body rejected", ("reason", e.Message));
            return ApiResponses.Problem(400, "Not a MinIO event", e.Message);
        }
        var outcome = await HandleBatchAsync(batch, hook).ConfigureAwait(false);
        return ApiResponses.Json(200, System.Text.Json.JsonSerializer.Serialize(outcome, StewardJsonContext.Default.InvocationOutcome));
    }

    /// <summary>The schedule: go on with (or start) the day's reconciliation of the watched buckets.</summary>
    private async Task<InvocationOutcome> ReconcileAsync(System.Text.Json.JsonElement document)
    {
        var e = EventReader.Read(document, StewardJsonContext.Default.EventBridgeEventJsonElement);
        if (_reconciler is null) return InvocationOutcome.Rejected("this storage hook has no reconciliation wired", e.Id);
        var time = DateTimeOffset.TryParse(e.Time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : DateTimeOffset.UtcNow;
        var outcome = await _reconciler.RunAsync(DateOnly.FromDateTime(time.UtcDateTime), _reconcileBudget, CancellationToken.None).ConfigureAwait(false);
        return new InvocationOutcome
        {
            Status = "done", EventId = e.Id,
            Summary = new()
            {
                ["reconciliation"] = outcome.Complete ? "complete" : "paused at its time budget; the next run goes on",
                ["listed"] = outcome.Listed.ToString(CultureInfo.InvariantCulture), ["corrected"] = outcome.Corrected.ToString(CultureInfo.InvariantCulture),
                ["classified"] = outcome.Classified.ToString(CultureInfo.InvariantCulture), ["ledger"] = outcome.LedgerLocation ?? "",
            },
        };
    }
}
