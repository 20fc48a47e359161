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
    /// <summary>What each named figure is, in FOCUS's words and Cost Explorer's.</summary>
    [JsonPropertyName("figures")] public IReadOnlyDictionary<string, string> Figures { get; init; } = FigureNames;
    [JsonPropertyName("totals")] public required SpendTotals Totals { get; init; }
    /// <summary>The bill by kind of charge (usage, purchases, tax, support, fees, credits, refunds), the day and the month.</summary>
    [JsonPropertyName("charges")] public required IReadOnlyList<ChargeTotal> Charges { get; init; }
    [JsonPropertyName("forecast")] public required SpendForecast Forecast { get; init; }
    [JsonPropertyName("topServices")] public required IReadOnlyList<CostShare> TopServices { get; init; }
    [JsonPropertyName("topCostCenters")] public required IReadOnlyList<CostShare> TopCostCenters { get; init; }
    [JsonPropertyName("movers")] public required IReadOnlyList<Mover> Movers { get; init; }
    [JsonPropertyName("anomalies")] public required IReadOnlyList<Anomaly> Anomalies { get; init; }
    [JsonPropertyName("unitEconomics")] public required IReadOnlyList<UnitCost> UnitEconomics { get; init; }
    [JsonPropertyName("allocation")] public required Allocation Allocation { get; init; }
    /// <summary>Each cost centre's own spend, its share of the shared spend and the two together: they add up to the bill.</summary>
    [JsonPropertyName("teams")] public required IReadOnlyList<TeamShare> Teams { get; init; }
    /// <summary>In an organization's management account, spend by linked account, named from Organizations; empty for one account.</summary>
    [JsonPropertyName("accounts")] public IReadOnlyList<AccountShare> Accounts { get; init; } = [];
    /// <summary>The last 60 days, for the chart.</summary>
    [JsonPropertyName("daily")] public required IReadOnlyList<DailyTotal> Daily { get; init; }
    [JsonPropertyName("summary")] public required IReadOnlyList<string> Summary { get; init; }
    /// <summary>What the reader should know about the data: an inactive tag, a units file line skipped.</summary>
    [JsonPropertyName("notes")] public required IReadOnlyList<string> Notes { get; init; }
    /// <summary>What is stored and what it costs a month, from the storage hook's ledger of the day, when there is one.</summary>
    [JsonPropertyName("storage")] public StorageSection? Storage { get; init; }

    public static readonly IReadOnlyDictionary<string, string> FigureNames = new Dictionary<string, string>
    {
        ["billed"] = "what the invoice says (FOCUS BilledCost; Cost Explorer's UnblendedCost): fees on the day they are charged",
        ["effective"] = "what the usage cost (FOCUS EffectiveCost; Cost Explorer's AmortizedCost): commitment fees spread over the usage they paid for",
        ["usage"] = "the effective cost of usage and commitments alone, without tax, support, fees, credits or refunds: what anomalies, the forecast's pace and unit costs are read from",
    };
}

/// <summary>A billed and an effective amount of the same money.</summary>
public sealed record Amounts(
    [property: JsonPropertyName("billed")] decimal Billed,
    [property: JsonPropertyName("effective")] decimal Effective);

public sealed record ChargeTotal(
    [property: JsonPropertyName("category")] ChargeKind Category,
    [property: JsonPropertyName("focusCategory")] string FocusCategory,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("day")] Amounts Day,
    [property: JsonPropertyName("monthToDate")] Amounts MonthToDate,
    /// <summary>Billed by the month's end: what is charged so far and what is still expected on its day.</summary>
    [property: JsonPropertyName("monthEnd")] decimal MonthEnd,
    [property: JsonPropertyName("lines")] IReadOnlyList<ChargeLine> Lines);

public sealed record ChargeLine(
    [property: JsonPropertyName("service")] string Service,
    [property: JsonPropertyName("recordType")] string RecordType,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("day")] Amounts Day,
    [property: JsonPropertyName("monthToDate")] Amounts MonthToDate,
    /// <summary>"charged on the 1st", "charged daily": when the line recurs; null when it does not.</summary>
    [property: JsonPropertyName("recurs")] string? Recurs,
    /// <summary>Billed still expected this month from its recurrence.</summary>
    [property: JsonPropertyName("expected")] decimal Expected);

