using System.Globalization;

namespace Steward.Core.Costs;

/// <summary>What one day's report is made from; all of it plain data, read by the adapters.</summary>
public sealed record SpendInputs(
    CostHistory History, DateOnly Day, string TagKey, UnitVolumes Units, decimal? CostExplorerRestOfMonth, SpendReport? PreviousReport, AnomalyRules Rules,
    string Currency = "USD");

/// <summary>Builds the <see cref="SpendReport"/> from the daily rows: every figure from the numbers, every sentence from the figures.</summary>
public static class SpendReporter
{
    private const int Top = 5, ChartDays = 60, AccuracyKept = 62;

    public static string NameOf(CostDimension dimension, string key) => dimension == CostDimension.Service
        ? ServiceNames.InWords(key)
        : key.Length == 0 ? "untagged" : $"cost centre {key}";

    public static SpendReport Build(SpendInputs input)
    {
        var day = input.Day;
        var rows = input.History.Rows.Where(r => r.Day <= day).ToList();
        var services = rows.Where(r => r.Dimension == CostDimension.Service).ToList();
        var totals = services.GroupBy(r => r.Day).ToDictionary(g => g.Key, g => g.Sum(r => r.Unblended));
        decimal Total(DateOnly from, DateOnly to) { var s = 0m; for (var d = from; d <= to; d = d.AddDays(1)) s += totals.GetValueOrDefault(d); return s; }

        var monthStart = new DateOnly(day.Year, day.Month, 1);
        var lastMonthStart = monthStart.AddMonths(-1);
        var lastMonthEnd = monthStart.AddDays(-1);
        var sameDayLastMonth = lastMonthStart.AddDays(Math.Min(day.Day, lastMonthEnd.Day) - 1);
        var dayTotal = totals.GetValueOrDefault(day);
        var monthToDate = Total(monthStart, day);
        var sameDaysLastMonth = Total(lastMonthStart, sameDayLastMonth);
        var fourWeeks = Total(day.AddDays(-28), day.AddDays(-1)) / 28m;
        var totalsRecord = new SpendTotals(Money.Round(dayTotal), Money.Round(services.Where(r => r.Day == day).Sum(r => r.Amortized)),
            rows.Any(r => r.Day == day && r.Estimated), Money.Round(monthToDate), Money.Round(sameDaysLastMonth), Money.Round(Total(lastMonthStart, lastMonthEnd)),
            Round1(CostMath.PercentChange(sameDaysLastMonth, monthToDate)), Round1(CostMath.PercentChange(fourWeeks, dayTotal)));

        var forecast = MonthForecaster.Forecast(totals, day);
        var accuracy = (input.PreviousReport?.Forecast.Accuracy ?? []).Where(a => a.Day < day).ToList();
        if (input.PreviousReport?.Forecast is { } previous && previous.NextDayDate == day)
            accuracy.Add(new ForecastCheck(day, previous.NextDay, Money.Round(dayTotal), Round1(CostMath.PercentChange(dayTotal, previous.NextDay))));
        var forecastRecord = new SpendForecast(forecast.MonthEnd, forecast.Low, forecast.High, forecast.NextDay, day.AddDays(1),
            input.CostExplorerRestOfMonth is { } ce ? Money.Round(monthToDate + ce) : null, forecast.Days, accuracy.TakeLast(AccuracyKept).ToList());

        var series = rows.GroupBy(r => (r.Dimension, r.Key))
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<DateOnly, decimal>)g.GroupBy(r => r.Day).ToDictionary(d => d.Key, d => d.Sum(r => r.Unblended)));

        var report = new SpendReport
        {
            Day = day, Currency = input.Currency, Totals = totalsRecord, Forecast = forecastRecord,
            TopServices = Shares(rows, CostDimension.Service, day, monthStart, dayTotal),
            TopCostCenters = Shares(rows, CostDimension.CostCenter, day, monthStart, rows.Where(r => r.Day == day && r.Dimension == CostDimension.CostCenter).Sum(r => r.Unblended)),
            Movers = Movers(series, day),
            Anomalies = AnomalyDetector.Find(series, day, input.Rules, NameOf),
            UnitEconomics = UnitEconomics(input.Units, totals, day),
            Allocation = Allocate(rows, day, monthStart, input.TagKey),
            Daily = Enumerable.Range(0, ChartDays).Select(i => day.AddDays(i - ChartDays + 1))
                .Select(d => new DailyTotal(d, Money.Round(totals.GetValueOrDefault(d)), rows.Any(r => r.Day == d && r.Estimated))).ToList(),
            Summary = [],
            Notes = Notes(input, rows, day),
        };
        return report with { Summary = Summarize(report) };
    }

    /// <summary>The report with what moved inside each anomaly, and its summary told again with it.</summary>
    public static SpendReport WithDrillDowns(SpendReport report, IReadOnlyDictionary<(CostDimension, string), IReadOnlyList<DrillDownLine>> drillDowns)
    {
        var anomalies = report.Anomalies.Select(a => drillDowns.TryGetValue((a.Dimension, a.Key), out var lines) ? a with { DrillDown = lines } : a).ToList();
        var updated = report with { Anomalies = anomalies };
        return updated with { Summary = Summarize(updated) };
    }

    /// <summary>
    /// What moved inside an anomaly: each key's day against the median of its seven days before, the rises largest first.
    /// </summary>
    /// <remarks>Lines that moved by less than a tenth of the anomaly's impact are left out: they are noise beside it.</remarks>
    public static IReadOnlyList<DrillDownLine> DrillDown(Anomaly anomaly, IEnumerable<(string Key, DateOnly Day, decimal Amount)> daily, DateOnly day, int top = 3) =>
        daily.GroupBy(x => anomaly.Dimension == CostDimension.CostCenter ? ServiceNames.InWords(x.Key) : x.Key).Select(g =>
            {
                var byDay = g.GroupBy(x => x.Day).ToDictionary(d => d.Key, d => d.Sum(x => x.Amount));
                var expected = CostMath.Median(Enumerable.Range(1, 7).Select(i => byDay.GetValueOrDefault(day.AddDays(-i))).ToList());
                var actual = byDay.GetValueOrDefault(day);
                return new DrillDownLine(g.Key, Money.Round(actual), Money.Round(expected), Money.Round(actual - expected));
            })
            .Where(l => l.Change > 0 && l.Change >= anomaly.Impact / 10).OrderByDescending(l => l.Change).Take(top).ToList();

    private static IReadOnlyList<CostShare> Shares(List<CostRow> rows, CostDimension dimension, DateOnly day, DateOnly monthStart, decimal dayTotal) =>
        rows.Where(r => r.Dimension == dimension && r.Day >= monthStart).GroupBy(r => r.Key)
            .Select(g => new CostShare(g.Key, NameOf(dimension, g.Key), Money.Round(g.Where(r => r.Day == day).Sum(r => r.Unblended)), Money.Round(g.Sum(r => r.Unblended)),
                dayTotal > 0 ? Math.Round(g.Where(r => r.Day == day).Sum(r => r.Unblended) / dayTotal * 100m, 1) : 0))
            .Where(s => s.Amount > 0).OrderByDescending(s => s.Amount).ThenBy(s => s.Key, StringComparer.Ordinal).Take(Top).ToList();

    private static IReadOnlyList<Mover> Movers(Dictionary<(CostDimension Dimension, string Key), IReadOnlyDictionary<DateOnly, decimal>> series, DateOnly day) =>
        series.Select(s =>
            {
                var baseline = Enumerable.Range(1, 7).Average(i => s.Value.GetValueOrDefault(day.AddDays(-i)));
                var amount = s.Value.GetValueOrDefault(day);
                return new Mover(s.Key.Dimension, s.Key.Key, NameOf(s.Key.Dimension, s.Key.Key), Money.Round(amount), Money.Round(baseline), Money.Round(amount - baseline),
                    Round1(CostMath.PercentChange(baseline, amount)));
            })
            .Where(m => Math.Abs(m.Change) >= 0.01m).OrderByDescending(m => Math.Abs(m.Change)).ThenBy(m => m.Key, StringComparer.Ordinal).Take(Top).ToList();

    private static IReadOnlyList<UnitCost> UnitEconomics(UnitVolumes units, IReadOnlyDictionary<DateOnly, decimal> totals, DateOnly day)
    {
        var result = new List<UnitCost>();
        foreach (var unit in units.Units)
        {
            if (!units.Counts.TryGetValue((day, unit), out var count) || count == 0) continue;
            var perUnit = totals.GetValueOrDefault(day) / count;
            var trailing = Enumerable.Range(1, 7).Select(i => day.AddDays(-i))
                .Where(d => units.Counts.GetValueOrDefault((d, unit)) > 0 && totals.ContainsKey(d))
                .Select(d => totals[d] / units.Counts[(d, unit)]).ToList();
            decimal? trailingPerUnit = trailing.Count > 0 ? trailing.Average() : null;
            result.Add(new UnitCost(unit, count, Math.Round(perUnit, 4), Money.Round(perUnit * 1000m), trailingPerUnit is { } t ? Math.Round(t, 4) : null,
                trailingPerUnit is { } tp ? Round1(CostMath.PercentChange(tp, perUnit)) : null));
        }
        return result;
    }

    private static Allocation Allocate(List<CostRow> rows, DateOnly day, DateOnly monthStart, string tagKey)
    {
        var centres = rows.Where(r => r.Dimension == CostDimension.CostCenter && r.Day >= monthStart).ToList();
        decimal Tagged(IEnumerable<CostRow> xs, out decimal untagged)
        {
            var list = xs.ToList();
            var all = list.Sum(r => r.Unblended);
            untagged = list.Where(r => r.Key.Length == 0).Sum(r => r.Unblended);
            return all > 0 ? Math.Round((all - untagged) / all * 100m, 1) : 0;
        }
        var dayShare = Tagged(centres.Where(r => r.Day == day), out var dayUntagged);
        var monthShare = Tagged(centres, out _);
        var inactive = centres.Count > 0 && centres.All(r => r.Key.Length == 0) && centres.Sum(r => r.Unblended) > 0;
        return new Allocation(tagKey, dayShare, Money.Round(dayUntagged), monthShare, inactive);
    }

    private static List<string> Notes(SpendInputs input, List<CostRow> rows, DateOnly day)
    {
        var notes = new List<string>(input.Units.Problems);
        if (rows.Count == 0) notes.Add("Cost Explorer reported no cost at all for this period.");
        if (rows.Where(r => r.Dimension == CostDimension.CostCenter && r.Day.Month == day.Month).ToList() is { Count: > 0 } centres && centres.All(r => r.Key.Length == 0))
            notes.Add($"No cost carries the {input.TagKey} tag. Activate it as a cost allocation tag (Billing and Cost Management, Cost allocation tags); " +
                      "AWS applies it from then on, not to the past.");
        if (rows.Any(r => r.Day == day && r.Estimated)) notes.Add("The day's figures are estimates: AWS can still revise them for a few days.");
        // On a month's last day no forecast is asked for, so its absence is no news.
        if (input.CostExplorerRestOfMonth is null && day.AddDays(1).Month == day.Month) notes.Add("Cost Explorer's own forecast was not available; ours is shown alone.");
        return notes;
    }

    /// <summary>Three to six sentences in plain words, each saying only what a figure in the report shows.</summary>
    public static IReadOnlyList<string> Summarize(SpendReport r)
    {
        string M(decimal amount) => Money.Readable(amount, r.Currency);
        var sentences = new List<string>();
        var t = r.Totals;
        var when = r.Day.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);
        var estimate = t.DayEstimated ? " (an estimate: AWS has not finalised the day)" : "";
        sentences.Add(t.DayChangePercent is { } dc
            ? $"On {when} the cloud cost {M(t.Day)}{estimate}, {Relative(dc, "than the average day of the four weeks before")}."
            : $"On {when} the cloud cost {M(t.Day)}{estimate}.");

        sentences.Add(t.PaceChangePercent is { } pc
            ? $"Month to date it comes to {M(t.MonthToDate)}, {Relative(pc, $"than by the same day last month ({M(t.SameDaysLastMonth)})")}; last month came to {M(t.LastMonth)} in all."
            : $"Month to date it comes to {M(t.MonthToDate)}; there is no spend last month to compare it with.");

        var f = r.Forecast;
        var aws = f.CostExplorer is { } ce ? $"; AWS's own forecast is {M(ce)}" : "";
        sentences.Add(f.Days.Count == 0
            ? $"The month closes at {M(f.MonthEnd)}{(t.DayEstimated ? ", an estimate until AWS finalises its last days" : "")}."
            : $"At this pace the month ends near {M(f.MonthEnd)} (likely between {M(f.Low)} and {M(f.High)}){aws}.");

        if (r.TopServices.Count > 0)
        {
            var top = r.TopServices.Take(3).Select(s => $"{s.Name} {M(s.Amount)}").ToList();
            var allocation = r.Allocation.TagInactive
                ? $" No cost carries the {r.Allocation.TagKey} tag yet: it must be activated for cost allocation."
                : r.TopCostCenters.Count > 0 ? $" {r.Allocation.TaggedPercent.ToString("0.#", CultureInfo.InvariantCulture)}% of the day's spend carries the {r.Allocation.TagKey} tag; {M(r.Allocation.Untagged)} does not." : "";
            sentences.Add($"The largest costs of the day were {Join(top)}.{allocation}");
        }

        if (r.Anomalies.Count == 0) sentences.Add("No service or cost centre left its usual range.");
        else
        {
            var a = r.Anomalies[0];
            var inside = a.DrillDown.Count > 0 ? $", mostly {Join(a.DrillDown.Select(d => $"{d.Key} {Money.ReadableChange(d.Change, r.Currency)}").ToList())}" : "";
            var lead = r.Anomalies.Count == 1 ? "One cost stood out" : $"{r.Anomalies.Count} costs stood out, first";
            sentences.Add($"{lead}: {a.Name} cost {M(a.Actual)} against an expected {M(a.Expected)} ({Money.ReadableChange(a.Impact, r.Currency)}{inside}).");
        }

        if (r.UnitEconomics.Count > 0)
        {
            var parts = r.UnitEconomics.Take(3).Select(u =>
                $"{Money.Readable(u.CostPerUnit, r.Currency)} per {Singular(u.Unit)} ({u.Count.ToString("#,0", CultureInfo.InvariantCulture)} {u.Unit}" +
                (u.TrailingCostPerUnit is { } tr ? $", against {Money.Readable(tr, r.Currency)} over the week before)" : ")")).ToList();
            sentences.Add($"Per unit of business the day cost {Join(parts)}.");
        }
        return sentences;
    }

    private static string Relative(decimal percent, string against)
    {
        var rounded = Math.Round(Math.Abs(percent), 0, MidpointRounding.AwayFromZero);
        if (rounded == 0) return $"about the same {against.Replace("than ", "as ", StringComparison.Ordinal)}";
        return $"{rounded.ToString("0", CultureInfo.InvariantCulture)}% {(percent > 0 ? "more" : "less")} {against}";
    }

    private static string Join(IReadOnlyList<string> parts) =>
        parts.Count <= 1 ? string.Concat(parts) : string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[^1];

    private static string Singular(string unit) => unit.EndsWith('s') && unit.Length > 1 ? unit[..^1] : unit;

    private static decimal? Round1(decimal? value) => value is { } v ? Math.Round(v, 1) : null;
}
