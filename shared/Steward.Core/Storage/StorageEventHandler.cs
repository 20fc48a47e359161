using System.Globalization;
using System.Text;
using System.Text.Json;
using Steward.Core.Events;
using Steward.Core.Json;
using Steward.Core.Observability;
using Steward.Core.Organizations;
using Steward.Core.Ports;

namespace Steward.Core.Storage;

/// <summary>
/// What the storage hooks answer for each kind of event they are sent: a batch of object changes (S3 or MinIO records, or
/// S3 through EventBridge), the MinIO webhook's request, and the reconciliation's schedule. A bad event is rejected with
/// nothing changed; an S3 failure throws, so Lambda retries and the dead-letter queue keeps the event.
/// </summary>
/// <param name="minio">The deployment's access and a hook acting through its endpoint; null when the stack has no MinIO.</param>
/// <param name="members">Member accounts whose buckets' events the hub receives (forwarded by their member stacks), and a
/// hook acting in each through its member role; null for a deployment of one account.</param>
public sealed class StorageEventHandler(StorageHook hook, StorageReconciler? reconciler, TimeSpan reconcileBudget,
    Func<CancellationToken, Task<(MinioAccess Access, StorageHook Hook)>>? minio, StructuredLog log,
    (MemberAccounts Accounts, IAccountAccess<AccountStorage> Storage)? members = null)
{
    /// <summary>The route MinIO's webhook target posts to (template.yaml declares it).</summary>
    public const string MinioRoute = "POST /storage/minio";

    public async Task<EventAnswer> HandleAsync(Stream input, CancellationToken ct)
    {
        StorageEventBatch batch;
        try
        {
            var document = await EventReader.ReadDocumentAsync(input).ConfigureAwait(false);
            if (ScheduledEvent.IsScheduledDocument(document))
                return EventAnswer.Done(await ReconcileAsync(EventReader.Read(document, StewardJsonContext.Default.EventBridgeEventJsonElement), ct).ConfigureAwait(false));
            if (document.ValueKind == JsonValueKind.Object && document.TryGetProperty("httpMethod", out _))
                return EventAnswer.Http(await MinioWebhookAsync(EventReader.Read(document, StewardJsonContext.Default.ApiGatewayProxyRequest), ct).ConfigureAwait(false));
            batch = StorageEvents.Read(document);
        }
        catch (MalformedEventException e)
        {
            log.Warn("event rejected", ("reason", e.Message));
            return EventAnswer.Done(InvocationOutcome.Rejected(e.Message));
        }
        return EventAnswer.Done(await HandleBatchAsync(batch, hook, ct).ConfigureAwait(false));
    }

    /// <summary>Each change classified, tagged and put in the ledger, one after another; a metric per classified object.</summary>
    private async Task<InvocationOutcome> HandleBatchAsync(StorageEventBatch batch, StorageHook hook, CancellationToken ct)
    {
        if (batch.IsTestEvent)
        {
            log.Info("s3 test event acknowledged");
            return InvocationOutcome.Ignored("s3:TestEvent, sent when a notification is configured");
        }

        var results = new List<ChangeResult>();
        foreach (var c in batch.Changes)
        {
            log.Info("object change received", ("bucket", c.Bucket), ("key", c.Key), ("kind", c.Kind.ToString()),
                ("eventName", c.EventName), ("size", c.Size), ("versionId", c.VersionId), ("origin", c.Origin), ("account", c.Account));
            var inAccount = await HookForAsync(c, hook, ct).ConfigureAwait(false);
            results.Add(inAccount is null ? new ChangeResult(c, ChangeOutcome.Refused) : await inAccount.HandleAsync(c, ct).ConfigureAwait(false));
        }
        foreach (var classified in results.Where(r => r.Classification is not null))
            log.Metric("ObjectsClassified", 1, "Count", ("dataClass", DataClassRules.Tag(classified.Classification!.Class)));

        var summary = new Dictionary<string, string> { ["changes"] = batch.Changes.Count.ToString(CultureInfo.InvariantCulture) };
        foreach (var group in results.GroupBy(r => r.Outcome)) summary[char.ToLowerInvariant(group.Key.ToString()[0]) + group.Key.ToString()[1..]] = group.Count().ToString(CultureInfo.InvariantCulture);
        foreach (var r in results.Where(r => r.Classification is not null))
            summary[$"{r.Change.Bucket}/{r.Change.Key}"] = $"{DataClassRules.Tag(r.Classification!.Class)} {DataClassRules.Tag(r.Classification.Content)}";
        return new InvocationOutcome { Status = "done", Summary = summary };
    }

    /// <summary>
    /// The hook for the account the change's bucket is in: the given one for the deployment's own (and MinIO's), a member's
    /// through its member role, none for an account that is not a member (refused in words: nothing is read or tagged). A
    /// member that cannot be reached throws, so Lambda retries and the dead-letter queue keeps the event.
    /// </summary>
    private async Task<StorageHook?> HookForAsync(StoredObjectChange c, StorageHook own, CancellationToken ct)
    {
        // Without members, every event the deployment is wired to is its own account's (its bucket, its watched buckets).
        if (members is not { } m || c.Account is not { } account) return own;
        var standing = await m.Accounts.StandingAsync(account, ct).ConfigureAwait(false);
        return standing.Kind switch
        {
            AccountKind.Home => own,
            AccountKind.Member => (await m.Storage.InAsync(account, "steward-storage-events", ct).ConfigureAwait(false)).Hook,
            _ => Refuse(c, $"account {standing.Label} is not one of Steward's member accounts ({m.Accounts.Describe()})"),
        };
    }

    private StorageHook? Refuse(StoredObjectChange c, string why)
    {
        log.Warn("object change refused: nothing read or tagged", ("bucket", c.Bucket), ("key", c.Key), ("account", c.Account), ("reason", why));
        return null;
    }

    /// <summary>
    /// MinIO's webhook target, through API Gateway: its bearer token checked against the SSM tokens before anything is read;
    /// its body the same records S3 sends. 401 without a good token, 400 for a body that is not an event, nothing changed
    /// either way; otherwise each object is classified and tagged through the deployment's own S3 endpoint.
    /// </summary>
    private async Task<ApiGatewayProxyResponse> MinioWebhookAsync(ApiGatewayProxyRequest request, CancellationToken ct)
    {
        var route = $"{request.HttpMethod} {request.Resource}";
        if (route != MinioRoute) return ApiResponses.Problem(404, "No such route", $"{route} is not a storage route; MinIO posts to {MinioRoute}.");
        if (minio is null) return ApiResponses.Problem(503, "MinIO is not configured", "The stack's MinIO parameters are empty.");
        var (access, minioHook) = await minio(ct).ConfigureAwait(false);
        if (!access.Admits(request.Header("Authorization")))
        {
            log.Warn("MinIO webhook refused: no valid bearer token", ("requestId", request.RequestContext?.RequestId));
            return ApiResponses.Problem(401, "Authentication required",
                "Send one of the webhook tokens as MinIO does: mc admin config set ALIAS notify_webhook:steward auth_token=TOKEN …",
                headers: new() { ["WWW-Authenticate"] = "Bearer realm=\"steward\"" });
        }
        StorageEventBatch batch;
        try
        {
            var body = request.IsBase64Encoded ? Encoding.UTF8.GetString(request.BodyBytes()) : request.Body ?? "";
            batch = StorageEvents.Read(await EventReader.ReadDocumentAsync(new MemoryStream(Encoding.UTF8.GetBytes(body))).ConfigureAwait(false));
        }
        catch (Exception e) when (e is MalformedEventException or FormatException)
        {
            log.Warn("MinIO webhook body rejected", ("reason", e.Message));
            return ApiResponses.Problem(400, "Not a MinIO event", e.Message);
        }
        var outcome = await HandleBatchAsync(batch, minioHook, ct).ConfigureAwait(false);
        return ApiResponses.Json(200, JsonSerializer.Serialize(outcome, StewardJsonContext.Default.InvocationOutcome));
    }

    /// <summary>The schedule: go on with (or start) the day's reconciliation of the watched buckets, for the event's day.</summary>
    private async Task<InvocationOutcome> ReconcileAsync(EventBridgeEvent<JsonElement> e, CancellationToken ct)
    {
        if (reconciler is null) return InvocationOutcome.Rejected("this storage hook has no reconciliation wired", e.Id);
        var time = DateTimeOffset.TryParse(e.Time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : DateTimeOffset.UtcNow;
        var outcome = await reconciler.RunAsync(DateOnly.FromDateTime(time.UtcDateTime), reconcileBudget, ct).ConfigureAwait(false);
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