public sealed record StorageSection(
    [property: JsonPropertyName("ledger")] string Ledger,
    [property: JsonPropertyName("objects")] long Objects,
    [property: JsonPropertyName("bytes")] long Bytes,
    [property: JsonPropertyName("monthlyCost")] decimal MonthlyCost,
    [property: JsonPropertyName("rows")] IReadOnlyList<Steward.Core.Storage.LedgerRow> Rows);

public sealed record SpendTotals(
    /// <summary>The day's whole bill, every kind of charge.</summary>
    [property: JsonPropertyName("day")] Amounts Day,
    [property: JsonPropertyName("dayUsage")] decimal DayUsage,
    /// <summary>AWS is still filling the day in: its figures will rise, and what was judged on them is judged again.</summary>
    [property: JsonPropertyName("dayProvisional")] bool DayProvisional,
    [property: JsonPropertyName("monthToDate")] Amounts MonthToDate,
    [property: JsonPropertyName("monthToDateUsage")] decimal MonthToDateUsage,
    [property: JsonPropertyName("lastMonth")] Amounts LastMonth,
    [property: JsonPropertyName("lastMonthUsage")] decimal LastMonthUsage,
    /// <summary>The days the month to date is compared with: as many days, on the same weekdays, four or five weeks before.</summary>
    [property: JsonPropertyName("comparedFrom")] DateOnly ComparedFrom,
    [property: JsonPropertyName("comparedTo")] DateOnly ComparedTo,
    [property: JsonPropertyName("comparedUsage")] decimal ComparedUsage,
    /// <summary>Month-to-date usage against the compared days' usage, in percent; null when they had none.</summary>
    [property: JsonPropertyName("paceChangePercent")] decimal? PaceChangePercent,
    /// <summary>The day's usage against the same weekday's average over the four weeks before, in percent.</summary>
    [property: JsonPropertyName("dayChangePercent")] decimal? DayChangePercent);

public sealed record SpendForecast(
    /// <summary>What the month's invoice will say: billed so far, the usage to come, and the charges still expected on their day.</summary>
    [property: JsonPropertyName("monthEnd")] decimal MonthEnd,
    [property: JsonPropertyName("low")] decimal Low,
    [property: JsonPropertyName("high")] decimal High,
    /// <summary>The month's usage at its effective cost, the figure the backtest scores.</summary>
    [property: JsonPropertyName("usageMonthEnd")] decimal UsageMonthEnd,
    /// <summary>Tax, support, fees and credits still expected this month (billed), from last month's days and this month's recurrences.</summary>
    [property: JsonPropertyName("chargesExpected")] decimal ChargesExpected,
    /// <summary>What the next day's usage should cost, kept so a later report can say how good the forecast was.</summary>
    [property: JsonPropertyName("nextDay")] decimal NextDay,
    [property: JsonPropertyName("nextDayDate")] DateOnly NextDayDate,
    /// <summary>Cost Explorer's own month-end forecast (of UnblendedCost), when it answers.</summary>
    [property: JsonPropertyName("costExplorer")] decimal? CostExplorer,
    /// <summary>The rest of the month's usage, day by day, as forecast (for the chart).</summary>
    [property: JsonPropertyName("days")] IReadOnlyList<DailyTotal> Days,
    /// <summary>Each day's forecast against its usage; scored only once the day is final.</summary>
    [property: JsonPropertyName("accuracy")] IReadOnlyList<ForecastCheck> Accuracy);

public sealed record ForecastCheck(
    [property: JsonPropertyName("day")] DateOnly Day,
    [property: JsonPropertyName("forecast")] decimal Forecast,
    [property: JsonPropertyName("actual")] decimal Actual,
    [property: JsonPropertyName("errorPercent")] decimal? ErrorPercent,
    /// <summary>False while the day is provisional: its actual will still move, and it is not scored.</summary>
    [property: JsonPropertyName("final")] bool Final = true);

