using System.Text.Json.Serialization;

namespace Steward.Core.Costs;

/// <summary>How a day's cost is broken down: by AWS service, by the cost-allocation tag (the cost centre), or by linked account.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CostDimension>))]
public enum CostDimension { Service, CostCenter, Account }

/// <summary>
/// One day's cost of one service or one cost centre, of one charge type, as Cost Explorer reports it (grouped by SERVICE or
/// the tag, and by RECORD_TYPE). In FOCUS's terms: <see cref="Billed"/> is BilledCost (Cost Explorer's UnblendedCost: what
/// the invoice says), <see cref="Effective"/> is EffectiveCost (AmortizedCost: upfront and recurring commitment fees spread
/// over the usage they paid for). <see cref="Estimated"/> is true while AWS has not finalised the day (provisional).
/// </summary>
public sealed record CostRow(
    [property: JsonPropertyName("day")] DateOnly Day,
    [property: JsonPropertyName("dimension")] CostDimension Dimension,
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("billed")] decimal Billed,
    [property: JsonPropertyName("effective")] decimal Effective,
    [property: JsonPropertyName("estimated")] bool Estimated,
    [property: JsonPropertyName("recordType")] string RecordType = "Usage")
{
    [JsonIgnore] public ChargeKind Charge => Charges.KindOf(RecordType, Dimension, Key);

    /// <summary>The amount the analysis reads: the effective cost of usage and commitments, nothing for tax, fees or credits.</summary>
    [JsonIgnore] public decimal Usage => Charges.IsUsage(Charge) ? Effective : 0m;
}

/// <summary>
/// The daily rows kept in the snapshot bucket between runs, and through which day Cost Explorer has been read (a day with
/// no cost has no rows, and must not be read again for that).
/// </summary>
public sealed record CostHistory(
    [property: JsonPropertyName("readThrough")] DateOnly? ReadThrough,
    [property: JsonPropertyName("rows")] IReadOnlyList<CostRow> Rows,
    [property: JsonPropertyName("version")] int Version = 0)
{
    public static readonly CostHistory Empty = new(null, [], CurrentVersion);

    /// <summary>
    /// 2: rows carry their RECORD_TYPE. A history written before (every charge read as usage) is read again from Cost
    /// Explorer, all 13 months, once.
    /// </summary>
    public const int CurrentVersion = 2;

    /// <summary>How far back the first run reads, and how much history is kept.</summary>
    public const int Months = 13;

    /// <summary>Days Cost Explorer may still restate after they end, re-read on every run.</summary>
    public const int RestatementDays = 3;

    /// <summary>
    /// The one period to ask Cost Explorer for (end exclusive): on the first run 13 months before the report's month;
    /// after that, from the earliest of the days still estimated, the days never read and the last three days.
    /// </summary>
    public (DateOnly From, DateOnly ToExclusive) PeriodToRead(DateOnly reportDay)
    {
        var firstRun = new DateOnly(reportDay.Year, reportDay.Month, 1).AddMonths(-Months);
        if (ReadThrough is not { } readThrough) return (firstRun, reportDay.AddDays(1));
        var from = reportDay.AddDays(1 - RestatementDays);
        if (readThrough.AddDays(1) < from) from = readThrough.AddDays(1);
        foreach (var r in Rows) if (r.Estimated && r.Day < from) from = r.Day;
        return (from < firstRun ? firstRun : from, reportDay.AddDays(1));
    }

    /// <summary>This history with the period re-read replaced by what Cost Explorer now says, trimmed to 13 months and a margin.</summary>
    public CostHistory Merge(IEnumerable<CostRow> fresh, DateOnly from, DateOnly toExclusive)
    {
        var lastRead = toExclusive.AddDays(-1);
        var through = ReadThrough is { } r && r > lastRead ? r : lastRead;
        var keepFrom = new DateOnly(through.Year, through.Month, 1).AddMonths(-Months - 1);
        var rows = Rows.Where(x => x.Day < from || x.Day >= toExclusive).Concat(fresh.Where(x => x.Day >= from && x.Day < toExclusive))
            .Where(x => x.Day >= keepFrom)
            .OrderBy(x => x.Day).ThenBy(x => x.Dimension).ThenBy(x => x.Key, StringComparer.Ordinal).ThenBy(x => x.RecordType, StringComparer.Ordinal)
            .ToList();
        return new CostHistory(through, rows, CurrentVersion);
    }
}
