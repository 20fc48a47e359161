using System.Globalization;
using System.Text.Json;
using Steward.Core.Events;
using Steward.Core.Json;
using Steward.Core.Observability;

namespace Steward.Core.Instances;

/// <summary>
/// What the instance-request function answers for each event it is sent: an API Gateway proxy request (ServiceNow's call,
/// answered by <see cref="InstanceApi"/>), the daily lease sweep's schedule, a batch of the request items' outbox (written
/// to ServiceNow by <paramref name="requestItems"/>), or anything else (rejected, nothing touched).
/// The log says who asked (the user name, never the key nor the Authorization header) and counts answers and launches.
/// </summary>
/// <param name="redelivery">Puts an update that must be tried again back on the outbox later than its visibility timeout would.</param>
public sealed class InstanceEventHandler(InstanceLifecycle lifecycle, InstanceApi api, StructuredLog log,
    RequestItems.RequestItemWriter? requestItems = null, RequestItems.IOutboxRedelivery? redelivery = null)
{
    public async Task<EventAnswer> HandleAsync(Stream input, CancellationToken ct)
    {
        JsonElement document;
        try { document = await EventReader.ReadDocumentAsync(input); }
        catch (MalformedEventException e) { return Rejected(e.Message); }

        if (document.ValueKind == JsonValueKind.Object && document.TryGetProperty("httpMethod", out _))
        {
            ApiGatewayProxyRequest request;
            try { request = EventReader.Read(document, StewardJsonContext.Default.ApiGatewayProxyRequest); }
            catch (MalformedEventException e)
            {
                log.Warn("event rejected", ("reason", e.Message));
                return EventAnswer.Http(ApiResponses.Problem(400, "Malformed request event", e.Message));
            }
            return EventAnswer.Http(await AnswerAsync(request, ct));
        }

        if (document.ValueKind == JsonValueKind.Object && document.TryGetProperty("Records", out var records) && records.ValueKind == JsonValueKind.Array
            && records.EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } first && first.TryGetProperty("eventSource", out var source) && source.ValueEquals("aws:sqs"))
        {
            SqsEvent batch;
            try { batch = EventReader.Read(document, StewardJsonContext.Default.SqsEvent); }
            catch (MalformedEventException e) { return Rejected(e.Message); }
            return await RequestItemsAsync(batch, ct);
        }

        EventBridgeEvent<JsonElement>? scheduled = null;
        try { scheduled = document.ValueKind == JsonValueKind.Object ? EventReader.Read(document, StewardJsonContext.Default.EventBridgeEventJsonElement) : null; }
        catch (MalformedEventException) { /* not a schedule either: rejected below */ }
        return scheduled is not null && ScheduledEvent.IsScheduled(scheduled)
            ? EventAnswer.Done(await SweepAsync(scheduled, ct))
            : Rejected("neither an API Gateway proxy request nor a scheduled event");
    }

    private async Task<ApiGatewayProxyResponse> AnswerAsync(ApiGatewayProxyRequest request, CancellationToken ct)
    {
        var (response, user, launched) = await api.AnswerAsync(request, ct);
        log.Info("request answered", ("method", request.HttpMethod), ("resource", request.Resource), ("requestId", request.RequestContext?.RequestId),
            ("user", user), ("status", response.StatusCode), ("requestNumber", request.PathParameters?.GetValueOrDefault("request_number")));
        log.Metric("RequestsAnswered", 1, "Count", ("status", response.StatusCode.ToString(CultureInfo.InvariantCulture)));
        if (launched) log.Metric("InstancesLaunched", 1, "Count");
        return response;
    }

    private async Task<InvocationOutcome> SweepAsync(EventBridgeEvent<JsonElement> scheduled, CancellationToken ct)
    {
        var report = await lifecycle.SweepLeasesAsync(ct);
        log.Info("lease sweep done", ("checked", report.Checked), ("stopped", report.Stopped), ("failed", report.Failed));
        // A failed stop must come back: Lambda retries the schedule's invocation, and the sweep is safe to repeat.
        if (report.Failed.Count > 0) throw new InvalidOperationException($"lease sweep could not stop {report.Failed.Count} server(s): {string.Join("; ", report.Failed)}");
        return new InvocationOutcome
        {
            Status = "done", EventId = scheduled.Id,
            Summary = new() { ["stopped"] = string.Join(",", report.Stopped), ["checked"] = report.Checked.ToString(CultureInfo.InvariantCulture) },
        };
    }

    /// <summary>The outbox's batch: each update written to ServiceNow in order; the ones to try again are answered as failures.</summary>
    private async Task<EventAnswer> RequestItemsAsync(SqsEvent batch, CancellationToken ct)
    {
        if (requestItems is null)
            throw new InvalidOperationException("request item updates arrived, but SERVICENOW_INSTANCE_URL is not set: they stay on the queue until it is");
        var records = batch.Records ?? [];
        var report = await requestItems.WriteAsync(records, ct);
        foreach (var (id, delay) in report.Retried)
            if (redelivery is not null && records.FirstOrDefault(r => r.MessageId == id)?.ReceiptHandle is { } handle) await redelivery.DelayAsync(handle, delay, ct);
        log.Info("request item updates handled", ("written", report.Written.Count), ("retried", report.Retried.Count), ("kept", report.Kept.Count));
        if (report.Retried.Count > 0) log.Metric("RequestItemUpdatesRetried", report.Retried.Count, "Count");
        return EventAnswer.Messages(new SqsBatchResponse { BatchItemFailures = [.. report.Retried.Select(r => new SqsBatchItemFailure(r.MessageId))] });
    }

    private EventAnswer Rejected(string reason)
    {
        log.Warn("event rejected", ("reason", reason));
        return EventAnswer.Done(InvocationOutcome.Rejected(reason));
    }
}
