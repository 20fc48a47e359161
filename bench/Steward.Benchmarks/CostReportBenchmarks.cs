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
/// Our month-end forecast run on every day of the year the runner generates, against what each month came to: the error
/// by day of month. Run with <c>dotnet run -c Release -- backtest</c>.
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

        // The backtest: the runner's generated year without its spike, the forecast made on each day against the month's final total.
        var generatedEnd = new DateOnly(2026, 10, 31);
        var source = CostDataGenerator.Generate(generatedEnd, months: 13, plantSpike: false);
        var totals = source.Facts.GroupBy(f => f.Day).ToDictionary(g => g.Key, g => g.Sum(f => f.Unblended));
        var errors = new Dictionary<int, List<decimal>>();
        for (var month = new DateOnly(2025, 11, 1); month <= new DateOnly(2026, 10, 1); month = month.AddMonths(1))
        {
            var actual = Enumerable.Range(0, DateTime.DaysInMonth(month.Year, month.Month)).Sum(i => totals[month.AddDays(i)]);
            for (var d = month; d.Month == month.Month; d = d.AddDays(1))
            {
                var known = totals.Where(t => t.Key <= d).ToDictionary(t => t.Key, t => t.Value);
                var f = MonthForecaster.Forecast(known, d);
                var error = Math.Abs(f.MonthEnd - actual) / actual * 100m;
                var inside = actual >= f.Low && actual <= f.High;
                (errors.TryGetValue(d.Day, out var list) ? list : errors[d.Day] = []).Add(error);
                if (inside) Inside++;
                Forecasts++;
            }
        }
        output.WriteLine($"backtest: 12 months (Nov 2025 to Oct 2026) of the generated data, {Forecasts} forecasts; the month's final total fell inside the 80% interval {Inside * 100.0 / Forecasts:0}% of the time");
        output.WriteLine("| day of month | mean absolute error | worst |");
        output.WriteLine("| ---: | ---: | ---: |");
        foreach (var (dayOfMonth, list) in errors.OrderBy(e => e.Key))
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {dayOfMonth} | {list.Average():0.00}% | {list.Max():0.00}% |"));
    }

    private static int Inside, Forecasts;
}
