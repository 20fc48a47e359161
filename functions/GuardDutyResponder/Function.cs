using System.Text.Json;
using Steward.Aws;
using Steward.Aws.Events;
using Steward.Aws.Incidents;
using Steward.Aws.Notifications;
using Steward.Core.Events;
using Steward.Core.Incidents;
using Steward.Core.Json;
using Steward.Core.Observability;
using Steward.Core.Ports;

namespace Steward.GuardDutyResponder;

/// <summary>
/// Entry point for GuardDuty findings delivered by the template's EventBridge rule (<c>source = aws.guardduty</c>,
/// <c>detail-type = GuardDuty Finding</c>), and for the documented release event
/// (<c>{"steward-action":"release","findingId":…,"instanceId":…}</c>). A foreign event is logged and rejected with no side
/// effects; a GuardDuty finding that cannot be read is kept on the failed-events queue and people are told; a failed
/// containment throws, so Lambda retries and the dead-letter queue keeps the event.
/// </summary>
public sealed class Function
{
    public static IEnumerable<string> IamActions =>
        Ec2Containment.IamActions.Concat(S3EvidenceStore.IamActions).Concat(SnsAlertPublisher.IamActions).Concat(SqsFailedEventStore.IamActions).Distinct();

    private readonly IncidentResponder _responder;
    private readonly StructuredLog _log;

    public Function() : this(ProcessEnvironment.Instance, TimeProvider.System, StructuredLog.ToStdout(nameof(GuardDutyResponder))) { }

    private Function(IEnvironment env, TimeProvider clock, StructuredLog log)
    {
        var settings = Settings.From(env);
        var clients = new AwsClients(new AwsEnvironment(env));
        _log = log;
        _responder = new IncidentResponder(new Ec2Containment(clients.Ec2()), new S3EvidenceStore(clients.S3(), settings.EvidenceBucket),
            new SnsAlertPublisher(clients.Signed(AwsService.Sns), settings.AlertTopicArn), new SqsFailedEventStore(clients.Sqs(), settings.FailedEventsQueueUrl),
            settings.Policy, clock, log);
    }

    /// <summary>For tests: the responder with fakes behind its ports.</summary>
    public Function(IncidentResponder responder, StructuredLog log)
    {
        _responder = responder;
        _log = log;
    }

    public async Task<Stream> Handle(Stream input)
    {
        using var buffer = new MemoryStream();
        await input.CopyToAsync(buffer);
        var raw = buffer.ToArray();
        return ResponseWriter.ToStream(await Respond(raw));
    }

    private async Task<InvocationOutcome> Respond(byte[] raw)
    {
        JsonElement document;
        try { document = await EventReader.ReadDocumentAsync(new MemoryStream(raw)); }
        catch (MalformedEventException malformed) { return Rejected(malformed.Message, null); }

        if (document.ValueKind == JsonValueKind.Object && document.TryGetProperty("steward-action", out _))
            return await ReleaseAsync(document);

        var (e, reason) = ReadFinding(document);
        if (e is null)
            return UnreadableFinding.ClaimsToBeAFinding(document) ? await Unreadable(document, raw, reason) : Rejected(reason, document);

        var finding = e.Detail!;
        _log.Info("finding received", ("eventId", e.Id), ("findingId", finding.Id), ("findingType", finding.Type), ("severity", finding.Severity),
            ("resourceType", finding.Resource?.ResourceType), ("instanceId", finding.Resource?.InstanceDetails?.InstanceId), ("count", finding.Service?.Count),
            ("archived", finding.Service?.Archived), ("sample", finding.Service?.AdditionalInfo?.Sample ?? false));

        var report = await _responder.RespondAsync(e, raw, CancellationToken.None);
        if (report.IgnoredBecause is { } why) return InvocationOutcome.Ignored(why, e.Id);
        var plan = report.Plan!;
        _log.Metric("FindingsHandled", 1, "Count", ("responseLevel", plan.Level.ToString()), ("band", plan.Band.ToString()));
        if (report.Outcomes.Any(o => !o.Succeeded)) _log.Metric("ResponseStepsFailed", report.Outcomes.Count(o => !o.Succeeded), "Count");
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

    private async Task<InvocationOutcome> ReleaseAsync(JsonElement document)
    {
        try
        {
            var request = EventReader.Read(document, IncidentJsonContext.Default.ReleaseRequest);
            if (request.StewardAction != ReleaseRequest.Action) return Rejected($"steward-action '{request.StewardAction}' is not '{ReleaseRequest.Action}'", null);
            var restored = await _responder.ReleaseAsync(request, CancellationToken.None);
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
    private async Task<InvocationOutcome> Unreadable(JsonElement document, byte[] raw, string reason)
    {
        var finding = UnreadableFinding.From(document, reason);
        var keptAt = await _responder.ReportUnreadableAsync(finding, raw, CancellationToken.None);
        _log.Metric("FindingsUnreadable", 1, "Count");
        return InvocationOutcome.Rejected(reason, finding.EventId) with
        {
            Summary = new() { ["findingId"] = finding.FindingId ?? "", ["instanceId"] = finding.InstanceId ?? "", ["keptAt"] = keptAt, ["notified"] = "true" },
        };
    }

    /// <summary>Not a finding at all (a scheduled event sent here by hand): the caller is told why; there is nothing to keep.</summary>
    private InvocationOutcome Rejected(string reason, JsonElement? document)
    {
        string? Field(string name) => document is { ValueKind: JsonValueKind.Object } d && d.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        _log.Warn("event rejected", ("reason", reason), ("eventId", Field("id")), ("source", Field("source")), ("detailType", Field("detail-type")));
        return InvocationOutcome.Rejected(reason, Field("id"));
    }
}
