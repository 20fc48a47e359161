using System.Text.Json;
using Steward.Aws;
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
/// (<c>{"steward-action":"release","findingId":…,"instanceId":…}</c>). A malformed or foreign event is logged and rejected
/// with no side effects; a failed containment throws, so Lambda retries and the dead-letter queue keeps the event.
/// </summary>
public sealed class Function
{
    public static IEnumerable<string> IamActions =>
        Ec2Containment.IamActions.Concat(S3EvidenceStore.IamActions).Concat(SnsAlertPublisher.IamActions).Distinct();

    private readonly IncidentResponder _responder;
    private readonly StructuredLog _log;

    public Function() : this(ProcessEnvironment.Instance, TimeProvider.System, StructuredLog.ToStdout(nameof(GuardDutyResponder))) { }

    private Function(IEnvironment env, TimeProvider clock, StructuredLog log)
    {
        var settings = Settings.From(env);
        var clients = new AwsClients(new AwsEnvironment(env));
        _log = log;
        _responder = new IncidentResponder(new Ec2Containment(clients.Ec2()), new S3EvidenceStore(clients.S3(), settings.EvidenceBucket),
            new SnsAlertPublisher(clients.Signed(AwsService.Sns), settings.AlertTopicArn), settings.Policy, clock, log);
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

        EventBridgeEvent<GuardDutyFinding> e;
        try { e = EventReader.Read(document, StewardJsonContext.Default.EventBridgeEventGuardDutyFinding); }
        catch (MalformedEventException unreadable)
        {
            // Say which event it was, even when its finding cannot be read.
            var id = document.ValueKind == JsonValueKind.Object && document.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
            return Rejected(unreadable.Message, id is null ? null : new EventBridgeEvent<GuardDutyFinding> { Id = id });
        }
        if (FindingEvents.Reject(e) is { } reason) return Rejected(reason, e);

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

    private InvocationOutcome Rejected(string reason, EventBridgeEvent<GuardDutyFinding>? e)
    {
        _log.Warn("event rejected", ("reason", reason), ("eventId", e?.Id), ("source", e?.Source), ("detailType", e?.DetailType));
        return InvocationOutcome.Rejected(reason, e?.Id);
    }
}
