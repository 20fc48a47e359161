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
        // GuardDuty's ids are hex (sample and EventBridge ids add hyphens). The id names the evidence objects and the instance's
        // tags, so anything else (control characters, slashes, a megabyte) is refused here rather than written to S3 or EC2.
        if (e.Detail.Id.Length > 128 || !e.Detail.Id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            return $"the finding's id is not a GuardDuty finding id (letters, digits and hyphens, at most 128): {Shown(e.Detail.Id)}";
        if (string.IsNullOrWhiteSpace(e.Detail.Type)) return "the finding has no type";
        // A type reads ThreatPurpose:ResourceType/ThreatFamily.Mechanism!Artifact (`Backdoor:EC2/C&CActivity.B`): printable
        // ASCII without spaces. It is written to the snapshots' tags and the alert, so a control character is refused here.
        if (e.Detail.Type.Length > 128 || !e.Detail.Type.All(c => c is > ' ' and <= '~'))
            return $"the finding's type is not a GuardDuty finding type (printable characters, no spaces, at most 128): {Shown(e.Detail.Type)}";
        return null;
    }

    private static string Shown(string id)
    {
        var printable = new string(id.Take(40).Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return id.Length > 40 ? $"'{printable}…' ({id.Length} characters)" : $"'{printable}'";
    }
}
