using System.Text.Json.Serialization;

namespace Steward.Core.Costs;

/// <summary>
/// The day's account of what the cloud cost, decided from the daily rows alone (no AWS): what it came to, where it is
/// heading, what stood out, what it cost per unit of business and how much of it is allocated. Rendered as JSON, CSV, HTML
/// and the finance message.
/// </summary>
public sealed record SpendReport
{
    [JsonPropertyName("day")] public required DateOnly Day { get; init; }
    [JsonPropertyName("currency")] public required string Currency { get; init; }
    [JsonPropertyName("metric")] public string Metric { get; init; } = "UnblendedCost";
    [JsonPropertyName("totals")] public required SpendTotals Totals { get; init; }
    [JsonPropertyName("forecast")] public required SpendForecast Forecast { get; init; }
    [JsonPropertyName("topServices")] public required IReadOnlyList<CostShare> TopServices { get; init; }
    [JsonPropertyName("topCostCenters")] public required IReadOnlyList<CostShare> TopCostCenters { get; init; }
    [JsonPropertyName("movers")] public required IReadOnlyList<Mover> Movers { get; init; }
    [JsonPropertyName("anomalies")] public required IReadOnlyList<Anomaly> Anomalies { get; init; }
    [JsonPropertyName("unitEconomics")] public required IReadOnlyList<UnitCost> UnitEconomics { get; init; }
    [JsonPropertyName("allocation")] public required Allocation Allocation { get; init; }
    /// <summary>The last 60 days' totals, for the chart.</summary>
    [JsonPropertyName("daily")] public required IReadOnlyList<DailyTotal> Daily { get; init; }
    [JsonPropertyName("summary")] public required IReadOnlyList<string> Summary { get; init; }
    /// <summary>What the reader should know about the data: an inactive tag, a units file line skipped.</summary>
    [JsonPropertyName("notes")] public required IReadOnlyList<string> Notes { get; init; }
    /// <summary>What is stored and what it costs a month, from the storage hook's ledger of the day, when there is one.</summary>
    [JsonPropertyName("storage")] public StorageSection? Storage { get; init; }
}

public sealed record StorageSection(
    [property: JsonPropertyName("ledger")] string Ledger,
    [property: JsonPropertyName("objects")] long Objects,
    [property: JsonPropertyName("bytes")] long Bytes,
    [property: JsonPropertyName("monthlyCost")] decimal MonthlyCost,
    [property: JsonPropertyName("rows")] IReadOnlyList<Steward.Core.Storage.LedgerRow> Rows);

public sealed record SpendTotals(
    [property: JsonPropertyName("day")] decimal Day,
    [property: JsonPropertyName("dayAmortized")] decimal DayAmortized,
    [property: JsonPropertyName("dayEstimated")] bool DayEstimated,
    [property: JsonPropertyName("monthToDate")] decimal MonthToDate,
    [property: JsonPropertyName("sameDaysLastMonth")] decimal SameDaysLastMonth,
    [property: JsonPropertyName("lastMonth")] decimal LastMonth,
    /// <summary>Month to date against the same days of last month, in percent; null when last month had nothing.</summary>
    [property: JsonPropertyName("paceChangePercent")] decimal? PaceChangePercent,
    /// <summary>The day against the average day of the four weeks before it, in percent.</summary>
    [property: JsonPropertyName("dayChangePercent")] decimal? DayChangePercent);

public sealed record SpendForecast(
    [property: JsonPropertyName("monthEnd")] decimal MonthEnd,
    [property: JsonPropertyName("low")] decimal Low,
    [property: JsonPropertyName("high")] decimal High,
    /// <summary>What the next day should cost, kept so the next report can say how good the forecast was.</summary>
    [property: JsonPropertyName("nextDay")] decimal NextDay,
    [property: JsonPropertyName("nextDayDate")] DateOnly NextDayDate,
    /// <summary>Cost Explorer's own month-end forecast, when it answers.</summary>
    [property: JsonPropertyName("costExplorer")] decimal? CostExplorer,
    /// <summary>The rest of the month, day by day, as forecast (for the chart).</summary>
    [property: JsonPropertyName("days")] IReadOnlyList<DailyTotal> Days,
    /// <summary>Yesterday's forecast of each day against what it cost, most recent last.</summary>
    [property: JsonPropertyName("accuracy")] IReadOnlyList<ForecastCheck> Accuracy);

public sealed record ForecastCheck(
    [property: JsonPropertyName("day")] DateOnly Day,
    [property: JsonPropertyName("forecast")] decimal Forecast,
    [property: JsonPropertyName("actual")] decimal Actual,
    [property: JsonPropertyName("errorPercent")] decimal? ErrorPercent);

public sealed record DailyTotal(
    [property: JsonPropertyName("day")] DateOnly Day,
    [property: JsonPropertyName("amount")] decimal Amount,
    [property: JsonPropertyName("estimated")] bool Estimated);

public sealed record CostShare(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("amount")] decimal Amount,
    [property: JsonPropertyName("monthToDate")] decimal MonthToDate,
    [property: JsonPropertyName("sharePercent")] decimal SharePercent);

public sealed record Mover(
    [property: JsonPropertyName("dimension")] CostDimension Dimension,
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("amount")] decimal Amount,
    [property: JsonPropertyName("baseline")] decimal Baseline,
    [property: JsonPropertyName("change")] decimal Change,
    [property: JsonPropertyName("changePercent")] decimal? ChangePercent);

public sealed record Anomaly(
    [property: JsonPropertyName("dimension")] CostDimension Dimension,
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("expected")] decimal Expected,
    [property: JsonPropertyName("actual")] decimal Actual,
    [property: JsonPropertyName("impact")] decimal Impact,
    [property: JsonPropertyName("impactPercent")] decimal? ImpactPercent,
    /// <summary>What inside moved, largest first: usage types for a service, services for a cost centre.</summary>
    [property: JsonPropertyName("drillDown")] IReadOnlyList<DrillDownLine> DrillDown);

public sealed record DrillDownLine(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("actual")] decimal Actual,
    [property: JsonPropertyName("expected")] decimal Expected,
    [property: JsonPropertyName("change")] decimal Change);

public sealed record UnitCost(
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("count")] long Count,
    [property: JsonPropertyName("costPerUnit")] decimal CostPerUnit,
    [property: JsonPropertyName("costPer1000")] decimal CostPer1000,
    [property: JsonPropertyName("trailingCostPerUnit")] decimal? TrailingCostPerUnit,
    [property: JsonPropertyName("changePercent")] decimal? ChangePercent);

public sealed record Allocation(
    [property: JsonPropertyName("tagKey")] string TagKey,
    [property: JsonPropertyName("taggedPercent")] decimal TaggedPercent,
    [property: JsonPropertyName("untagged")] decimal Untagged,
    [property: JsonPropertyName("monthToDateTaggedPercent")] decimal MonthToDateTaggedPercent,
    /// <summary>True when every cost is untagged: the tag is most likely not activated for cost allocation.</summary>
    [property: JsonPropertyName("tagInactive")] bool TagInactive);
