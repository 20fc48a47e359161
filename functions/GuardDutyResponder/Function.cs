using Steward.Core.Events;
using Steward.Core.Json;
using Steward.Core.Observability;

namespace Steward.GuardDutyResponder;

/// <summary>
/// Entry point for GuardDuty findings delivered by the template's EventBridge rule
/// (<c>source = aws.guardduty</c>, <c>detail-type = GuardDuty Finding</c>).
/// </summary>
public sealed class Function
{
    private readonly StructuredLog _log;

    /// <summary>Lambda's constructor: runs once per execution environment (the init phase).</summary>
    public Function() : this(StructuredLog.ToStdout(nameof(GuardDutyResponder))) { }

    public Function(StructuredLog log) => _log = log;

    public async Task<Stream> Handle(Stream input)
    {
        var outcome = await Respond(input).ConfigureAwait(false);
        return ResponseWriter.ToStream(outcome);
    }

    private async Task<InvocationOutcome> Respond(Stream input)
    {
        var (e, error) = await EventReader.TryReadAsync(input, StewardJsonContext.Default.EventBridgeEventGuardDutyFinding).ConfigureAwait(false);
        if (e is null)
        {
            _log.Warn("event rejected", ("reason", error));
            return InvocationOutcome.Rejected(error!);
        }

        if (FindingEvents.Reject(e) is { } reason)
        {
            _log.Warn("event rejected", ("reason", reason), ("eventId", e.Id), ("source", e.Source), ("detailType", e.DetailType));
            return InvocationOutcome.Rejected(reason, e.Id);
        }

        var finding = e.Detail!;
        var instanceId = finding.Resource?.ResourceType == "Instance" ? finding.Resource.InstanceDetails?.InstanceId : null;
        _log.Info("finding received",
            ("eventId", e.Id), ("findingId", finding.Id), ("findingType", finding.Type), ("severity", finding.Severity),
            ("resourceType", finding.Resource?.ResourceType), ("instanceId", instanceId), ("count", finding.Service?.Count),
            ("archived", finding.Service?.Archived), ("sample", finding.Service?.AdditionalInfo?.Sample ?? false));

        return new InvocationOutcome
        {
            Status = "done",
            EventId = e.Id,
            Summary = new()
            {
                ["findingId"] = finding.Id ?? "",
                ["findingType"] = finding.Type ?? "",
                ["severity"] = finding.Severity.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["resourceType"] = finding.Resource?.ResourceType ?? "",
                ["instanceId"] = instanceId ?? "",
            },
        };
    }
}
