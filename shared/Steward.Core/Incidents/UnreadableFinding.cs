using System.Globalization;
using System.Text.Json;

namespace Steward.Core.Incidents;

/// <summary>
/// What can still be told of a GuardDuty event the responder cannot read (a severity of "high", a finding with no id):
/// whatever its fields say, taken as text wherever they are, so the alert names the finding and its instance.
/// </summary>
public sealed record UnreadableFinding(string Reason, string? EventId, string? FindingId, string? FindingType, string? Severity, string? InstanceId,
    string? AccountId, string? Region)
{
    public static UnreadableFinding From(JsonElement document, string reason)
    {
        var detail = Find(document, "detail");
        return new UnreadableFinding(reason, Text(Find(document, "id")), Text(Find(detail, "id")), Text(Find(detail, "type")), Text(Find(detail, "severity")),
            Text(Find(Find(Find(detail, "resource"), "instanceDetails"), "instanceId")),
            Text(Find(detail, "accountId")) ?? Text(Find(document, "account")), Text(Find(detail, "region")) ?? Text(Find(document, "region")));
    }

    /// <summary>
    /// Whether the event claims to be a GuardDuty finding. Such an event that cannot be read is a finding people must hear
    /// of; anything else (a scheduled event sent here by hand) is only rejected.
    /// </summary>
    public static bool ClaimsToBeAFinding(JsonElement document) =>
        Text(Find(document, "source")) == Events.GuardDutyFinding.Source || Text(Find(document, "detail-type")) == Events.GuardDutyFinding.DetailType;

    private static JsonElement? Find(JsonElement? parent, string name) =>
        parent is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var v) ? v : null;

    private static string? Text(JsonElement? e) => e switch
    {
        { ValueKind: JsonValueKind.String } s when s.GetString() is { Length: > 0 } text => text.Length <= 200 ? text : text[..200] + "…",
        { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
        _ => null,
    };

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"event {EventId ?? "?"}, finding {FindingId ?? "?"}");
}
