namespace Steward.Core.Events;

/// <summary>Whether an EventBridge event is a GuardDuty finding the responder may read at all.</summary>
public static class FindingEvents
{
    /// <summary>Null when the event is a GuardDuty finding with an id and a type; otherwise why it is not.</summary>
    public static string? Reject(EventBridgeEvent<GuardDutyFinding> e)
    {
        if (e.Source != GuardDutyFinding.Source)
            return $"source is '{e.Source ?? "(missing)"}', expected '{GuardDutyFinding.Source}'";
        if (e.DetailType != GuardDutyFinding.DetailType)
            return $"detail-type is '{e.DetailType ?? "(missing)"}', expected '{GuardDutyFinding.DetailType}'";
        if (e.Detail is null) return "the event has no detail (the finding)";
        if (string.IsNullOrWhiteSpace(e.Detail.Id)) return "the finding has no id";
        if (string.IsNullOrWhiteSpace(e.Detail.Type)) return "the finding has no type";
        return null;
    }
}