/// <summary>A day's usage (effective), and its whole bill where known; provisional while AWS is still filling it in.</summary>
public sealed record DailyTotal(
    [property: JsonPropertyName("day")] DateOnly Day,
    [property: JsonPropertyName("amount")] decimal Amount,
    [property: JsonPropertyName("provisional")] bool Provisional,
    [property: JsonPropertyName("billed")] decimal? Billed = null);

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
    [property: JsonPropertyName("drillDown")] IReadOnlyList<DrillDownLine> DrillDown,
    /// <summary>"rise" or "drop".</summary>
    [property: JsonPropertyName("direction")] string Direction = "rise",
    /// <summary>Judged on a day AWS is still filling in: judged again once it is final.</summary>
    [property: JsonPropertyName("provisional")] bool Provisional = false,
    /// <summary>A series that cost something every day of the four weeks before and nothing on the day.</summary>
    [property: JsonPropertyName("stopped")] bool Stopped = false);

public sealed record DrillDownLine(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("actual")] decimal Actual,
    [property: JsonPropertyName("expected")] decimal Expected,
    [property: JsonPropertyName("change")] decimal Change,
    /// <summary>The key in words: "p4d.24xlarge GPU server hours" for BoxUsage:p4d.24xlarge.</summary>
    [property: JsonPropertyName("name")] string? Name = null)
{
    [JsonIgnore] public string Words => Name ?? Key;
}

public sealed record UnitCost(
    [property: JsonPropertyName("unit")] string Unit,
    /// <summary>Whose usage the unit is divided into: "CostCenter=shop", or "" for the whole account's.</summary>
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("count")] long Count,
    [property: JsonPropertyName("costPerUnit")] decimal CostPerUnit,
    [property: JsonPropertyName("costPer1000")] decimal CostPer1000,
    [property: JsonPropertyName("trailingCostPerUnit")] decimal? TrailingCostPerUnit,
    [property: JsonPropertyName("changePercent")] decimal? ChangePercent);

public sealed record Allocation(
    [property: JsonPropertyName("tagKey")] string TagKey,
    /// <summary>The share of the day's usage that carries the tag; tax, support, fees and credits cannot carry one and are left out.</summary>
    [property: JsonPropertyName("taggedPercent")] decimal TaggedPercent,
    /// <summary>The day's usage without the tag (effective).</summary>
    [property: JsonPropertyName("untagged")] decimal Untagged,
    [property: JsonPropertyName("monthToDateTaggedPercent")] decimal MonthToDateTaggedPercent,
    /// <summary>True when every cost is untagged: the tag is most likely not activated for cost allocation.</summary>
    [property: JsonPropertyName("tagInactive")] bool TagInactive,
    /// <summary>What belongs to everyone (untagged usage, tax, support, fees, credits), billed, shared out to the teams.</summary>
    [property: JsonPropertyName("shared")] Amounts? Shared = null,
    [property: JsonPropertyName("sharedMonthToDate")] Amounts? SharedMonthToDate = null,
    /// <summary>How the shared spend is shared out, in words.</summary>
    [property: JsonPropertyName("rule")] string Rule = "");

public sealed record AccountShare(
    [property: JsonPropertyName("accountId")] string AccountId,
    /// <summary>The account's name in Organizations, or its id when it could not be read.</summary>
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("day")] Amounts Day,
    [property: JsonPropertyName("monthToDate")] Amounts MonthToDate,
    [property: JsonPropertyName("usage")] decimal Usage,
    /// <summary>The account's share of the month's bill so far, in percent.</summary>
    [property: JsonPropertyName("sharePercent")] decimal SharePercent);

public sealed record TeamShare(
    [property: JsonPropertyName("costCentre")] string CostCentre,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("day")] TeamAmounts Day,
    [property: JsonPropertyName("monthToDate")] TeamAmounts MonthToDate);

/// <summary>Billed: the team's own (tagged) spend, its share of the shared spend, and the two together.</summary>
public sealed record TeamAmounts(
    [property: JsonPropertyName("own")] decimal Own,
    [property: JsonPropertyName("shared")] decimal Shared,
    [property: JsonPropertyName("total")] decimal Total);
