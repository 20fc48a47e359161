using System.Text.Json;
using System.Text.Json.Serialization;

namespace Steward.Core.Events;

/// <summary>
/// The EventBridge envelope shared by every event a rule delivers (GuardDuty findings, schedules, S3 through EventBridge).
/// Field names are EventBridge's own, dashes included.
/// </summary>
public sealed record EventBridgeEvent<TDetail>
{
    [JsonPropertyName("version")] public string? Version { get; init; }
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("detail-type")] public string? DetailType { get; init; }
    [JsonPropertyName("source")] public string? Source { get; init; }
    [JsonPropertyName("account")] public string? Account { get; init; }
    [JsonPropertyName("time")] public string? Time { get; init; }
    [JsonPropertyName("region")] public string? Region { get; init; }
    [JsonPropertyName("resources")] public List<string>? Resources { get; init; }
    [JsonPropertyName("detail")] public TDetail? Detail { get; init; }
}

/// <summary>An EventBridge schedule's event: <c>source = aws.events</c>, <c>detail-type = Scheduled Event</c>, empty detail.</summary>
public static class ScheduledEvent
{
    public const string Source = "aws.events";
    public const string DetailType = "Scheduled Event";

    public static bool IsScheduled(EventBridgeEvent<JsonElement> e) => e.Source == Source && e.DetailType == DetailType;

    /// <summary>The same, asked of a document before choosing a contract.</summary>
    public static bool IsScheduledDocument(JsonElement d) =>
        d.ValueKind == JsonValueKind.Object && d.TryGetProperty("source", out var s) && s.ValueKind == JsonValueKind.String && s.GetString() == Source &&
        d.TryGetProperty("detail-type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == DetailType;
}
