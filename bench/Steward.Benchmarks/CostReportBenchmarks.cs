using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Steward.Core.Costs;
using Steward.Local.Costs;

/// <summary>The daily report built from 13 months of 300 groups (250 services and 50 cost centres a day): goal under 1 s and 256 MB.</summary>
[MemoryDiagnoser]
public class CostReportBuild
{
    private CostHistory _history = null!;
    private static readonly DateOnly Day = new(2026, 3, 2);

    [GlobalSetup]
    public void Setup() => _history = CostBacktest.History(Day, services: 250, costCentres: 50);

    [Benchmark(Description = "SpendReport from 13 months x 300 groups")]
    public SpendReport Build() => SpendReporter.Build(new SpendInputs(_history, Day, "CostCenter", UnitVolumes.None, null, null, AnomalyRules.Default));

    [Benchmark(Description = "report.html written")]
    public string Html() => ReportHtml.Write(Build());
}

/// <summary>
/// Our month-end forecast, the whole report built on every day of a year, against what each month came to: the error by
/// day of month, on the runner's generated bill and on one shaped as the forecaster does not assume. Run with
/// <c>dotnet run -c Release -- backtest</c>.
/// </summary>
public static class CostBacktest
{
    /// <summary>Synthetic rows: each service its own level, a weekly rhythm, growth and noise; cost centres share the total.</summary>
    public static CostHistory History(DateOnly last, int services, int costCentres)
    {
        var rows = new List<CostRow>();
        var first = new DateOnly(last.Year, last.Month, 1).AddMonths(-13);
        for (var d = first; d <= last; d = d.AddDays(1))
        {
            var weekend = d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.8m : 1m;
            var total = 0m;
            for (var s = 0; s < services; s++)
            {
                var amount = (10m + s % 37 * 3m) * weekend * (1m + (d.DayNumber - first.DayNumber) * 0.0006m) * (1m + ((d.DayNumber * 31 + s * 17) % 21 - 10) / 500m);
                total += amount;
                rows.Add(new CostRow(d, CostDimension.Service, $"Service {s:000}", amount, amount, false));
            }
            for (var c = 0; c < costCentres; c++)
                rows.Add(new CostRow(d, CostDimension.CostCenter, c == 0 ? "" : $"cc-{c:00}", total / costCentres, total / costCentres, false));
        }
        return new CostHistory(last, rows);
    }

    public static void Run(TextWriter output)
    {
        // The whole report once, measured the plain way too: wall time and the process's peak memory.
        var day = new DateOnly(2026, 3, 2);
        var history = History(day, 250, 50);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var report = SpendReporter.Build(new SpendInputs(history, day, "CostCenter", UnitVolumes.None, null, null, AnomalyRules.Default));
        watch.Stop();
        output.WriteLine($"one report from {history.Rows.Count:#,0} rows (13 months x 300 groups): {watch.Elapsed.TotalMilliseconds:0} ms first call, " +
                         $"{(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0:0.0} MiB allocated, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0} MiB; {report.Anomalies.Count} anomalies");

        // The backtests: the runner's generated bill (its charges, no steps), then a year shaped as the forecaster does not assume.
        Backtest(output, "the runner's generated bill (weekly rhythm, growth, noise, a Savings Plan, support and tax on the 1st, a daily credit)",
            Bill(new DateOnly(2026, 10, 31)), everyDay: false);
        Backtest(output, "the shaped bill (the same, with a new service, a service switched off, a holiday fortnight and an upfront purchase)",
            ShapedBill(new DateOnly(2026, 10, 31)), everyDay: true);
    }

