using System.Text.Json.Serialization;

namespace Steward.Core.Instances;

/// <summary>The answer to a quote: the price before anything launches, and whether it needs an approval.</summary>
public sealed record QuoteAnswer
{
    [JsonPropertyName("operatingSystem")] public required string OperatingSystem { get; init; }
    [JsonPropertyName("instanceType")] public required string InstanceType { get; init; }
    [JsonPropertyName("volumeGiB")] public int VolumeGiB { get; init; }
    [JsonPropertyName("quote")] public required CostEstimate Quote { get; init; }
    [JsonPropertyName("monthlyCeiling")] public decimal MonthlyCeiling { get; init; }
    [JsonPropertyName("needsApproval")] public bool NeedsApproval { get; init; }
    [JsonPropertyName("tags")] public Dictionary<string, string>? Tags { get; init; }
    [JsonPropertyName("warnings")] public List<string>? Warnings { get; init; }
}

/// <summary>What Steward knows of a server built for a request: from EC2 and the tags it carries.</summary>
public sealed record InstanceAnswer
{
    [JsonPropertyName("requestNumber")] public required string RequestNumber { get; init; }
    [JsonPropertyName("instanceId")] public required string InstanceId { get; init; }
    /// <summary>The member account the server is in; absent for Steward's own account.</summary>
    [JsonPropertyName("account")] public string? Account { get; init; }
    [JsonPropertyName("state")] public required string State { get; init; }
    [JsonPropertyName("instanceType")] public string? InstanceType { get; init; }
    [JsonPropertyName("privateIp")] public string? PrivateIp { get; init; }
    [JsonPropertyName("launchTime")] public DateTimeOffset? LaunchTime { get; init; }
    [JsonPropertyName("volumeIds")] public List<string>? VolumeIds { get; init; }
    [JsonPropertyName("quote")] public CostEstimate? Quote { get; init; }
    [JsonPropertyName("monthlyQuote")] public string? MonthlyQuote { get; init; }
    /// <summary>Running time since the last launch at the quoted rates: an estimate, not the bill.</summary>
    [JsonPropertyName("costSinceLaunch")] public decimal? CostSinceLaunch { get; init; }
    [JsonPropertyName("leaseEnds")] public DateTimeOffset? LeaseEnds { get; init; }
    [JsonPropertyName("leaseExpired")] public bool LeaseExpired { get; init; }
    [JsonPropertyName("snapshotIds")] public List<string>? SnapshotIds { get; init; }
    [JsonPropertyName("tags")] public Dictionary<string, string>? Tags { get; init; }
    [JsonPropertyName("warnings")] public List<string>? Warnings { get; init; }
}

/// <summary>What the lease sweep did.</summary>
public sealed record LeaseSweepReport(
    [property: JsonPropertyName("checked")] int Checked,
    [property: JsonPropertyName("stopped")] List<string> Stopped,
    [property: JsonPropertyName("failed")] List<string> Failed);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(QuoteAnswer))]
[JsonSerializable(typeof(InstanceAnswer))]
[JsonSerializable(typeof(LeaseSweepReport))]
public sealed partial class InstanceJsonContext : JsonSerializerContext;
