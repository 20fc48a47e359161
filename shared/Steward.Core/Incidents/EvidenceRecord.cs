using System.Text.Json.Serialization;
using Steward.Core.Ports;

namespace Steward.Core.Incidents;

/// <summary>
/// The evidence record of one finding, kept at <c>findings/{id}/record.json</c> in the versioned evidence bucket: what was
/// planned and done, the security groups each interface had (so a release can restore them), and the SHA-256 of every
/// object written, so the chain of custody can be checked later.
/// </summary>
public sealed record EvidenceRecord
{
    [JsonPropertyName("findingId")] public required string FindingId { get; init; }
    [JsonPropertyName("findingType")] public required string FindingType { get; init; }
    [JsonPropertyName("severity")] public double Severity { get; init; }
    [JsonPropertyName("instanceId")] public string? InstanceId { get; init; }
    /// <summary>The account the instance is in (this one, or a member account); absent in records written before organizations.</summary>
    [JsonPropertyName("accountId")] public string? AccountId { get; init; }
    [JsonPropertyName("region")] public string? Region { get; init; }
    [JsonPropertyName("level")] public required string Level { get; init; }
    [JsonPropertyName("recordedAt")] public DateTimeOffset RecordedAt { get; init; }
    [JsonPropertyName("reasons")] public List<string> Reasons { get; init; } = [];
    [JsonPropertyName("outcomes")] public List<RecordedOutcome> Outcomes { get; init; } = [];
    [JsonPropertyName("snapshotIds")] public List<string> SnapshotIds { get; init; } = [];
    /// <summary>Network interface id to the security group ids it had before isolation.</summary>
    [JsonPropertyName("securityGroupBackup")] public Dictionary<string, List<string>> SecurityGroupBackup { get; init; } = [];
    [JsonPropertyName("isolationGroupId")] public string? IsolationGroupId { get; init; }
    [JsonPropertyName("objects")] public List<RecordedObject> Objects { get; init; } = [];
}

public sealed record RecordedOutcome(
    [property: JsonPropertyName("step")] string Step,
    [property: JsonPropertyName("succeeded")] bool Succeeded,
    [property: JsonPropertyName("detail")] string Detail);

public sealed record RecordedObject(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("versionId")] string? VersionId,
    [property: JsonPropertyName("sha256")] string Sha256);

/// <summary>The count of the finding people were last told of, at <c>findings/{id}/notice.json</c>.</summary>
public sealed record NoticeRecord([property: JsonPropertyName("count")] long Count, [property: JsonPropertyName("at")] DateTimeOffset At);

/// <summary>
/// People hear of a finding once, then again only when something more was done or GuardDuty has seen the activity more
/// often since (<c>service.count</c>): a retry or a repeat of the same finding is not told twice. Shared by every family.
/// </summary>
public static class Notices
{
    /// <summary>The count people were last told of; 0 when never.</summary>
    public static async Task<long> CountToldAsync(Ports.IEvidenceStore evidence, string findingId, CancellationToken ct) =>
        await evidence.GetAsync($"findings/{findingId}/notice.json", ct) is { } bytes
            ? System.Text.Json.JsonSerializer.Deserialize(bytes, IncidentJsonContext.Default.NoticeRecord)!.Count : 0;

    public static bool ShouldTell(long countTold, long count, bool changedSomething) => changedSomething || countTold == 0 || count > countTold;

    public static Task RecordAsync(Ports.IEvidenceStore evidence, string findingId, long count, DateTimeOffset at, CancellationToken ct) =>
        evidence.PutAsync($"findings/{findingId}/notice.json", System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new NoticeRecord(count, at), IncidentJsonContext.Default.NoticeRecord),
            "application/json", ct);
}

/// <summary>What the responder did with one event: the plan and each step's outcome.</summary>
public sealed record ResponseReport(ContainmentPlan? Plan, IReadOnlyList<StepOutcome> Outcomes, IReadOnlyList<string> SnapshotIds, string? IgnoredBecause)
{
    public static ResponseReport Ignored(string reason) => new(null, [], [], reason);
}

/// <summary>The documented event that undoes a containment after a false alarm: <c>{"steward-action":"release", …}</c>.</summary>
public sealed record ReleaseRequest
{
    public const string Action = "release";
    [JsonPropertyName("steward-action")] public string? StewardAction { get; init; }
    [JsonPropertyName("findingId")] public string? FindingId { get; init; }
    [JsonPropertyName("instanceId")] public string? InstanceId { get; init; }
    [JsonPropertyName("reason")] public string? Reason { get; init; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = true)]
[JsonSerializable(typeof(EvidenceRecord))]
[JsonSerializable(typeof(NoticeRecord))]
[JsonSerializable(typeof(ReleaseRequest))]
public sealed partial class IncidentJsonContext : JsonSerializerContext;

/// <summary>The step failed in a way that leaves the instance uncontained: the invocation must fail so Lambda retries.</summary>
public sealed class ContainmentFailed(string message, Exception inner) : Exception(message, inner);
