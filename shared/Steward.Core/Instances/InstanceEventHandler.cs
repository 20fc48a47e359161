using System.Globalization;
using System.Text.Json;
using Steward.Core.Events;
using Steward.Core.Json;
using Steward.Core.Observability;

namespace Steward.Core.Instances;

/// <summary>
/// What the instance-request function answers for each event it is sent: an API Gateway proxy request (ServiceNow's call,
/// answered by <see cref="InstanceApi"/>), the daily lease sweep's schedule, or anything else (rejected, nothing touched).
/// The log says who asked (the user name, never the key nor the Authorization header) and counts answers and launches.
/// </summary>
public sealed class InstanceEventHandler(InstanceLifecycle lifecycle, InstanceApi api, StructuredLog log)
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

    private EventAnswer Rejected(string reason)
    {
        log.Warn("event rejected", ("reason", reason));
        return EventAnswer.Done(InvocationOutcome.Rejected(reason));
    }
}
