using System.Text.Json.Serialization;

namespace Steward.Core.Events;

/// <summary>
/// What an event-driven function answers. Lambda discards the answer of an asynchronous invocation, but <c>invoke</c>, the
/// local runner and the tests read it, and it mirrors the log line the invocation wrote.
/// </summary>
public sealed record InvocationOutcome
{
    /// <summary><c>done</c>, <c>ignored</c> (a valid event this function does not act on) or <c>rejected</c> (malformed or foreign).</summary>
    [JsonPropertyName("status")] public required string Status { get; init; }
    [JsonPropertyName("reason")] public string? Reason { get; init; }
    [JsonPropertyName("eventId")] public string? EventId { get; init; }
    [JsonPropertyName("summary")] public Dictionary<string, string>? Summary { get; init; }

    public static InvocationOutcome Rejected(string reason, string? eventId = null) => new() { Status = "rejected", Reason = reason, EventId = eventId };
    public static InvocationOutcome Ignored(string reason, string? eventId = null) => new() { Status = "ignored", Reason = reason, EventId = eventId };
}
