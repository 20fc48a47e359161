using System.Text.Json;
using Steward.Core.Events;
using Steward.Core.Json;
using Steward.Core.Observability;

namespace Steward.Core.Incidents;

/// <summary>
/// What the GuardDuty responder answers for each event it is sent: a finding (triaged and responded to by
/// <see cref="IncidentResponder"/>), the documented release event, a GuardDuty finding that cannot be read (kept on the
/// failed-events queue and told), or something else (rejected, nothing touched).
/// </summary>
/// <param name="credentials">Responds to findings about access keys (IAM users and assumed roles); null: they are only notified.</param>
/// <param name="buckets">Responds to findings about S3 buckets; null: they are only notified.</param>
public sealed class FindingEventHandler(IncidentResponder responder, StructuredLog log, Credentials.CredentialResponder? credentials = null,
    Buckets.BucketResponder? buckets = null)
{
    public async Task<InvocationOutcome> HandleAsync(byte[] raw, CancellationToken ct)
    {
        JsonElement document;
        try { document = await EventReader.ReadDocumentAsync(new MemoryStream(raw)); }
        catch (MalformedEventException malformed) { return Rejected(malformed.Message, null); }

        if (document.ValueKind == JsonValueKind.Object && document.TryGetProperty("steward-action", out _))
            return await ReleaseAsync(document, ct);

        var (e, reason) = ReadFinding(document);
        if (e is null)
            return UnreadableFinding.ClaimsToBeAFinding(document) ? await Unreadable(document, raw, reason, ct) : Rejected(reason, document);

        var finding = e.Detail!;
        log.Info("finding received", ("eventId", e.Id), ("findingId", finding.Id), ("findingType", finding.Type), ("severity", finding.Severity),
            ("resourceType", finding.Resource?.ResourceType), ("instanceId", finding.Resource?.InstanceDetails?.InstanceId), ("count", finding.Service?.Count),
            ("archived", finding.Service?.Archived), ("sample", finding.Service?.AdditionalInfo?.Sample ?? false));

        if (credentials is not null && finding.Resource?.ResourceType == "AccessKey")
            return finding.Service?.Archived == true ? InvocationOutcome.Ignored("the finding is archived", e.Id) : await CredentialsAsync(e, raw, ct);
        if (buckets is not null && finding.Resource?.ResourceType == "S3Bucket")
            return finding.Service?.Archived == true ? InvocationOutcome.Ignored("the finding is archived", e.Id) : await BucketAsync(e, raw, ct);

        var report = await responder.RespondAsync(e, raw, ct);
        if (report.IgnoredBecause is { } why) return InvocationOutcome.Ignored(why, e.Id);
        var plan = report.Plan!;
        log.Metric("FindingsHandled", 1, "Count", ("responseLevel", plan.Level.ToString()), ("band", plan.Band.ToString()));
        if (report.Outcomes.Any(o => !o.Succeeded)) log.Metric("ResponseStepsFailed", report.Outcomes.Count(o => !o.Succeeded), "Count");
        return new InvocationOutcome
        {
            Status = "done",
            EventId = e.Id,
            Summary = new()
            {
                ["findingId"] = plan.FindingId, ["findingType"] = plan.FindingType, ["band"] = plan.Band.ToString(), ["level"] = plan.Level.ToString(),
                ["instanceId"] = plan.InstanceId ?? "", ["steps"] = string.Join(",", report.Outcomes.Select(o => $"{o.Step}:{(o.Succeeded ? "done" : "failed")}")),
                ["alreadyDone"] = string.Join(",", plan.AlreadyDone), ["snapshots"] = string.Join(",", report.SnapshotIds), ["notified"] = plan.Notify.ToString(),
                ["dryRun"] = plan.DryRun ? "true" : "false",
            },
        };
    }

    private async Task<InvocationOutcome> CredentialsAsync(EventBridgeEvent<GuardDutyFinding> e, byte[] raw, CancellationToken ct)
    {
        var (plan, done) = await credentials!.RespondAsync(e, raw, ct);
        log.Metric("FindingsHandled", 1, "Count", ("responseLevel", plan.Level.ToString()), ("band", plan.Band.ToString()));
        return new InvocationOutcome
        {
            Status = "done", EventId = e.Id,
            Summary = new()
            {
                ["findingId"] = plan.FindingId, ["findingType"] = plan.FindingType, ["band"] = plan.Band.ToString(), ["level"] = plan.Level.ToString(),
                ["principal"] = plan.Principal ?? "", ["accessKeyId"] = plan.AccessKeyId ?? "", ["steps"] = string.Join(",", plan.Steps), ["done"] = string.Join("; ", done),
                ["dryRun"] = plan.DryRun ? "true" : "false",
            },
        };
    }

    private async Task<InvocationOutcome> BucketAsync(EventBridgeEvent<GuardDutyFinding> e, byte[] raw, CancellationToken ct)
    {
        var (plan, done) = await buckets!.RespondAsync(e, raw, ct);
        log.Metric("FindingsHandled", 1, "Count", ("responseLevel", plan.Level.ToString()), ("band", plan.Band.ToString()));
        return new InvocationOutcome
        {
            Status = "done", EventId = e.Id,
            Summary = new()
            {
                ["findingId"] = plan.FindingId, ["findingType"] = plan.FindingType, ["band"] = plan.Band.ToString(), ["level"] = plan.Level.ToString(),
                ["bucket"] = plan.Bucket ?? "", ["steps"] = string.Join(",", plan.Steps), ["done"] = string.Join("; ", done), ["dryRun"] = plan.DryRun ? "true" : "false",
            },
        };
    }

    private async Task<InvocationOutcome> ReleaseAsync(JsonElement document, CancellationToken ct)
    {
        try
        {
            var request = EventReader.Read(document, IncidentJsonContext.Default.ReleaseRequest);
            if (request.StewardAction != ReleaseRequest.Action) return Rejected($"steward-action '{request.StewardAction}' is not '{ReleaseRequest.Action}'", null);
            // A credential's or a bucket's release names the finding only: its record says what was changed, and where.
            if (string.IsNullOrWhiteSpace(request.InstanceId) && !string.IsNullOrWhiteSpace(request.FindingId) && (credentials is not null || buckets is not null))
            {
                var undone = (credentials is null ? null : await credentials.ReleaseAsync(request.FindingId!, request.Reason, ct))
                    ?? (buckets is null ? null : await buckets.ReleaseAsync(request.FindingId!, request.Reason, ct))
                    ?? throw new MalformedEventException($"finding {request.FindingId} has no credential or bucket record: nothing to restore (an instance's release names its instanceId)");
                return new InvocationOutcome { Status = "done", Summary = new() { ["released"] = request.FindingId!, ["restored"] = undone } };
            }
            var restored = await responder.ReleaseAsync(request, ct);
            return new InvocationOutcome { Status = "done", Summary = new() { ["released"] = request.InstanceId!, ["restored"] = restored } };
        }
        catch (MalformedEventException e) { return Rejected(e.Message, null); }
    }

    /// <summary>The finding, or why the event is not one Steward can act on.</summary>
    private static (EventBridgeEvent<GuardDutyFinding>? Finding, string Reason) ReadFinding(JsonElement document)
    {
        try
        {
            var e = EventReader.Read(document, StewardJsonContext.Default.EventBridgeEventGuardDutyFinding);
            return FindingEvents.Reject(e) is { } reason ? (null, reason) : (e, "");
        }
        catch (MalformedEventException unreadable) { return (null, unreadable.Message); }
    }

    /// <summary>A finding that cannot be read is a finding nobody acted on: kept and told, never only logged.</summary>
    private async Task<InvocationOutcome> Unreadable(JsonElement document, byte[] raw, string reason, CancellationToken ct)
    {
        var finding = UnreadableFinding.From(document, reason);
        var keptAt = await responder.ReportUnreadableAsync(finding, raw, ct);
        log.Metric("FindingsUnreadable", 1, "Count");
        return InvocationOutcome.Rejected(reason, finding.EventId) with
        {
            Summary = new() { ["findingId"] = finding.FindingId ?? "", ["instanceId"] = finding.InstanceId ?? "", ["keptAt"] = keptAt, ["notified"] = "true" },
        };
    }

    /// <summary>Not a finding at all (a scheduled event sent here by hand): the caller is told why; there is nothing to keep.</summary>
    private InvocationOutcome Rejected(string reason, JsonElement? document)
    {
        string? Field(string name) => document is { ValueKind: JsonValueKind.Object } d && d.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        log.Warn("event rejected", ("reason", reason), ("eventId", Field("id")), ("source", Field("source")), ("detailType", Field("detail-type")));
        return InvocationOutcome.Rejected(reason, Field("id"));
    }
}
