using System.Globalization;

namespace Steward.Core.Costs;

/// <summary>What one day's report is made from; all of it plain data, read by the adapters.</summary>
public sealed record SpendInputs(
    CostHistory History, DateOnly Day, string TagKey, UnitVolumes Units, decimal? CostExplorerRestOfMonth, SpendReport? PreviousReport, AnomalyRules Rules,
    string Currency = "USD", SharingRule? Sharing = null, IReadOnlyDictionary<string, string>? AccountNames = null);

/// <summary>
/// Builds the <see cref="SpendReport"/> from the daily rows: every figure from the numbers, every sentence from the figures.
/// Usage (at its effective cost) is what the analysis reads; the other charges are shown as their own lines; the bill's
/// figures are billed.
/// </summary>
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
        var centres = rows.Where(r => r.Dimension == CostDimension.CostCenter).ToList();
        var provisional = rows.Where(r => r.Estimated).Select(r => r.Day).ToHashSet();
        var usage = Daily(services, r => r.Usage);
        var billed = Daily(services, r => r.Billed);
        var effective = Daily(services, r => r.Effective);

        var monthStart = new DateOnly(day.Year, day.Month, 1);
        var lastMonthStart = monthStart.AddMonths(-1);
        var lastMonthEnd = monthStart.AddDays(-1);
        // The month so far against as many days on the same weekdays four weeks before (five, late in a long month), so a
        // Tuesday the 1st is never read against a Sunday.
        var shift = day.Day <= 28 ? 28 : 35;
        var (comparedFrom, comparedTo) = (monthStart.AddDays(-shift), day.AddDays(-shift));
        var usageToDate = Sum(usage, monthStart, day);
        var compared = Sum(usage, comparedFrom, comparedTo);
        var sameWeekday = Enumerable.Range(1, 4).Average(w => usage.GetValueOrDefault(day.AddDays(-7 * w)));
        var totals = new SpendTotals(
            new Amounts(Money.Round(billed.GetValueOrDefault(day)), Money.Round(effective.GetValueOrDefault(day))), Money.Round(usage.GetValueOrDefault(day)), provisional.Contains(day),
            new Amounts(Money.Round(Sum(billed, monthStart, day)), Money.Round(Sum(effective, monthStart, day))), Money.Round(usageToDate),
            new Amounts(Money.Round(Sum(billed, lastMonthStart, lastMonthEnd)), Money.Round(Sum(effective, lastMonthStart, lastMonthEnd))), Money.Round(Sum(usage, lastMonthStart, lastMonthEnd)),
            comparedFrom, comparedTo, Money.Round(compared), Round1(CostMath.PercentChange(compared, usageToDate)), Round1(CostMath.PercentChange(sameWeekday, usage.GetValueOrDefault(day))));

        var usageForecast = MonthForecaster.Forecast(usage, day, provisional);
        var usageRest = usageForecast.MonthEnd - usageToDate; // the days to come, and what the provisional days still lack
        // Usage is forecast at its effective cost; the invoice bills it at the rate the last two final weeks were billed
        // (the plan's daily fee in place of covered usage, say), upfront fees aside: they do not recur.
        var billedRest = usageRest * BilledPerEffective(services, day, provisional);
        var charges = ChargeAnalysis.Analyse(services, day, billedRest);
        var monthEnd = totals.MonthToDate.Billed + billedRest + charges.ExpectedBeyondUsage;
        var forecast = new SpendForecast(Money.Round(monthEnd), Money.Round(monthEnd - (usageForecast.MonthEnd - usageForecast.Low)), Money.Round(monthEnd + (usageForecast.High - usageForecast.MonthEnd)),
            usageForecast.MonthEnd, charges.ExpectedBeyondUsage, usageForecast.NextDay, day.AddDays(1),
            input.CostExplorerRestOfMonth is { } ce ? Money.Round(totals.MonthToDate.Billed + ce) : null, usageForecast.Days, Accuracy(input.PreviousReport, usage, provisional, day));

        var series = rows.Where(r => r.Dimension != CostDimension.Account && Charges.IsUsage(r.Charge)).GroupBy(r => (r.Dimension, r.Key))
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<DateOnly, decimal>)g.GroupBy(r => r.Day).ToDictionary(d => d.Key, d => d.Sum(r => r.Usage)));
        var sharing = input.Sharing ?? SharingRule.Proportional;

        var report = new SpendReport
        {
            Day = day, Currency = input.Currency, Totals = totals, Charges = charges.Totals, Forecast = forecast,
            TopServices = Shares(services, CostDimension.Service, day, monthStart),
            TopCostCenters = Shares(centres, CostDimension.CostCenter, day, monthStart),
            Movers = Movers(series, day),
            Anomalies = AnomalyDetector.Find(series, day, input.Rules, NameOf, provisional.Contains(day)),
            UnitEconomics = UnitEconomics(input, usage, centres, sharing, day),
            Allocation = Allocate(centres, day, monthStart, input.TagKey, sharing),
            Teams = Teams(centres, day, monthStart, sharing),
            Accounts = Accounts(rows, day, monthStart, input.AccountNames),
            Daily = Enumerable.Range(0, ChartDays).Select(i => day.AddDays(i - ChartDays + 1))
                .Select(d => new DailyTotal(d, Money.Round(usage.GetValueOrDefault(d)), provisional.Contains(d), Money.Round(billed.GetValueOrDefault(d)))).ToList(),
            Summary = [],
            Notes = Notes(input, rows, centres, day, sharing),
        };
        return report with { Summary = SpendSummary.Sentences(report) };
    }

    /// <summary>
    /// Yesterday's forecast of each day against its usage. A day scored while provisional is scored again on each run with
    /// its latest figure, and counts only once final.
    /// </summary>
    private static IReadOnlyList<ForecastCheck> Accuracy(SpendReport? previous, IReadOnlyDictionary<DateOnly, decimal> usage, IReadOnlySet<DateOnly> provisional, DateOnly day)
    {
        ForecastCheck Score(DateOnly d, decimal forecast)
        {
            var actual = Money.Round(usage.GetValueOrDefault(d));
            var final = !provisional.Contains(d);
            return new ForecastCheck(d, forecast, actual, final ? Round1(CostMath.PercentChange(actual, forecast)) : null, final);
        }
        var checks = (previous?.Forecast.Accuracy ?? []).Where(a => a.Day < day).Select(a => a.Final ? a : Score(a.Day, a.Forecast)).ToList();
        if (previous?.Forecast is { } f && f.NextDayDate == day) checks.Add(Score(day, f.NextDay));
        return checks.TakeLast(AccuracyKept).ToList();
    }

    /// <summary>What a dollar of usage's effective cost was billed over the last 14 final days (1 with nothing to go by).</summary>
    private static decimal BilledPerEffective(List<CostRow> services, DateOnly day, IReadOnlySet<DateOnly> provisional)
    {
        var window = services.Where(r => r.Day > day.AddDays(-28) && r.Day <= day && !provisional.Contains(r.Day) && Charges.IsUsage(r.Charge) && !Charges.IsUpfront(r.RecordType))
            .GroupBy(r => r.Day).OrderByDescending(g => g.Key).Take(14).SelectMany(g => g).ToList();
        var effective = window.Sum(r => r.Usage);
        return effective > 0 ? window.Sum(r => r.Billed) / effective : 1m;
    }

    private static Dictionary<DateOnly, decimal> Daily(IEnumerable<CostRow> rows, Func<CostRow, decimal> amount) =>
        rows.GroupBy(r => r.Day).ToDictionary(g => g.Key, g => g.Sum(amount));

    private static decimal Sum(IReadOnlyDictionary<DateOnly, decimal> daily, DateOnly from, DateOnly to)
    {
        var s = 0m;
        for (var d = from; d <= to; d = d.AddDays(1)) s += daily.GetValueOrDefault(d);
        return s;
    }

    /// <summary>The report with what moved inside each anomaly, and its summary told again with it.</summary>
    public static SpendReport WithDrillDowns(SpendReport report, IReadOnlyDictionary<(CostDimension, string), IReadOnlyList<DrillDownLine>> drillDowns)
    {
        var anomalies = report.Anomalies.Select(a => drillDowns.TryGetValue((a.Dimension, a.Key), out var lines) ? a with { DrillDown = lines } : a).ToList();
        var updated = report with { Anomalies = anomalies };
        return updated with { Summary = SpendSummary.Sentences(updated) };
    }

    /// <summary>
    /// What moved inside an anomaly: each key's day against the median of its seven days before, the moves in the anomaly's direction, largest first.
    /// </summary>
    /// <remarks>Lines that moved by less than a tenth of the anomaly's impact are left out: they are noise beside it.</remarks>
    public static IReadOnlyList<DrillDownLine> DrillDown(Anomaly anomaly, IEnumerable<(string Key, DateOnly Day, decimal Amount)> daily, DateOnly day, int top = 3) =>
        daily.GroupBy(x => anomaly.Dimension == CostDimension.CostCenter ? ServiceNames.InWords(x.Key) : x.Key).Select(g =>
            {
                var byDay = g.GroupBy(x => x.Day).ToDictionary(d => d.Key, d => d.Sum(x => x.Amount));
                var expected = CostMath.Median(Enumerable.Range(1, 7).Select(i => byDay.GetValueOrDefault(day.AddDays(-i))).ToList());
                var actual = byDay.GetValueOrDefault(day);
                return new DrillDownLine(g.Key, Money.Round(actual), Money.Round(expected), Money.Round(actual - expected),
                    anomaly.Dimension == CostDimension.Service ? UsageTypeNames.InWords(g.Key) : g.Key);
            })
            .Where(l => Math.Sign(l.Change) == Math.Sign(anomaly.Impact) && Math.Abs(l.Change) >= Math.Abs(anomaly.Impact) / 10)
            .OrderByDescending(l => Math.Abs(l.Change)).Take(top).ToList();

    private static IReadOnlyList<CostShare> Shares(List<CostRow> rows, CostDimension dimension, DateOnly day, DateOnly monthStart)
    {
        var dayTotal = rows.Where(r => r.Day == day).Sum(r => r.Usage);
        return rows.Where(r => r.Day >= monthStart).GroupBy(r => r.Key)
            .Select(g => new CostShare(g.Key, NameOf(dimension, g.Key), Money.Round(g.Where(r => r.Day == day).Sum(r => r.Usage)), Money.Round(g.Sum(r => r.Usage)),
                dayTotal > 0 ? Math.Round(g.Where(r => r.Day == day).Sum(r => r.Usage) / dayTotal * 100m, 1) : 0))
            .Where(s => s.Amount > 0).OrderByDescending(s => s.Amount).ThenBy(s => s.Key, StringComparer.Ordinal).Take(Top).ToList();
    }

    private static IReadOnlyList<Mover> Movers(Dictionary<(CostDimension Dimension, string Key), IReadOnlyDictionary<DateOnly, decimal>> series, DateOnly day) =>
        series.Select(s =>
            {
                var baseline = Enumerable.Range(1, 7).Average(i => s.Value.GetValueOrDefault(day.AddDays(-i)));
                var amount = s.Value.GetValueOrDefault(day);
                return new Mover(s.Key.Dimension, s.Key.Key, NameOf(s.Key.Dimension, s.Key.Key), Money.Round(amount), Money.Round(baseline), Money.Round(amount - baseline),
                    Round1(CostMath.PercentChange(baseline, amount)));
            })
            .Where(m => Math.Abs(m.Change) >= 0.01m).OrderByDescending(m => Math.Abs(m.Change)).ThenBy(m => m.Key, StringComparer.Ordinal)
            .GroupBy(m => m.Dimension).SelectMany(g => g.Take(Top)).ToList();

    /// <summary>
    /// Cost per unit of business: the day's usage (effective) divided by the units. A unit scoped to a cost centre
    /// (<c>CostCenter=shop</c>) divides that centre's usage with its share of the untagged usage; one without a scope, the
    /// whole account's usage.
    /// </summary>
    private static IReadOnlyList<UnitCost> UnitEconomics(SpendInputs input, IReadOnlyDictionary<DateOnly, decimal> usage, List<CostRow> centres, SharingRule sharing, DateOnly day)
    {
        var units = input.Units;
        var result = new List<UnitCost>();
        foreach (var unit in units.Units)
        {
            if (!units.Counts.TryGetValue((day, unit), out var count) || count == 0) continue;
            var scope = units.ScopeOf(unit);
            var centre = scope.Split('=', 2) is [var tag, var value] && tag == input.TagKey ? value : null;
            if (scope.Length > 0 && centre is null) continue; // named in the notes
            decimal? Spend(DateOnly d)
            {
                if (centre is null) return usage.TryGetValue(d, out var u) ? u : null;
                var ofDay = centres.Where(r => r.Day == d).ToList();
                return ofDay.Count == 0 ? null : TeamAllocation.Allocate(ofDay, r => r.Usage, TeamAllocation.Weights(sharing, ofDay)).FirstOrDefault(t => t.CostCentre == centre)?.Total ?? 0m;
            }
            if (Spend(day) is not { } spend) continue;
            var perUnit = spend / count;
            var trailing = Enumerable.Range(1, 7).Select(i => day.AddDays(-i))
                .Where(d => units.Counts.GetValueOrDefault((d, unit)) > 0).Select(d => Spend(d) is { } s ? s / units.Counts[(d, unit)] : (decimal?)null)
                .OfType<decimal>().ToList();
            decimal? trailingPerUnit = trailing.Count > 0 ? trailing.Average() : null;
            result.Add(new UnitCost(unit, scope, count, Math.Round(perUnit, 4), Money.Round(perUnit * 1000m), trailingPerUnit is { } t ? Math.Round(t, 4) : null,
                trailingPerUnit is { } tp ? Round1(CostMath.PercentChange(tp, perUnit)) : null));
        }
        return result;
    }

    /// <summary>Tag coverage over taggable usage (tax, support, fees and credits cannot carry a tag), and what is shared out.</summary>
    private static Allocation Allocate(List<CostRow> centres, DateOnly day, DateOnly monthStart, string tagKey, SharingRule sharing)
    {
        static decimal Tagged(IEnumerable<CostRow> xs, out decimal untagged)
        {
            var list = xs.ToList();
            var all = list.Sum(r => r.Usage);
            untagged = list.Where(r => r.Key.Length == 0).Sum(r => r.Usage);
            return all > 0 ? Math.Round((all - untagged) / all * 100m, 1) : 0;
        }
        static Amounts Shared(IEnumerable<CostRow> xs)
        {
            var u = xs.Where(r => r.Key.Length == 0).ToList();
            return new Amounts(Money.Round(u.Sum(r => r.Billed)), Money.Round(u.Sum(r => r.Effective)));
        }
        var month = centres.Where(r => r.Day >= monthStart).ToList();
        var dayShare = Tagged(centres.Where(r => r.Day == day), out var dayUntagged);
        var monthShare = Tagged(month, out _);
        var inactive = month.Count > 0 && month.All(r => r.Key.Length == 0) && month.Sum(r => r.Billed) > 0;
        return new Allocation(tagKey, dayShare, Money.Round(dayUntagged), monthShare, inactive, Shared(centres.Where(r => r.Day == day)), Shared(month), sharing.InWords);
    }

    /// <summary>Spend by linked account, largest first, when the month has more than one (an organization's management account).</summary>
    private static IReadOnlyList<AccountShare> Accounts(List<CostRow> rows, DateOnly day, DateOnly monthStart, IReadOnlyDictionary<string, string>? names)
    {
        var month = rows.Where(r => r.Dimension == CostDimension.Account && r.Day >= monthStart).ToList();
        if (month.Select(r => r.Key).Distinct().Count() < 2) return [];
        var bill = month.Sum(r => r.Billed);
        static Amounts Of(IEnumerable<CostRow> xs) { var l = xs.ToList(); return new Amounts(Money.Round(l.Sum(r => r.Billed)), Money.Round(l.Sum(r => r.Effective))); }
        return month.GroupBy(r => r.Key, StringComparer.Ordinal)
            .Select(g => new AccountShare(g.Key, names?.GetValueOrDefault(g.Key) ?? g.Key, Of(g.Where(r => r.Day == day)), Of(g), Money.Round(g.Where(r => r.Day == day).Sum(r => r.Usage)),
                bill != 0 ? Math.Round(g.Sum(r => r.Billed) / bill * 100m, 1) : 0))
            .OrderByDescending(a => a.MonthToDate.Billed).ThenBy(a => a.AccountId, StringComparer.Ordinal).ToList();
    }

    /// <summary>Each team's own spend, its share of the shared spend and the two together, billed, the day and the month.</summary>
    private static IReadOnlyList<TeamShare> Teams(List<CostRow> centres, DateOnly day, DateOnly monthStart, SharingRule sharing)
    {
        var ofDay = centres.Where(r => r.Day == day).ToList();
        var ofMonth = centres.Where(r => r.Day >= monthStart).ToList();
        var daySplit = TeamAllocation.Allocate(ofDay, r => r.Billed, TeamAllocation.Weights(sharing, ofDay)).ToDictionary(s => s.CostCentre);
        var monthSplit = TeamAllocation.Allocate(ofMonth, r => r.Billed, TeamAllocation.Weights(sharing, ofMonth)).ToDictionary(s => s.CostCentre);
        static TeamAmounts Of(TeamAllocation.Split? s) => s is null ? new TeamAmounts(0, 0, 0) : new TeamAmounts(s.Own, s.Shared, s.Total);
        return monthSplit.Keys.Union(daySplit.Keys)
            .Select(t => new TeamShare(t, NameOf(CostDimension.CostCenter, t), Of(daySplit.GetValueOrDefault(t)), Of(monthSplit.GetValueOrDefault(t))))
            .OrderByDescending(t => t.MonthToDate.Total).ThenBy(t => t.CostCentre, StringComparer.Ordinal).ToList();
    }

    private static List<string> Notes(SpendInputs input, List<CostRow> rows, List<CostRow> centres, DateOnly day, SharingRule sharing)
    {
        var notes = new List<string>(input.Units.Problems);
        notes.AddRange(sharing.Problems);
        foreach (var unit in input.Units.Units.Where(u => input.Units.ScopeOf(u) is { Length: > 0 } s && !s.StartsWith(input.TagKey + "=", StringComparison.Ordinal)))
            notes.Add($"units/daily.csv: {unit} is scoped to {input.Units.ScopeOf(unit)}, but costs are allocated by the {input.TagKey} tag; its cost per unit was not worked out.");
        if (rows.Count == 0) notes.Add("Cost Explorer reported no cost at all for this period.");
        var month = centres.Where(r => r.Day.Year == day.Year && r.Day.Month == day.Month).ToList();
        if (month.Count > 0 && month.All(r => r.Key.Length == 0))
            notes.Add($"No cost carries the {input.TagKey} tag. Activate it as a cost allocation tag (Billing and Cost Management, Cost allocation tags); " +
                      "AWS applies it from then on, not to the past. Until then nothing can be shared out to teams.");
        if (rows.Any(r => r.Day == day && r.Estimated))
            notes.Add("The day is provisional: AWS is still filling it in, so its figures will rise. Drops on it are not called; what is called is marked provisional and judged again once the day is final.");
        // On a month's last day no forecast is asked for, so its absence is no news.
        if (input.CostExplorerRestOfMonth is null && day.AddDays(1).Month == day.Month) notes.Add("Cost Explorer's own forecast was not available; ours is shown alone.");
        return notes;
    }

    private static decimal? Round1(decimal? value) => value is { } v ? Math.Round(v, 1) : null;
}