    /// <summary>The whole report built on each day of Nov 2025 to Oct 2026, its forecasts against what each month came to.</summary>
    private static void Backtest(TextWriter output, string what, List<CostRow> bill, bool everyDay)
    {
        var usageOf = bill.Where(r => Charges.IsUsage(r.Charge)).GroupBy(r => (r.Day.Year, r.Day.Month)).ToDictionary(g => g.Key, g => g.Sum(r => r.Effective));
        var billOf = bill.GroupBy(r => (r.Day.Year, r.Day.Month)).ToDictionary(g => g.Key, g => g.Sum(r => r.Billed));
        var errors = new Dictionary<int, (List<decimal> Usage, List<decimal> Bill, List<decimal> Naive)>();
        var kept = CostHistory.Empty;
        var naiveTotals = new Dictionary<DateOnly, decimal>();
        int forecasts = 0, inside = 0;
        foreach (var group in bill.GroupBy(r => r.Day).OrderBy(g => g.Key))
        {
            var d = group.Key;
            kept = kept.Merge(group, d, d.AddDays(1));
            naiveTotals[d] = group.Sum(r => r.Billed);
            if (d < new DateOnly(2025, 11, 1)) continue;
            var built = SpendReporter.Build(new SpendInputs(kept, d, "CostCenter", UnitVolumes.None, null, null, AnomalyRules.Default));
            var (usage, billed) = (usageOf[(d.Year, d.Month)], billOf[(d.Year, d.Month)]);
            // What the report did before it read charge types: every charge a day's usage, forecast as one series.
            var naive = MonthForecaster.Forecast(naiveTotals, d).MonthEnd;
            var e = errors.TryGetValue(d.Day, out var x) ? x : errors[d.Day] = ([], [], []);
            e.Usage.Add(Math.Abs(built.Forecast.UsageMonthEnd - usage) / usage * 100m);
            e.Bill.Add(Math.Abs(built.Forecast.MonthEnd - billed) / billed * 100m);
            e.Naive.Add(Math.Abs(naive - billed) / billed * 100m);
            forecasts++;
            if (billed >= built.Forecast.Low && billed <= built.Forecast.High) inside++;
        }
        output.WriteLine($"backtest on {what}: {forecasts} reports, Nov 2025 to Oct 2026; the month's bill fell inside the 80% interval {inside * 100.0 / forecasts:0}% of the time");
        output.WriteLine("| day of month | usage forecast: mean error | worst | bill forecast: mean error | worst | before charge types (bill): mean error | worst |");
        output.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (dayOfMonth, e) in errors.OrderBy(e => e.Key).Where(e => everyDay || e.Key is 1 or 2 or 5 or 10 or 15 or 20 or 25 or 28 or 31))
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {dayOfMonth} | {e.Usage.Average():0.00}% | {e.Usage.Max():0.00}% | {e.Bill.Average():0.00}% | {e.Bill.Max():0.00}% | {e.Naive.Average():0.00}% | {e.Naive.Max():0.00}% |"));
    }

    /// <summary>The runner's generated bill, without its spike, as rows by service and charge type.</summary>
    public static List<CostRow> Bill(DateOnly last) =>
        CostDataGenerator.Generate(last, months: 13, plantSpike: false).Facts
            .GroupBy(f => (f.Day, Service: f.Dimensions[Dimension.Service], Record: f.Dimensions[Dimension.RecordType]))
            .Select(g => new CostRow(g.Key.Day, CostDimension.Service, g.Key.Service, g.Sum(f => f.Unblended), g.Sum(f => f.Amortized), false, g.Key.Record))
            .ToList();

    /// <summary>
    /// The runner's generated bill by service and charge type (weekly rhythm, growth, noise, a Savings Plan, AWS Support and
    /// tax on the 1st, a credit drawn daily), with what the forecaster does not assume: a new service from 10 May 2026 ($400
    /// a day), Redshift switched off on 20 August, a holiday fortnight (22 December to 2 January at 60%), and a Reserved
    /// Instance bought upfront on 15 June ($20,000 billed that day, spread when amortized).
    /// </summary>
    public static List<CostRow> ShapedBill(DateOnly last)
    {
        var rows = Bill(last).Where(r => !(r.Key == "Amazon Redshift" && r.Day >= new DateOnly(2026, 8, 20)))
            .Select(r => r.Day >= new DateOnly(2025, 12, 22) && r.Day <= new DateOnly(2026, 1, 2) && r.Charge == ChargeKind.Usage ? r with { Billed = r.Billed * 0.6m, Effective = r.Effective * 0.6m } : r)
            .ToList();
        for (var d = new DateOnly(2026, 5, 10); d <= last; d = d.AddDays(1)) rows.Add(new CostRow(d, CostDimension.Service, "Amazon Bedrock", 400m, 400m, false));
        rows.Add(new CostRow(new DateOnly(2026, 6, 15), CostDimension.Service, "Amazon Elastic Compute Cloud - Compute", 20_000m, 0m, false, "Upfront reservation fee"));
        return rows;
    }
}
