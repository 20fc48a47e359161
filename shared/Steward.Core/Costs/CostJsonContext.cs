using System.Text.Json.Serialization;

namespace Steward.Core.Costs;

/// <summary>Names the versions of one day's set: written last, so a reader that finds it knows the set is complete.</summary>
public sealed record SnapshotManifest(
    [property: JsonPropertyName("day")] DateOnly Day,
    [property: JsonPropertyName("writtenAt")] DateTimeOffset WrittenAt,
    [property: JsonPropertyName("objects")] IReadOnlyList<ManifestEntry> Objects);

public sealed record ManifestEntry(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("versionId")] string? VersionId,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("bytes")] long Bytes);

/// <summary>A closed month: its final totals and how good each day's month-end forecast was. Written once.</summary>
public sealed record MonthRecord(
    [property: JsonPropertyName("month")] string Month,
    /// <summary>The month's bill, billed (what the invoice said).</summary>
    [property: JsonPropertyName("total")] decimal Total,
    [property: JsonPropertyName("byService")] IReadOnlyDictionary<string, decimal> ByService,
    [property: JsonPropertyName("byCostCenter")] IReadOnlyDictionary<string, decimal> ByCostCenter,
    [property: JsonPropertyName("forecasts")] IReadOnlyList<ForecastOfMonth> Forecasts,
    /// <summary>The month's usage at its effective cost (what the forecast's pace is read from).</summary>
    [property: JsonPropertyName("usage")] decimal Usage = 0,
    /// <summary>The month's bill by kind of charge, billed.</summary>
    [property: JsonPropertyName("charges")] IReadOnlyDictionary<ChargeKind, decimal>? Charges = null);

public sealed record ForecastOfMonth(
    [property: JsonPropertyName("day")] DateOnly Day,
    [property: JsonPropertyName("monthEnd")] decimal MonthEnd,
    [property: JsonPropertyName("errorPercent")] decimal? ErrorPercent);

[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SpendReport))]
[JsonSerializable(typeof(TeamReport))]
[JsonSerializable(typeof(CostHistory))]
[JsonSerializable(typeof(IReadOnlyList<CostRow>))]
[JsonSerializable(typeof(SnapshotManifest))]
[JsonSerializable(typeof(MonthRecord))]
public sealed partial class CostJsonContext : JsonSerializerContext;
