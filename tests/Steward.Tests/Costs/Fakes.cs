using Steward.Core.Costs;
using Steward.Core.Observability;
using Steward.Core.Ports;
using Steward.Testing;
using Steward.Tests.Instances;

namespace Steward.Tests.Costs;

/// <summary>
/// A line of cost known by service, usage type, cost centre ("" untagged) and charge type, as an account's bill knows it:
/// <see cref="Amount"/> billed, <see cref="Effective"/> amortized (the billed amount unless said).
/// </summary>
public sealed record Line(DateOnly Day, string Service, string UsageType, string CostCenter, decimal Amount, bool Estimated = false, string RecordType = "Usage", decimal? Effective = null,
    string Account = "111122223333")
{
    public decimal EffectiveAmount => Effective ?? Amount;
}

/// <summary>Cost Explorer over in-memory lines: answers the period asked, counts requests, can be made to fail.</summary>
public sealed class FakeCostExplorer(List<Line> lines) : ICostExplorer
{
    public List<Line> Lines => lines;
    public int Requests { get; private set; }
    public List<(DateOnly From, DateOnly To)> Periods { get; } = [];
    public decimal? Forecast { get; set; }
    public DependencyException? Failure { get; set; }

    public Task<IReadOnlyList<CostRow>> DailyCostsAsync(CostDimension by, string tagKey, DateOnly from, DateOnly toExclusive, CancellationToken ct)
    {
        Requests++;
        Periods.Add((from, toExclusive));
        if (Failure is { } f) throw f;
        IReadOnlyList<CostRow> rows = lines.Where(l => l.Day >= from && l.Day < toExclusive)
            .GroupBy(l => (l.Day, Key: by switch { CostDimension.Service => l.Service, CostDimension.Account => l.Account, _ => l.CostCenter }, l.RecordType))
            .Select(g => new CostRow(g.Key.Day, by, g.Key.Key, g.Sum(l => l.Amount), g.Sum(l => l.EffectiveAmount), g.Any(l => l.Estimated), g.Key.RecordType)).ToList();
        return Task.FromResult(rows);
    }

    public Task<IReadOnlyList<DailyAmount>> DrillDownAsync(CostDimension dimension, string key, string tagKey, DateOnly from, DateOnly toExclusive, CancellationToken ct)
    {
        Requests++;
        IReadOnlyList<DailyAmount> amounts = lines.Where(l => l.Day >= from && l.Day < toExclusive && (dimension == CostDimension.Service ? l.Service : l.CostCenter) == key)
            .GroupBy(l => (l.Day, Key: dimension == CostDimension.Service ? l.UsageType : l.Service))
            .Select(g => new DailyAmount(g.Key.Key, g.Key.Day, g.Sum(l => l.EffectiveAmount))).ToList();
        return Task.FromResult(amounts);
    }

    public Task<IReadOnlyList<DailyAmount>> CostCentreByAccountAsync(string costCentre, string tagKey, DateOnly from, DateOnly toExclusive, CancellationToken ct)
    {
        Requests++;
        IReadOnlyList<DailyAmount> amounts = lines.Where(l => l.Day >= from && l.Day < toExclusive && l.CostCenter == costCentre)
            .GroupBy(l => (l.Day, l.Account)).Select(g => new DailyAmount(g.Key.Account, g.Key.Day, g.Sum(l => l.Amount))).ToList();
        return Task.FromResult(amounts);
    }

    public Task<decimal?> ForecastAsync(DateOnly from, DateOnly toExclusive, CancellationToken ct)
    {
        Requests++;
        return Forecast is { } f ? Task.FromResult<decimal?>(f) : throw new DependencyFailed("ce", "DataUnavailableException", "no forecast", 400);
    }
}

/// <summary>A versioned bucket in memory: every put is a new version; the order of puts is kept.</summary>
public sealed class FakeSnapshotStore : ISnapshotStore
{
    public Dictionary<string, List<byte[]>> Objects { get; } = [];
    public List<string> Puts { get; } = [];
    /// <summary>Puts of keys ending with this fail (S3 refusing, say).</summary>
    public string? FailOn { get; set; }

    public Task<byte[]?> GetAsync(string key, CancellationToken ct) => Task.FromResult(Objects.TryGetValue(key, out var v) ? v[^1] : null);

    public Task<StoredObject> PutAsync(string key, byte[] content, string contentType, CancellationToken ct)
    {
        if (FailOn is { } f && key.EndsWith(f, StringComparison.Ordinal)) throw new DependencyFailed("s3", "InternalError", "try again", 500);
        Puts.Add(key);
        if (!Objects.TryGetValue(key, out var versions)) Objects[key] = versions = [];
        versions.Add(content);
        return Task.FromResult(new StoredObject(key, "v" + versions.Count, Sha256(content), content.Length));
    }

    public string ShareLink(string key, TimeSpan lifetime) => $"https://example.test/{key}?expires={lifetime.TotalSeconds}";
    public string Location(string key) => "s3://snapshots/" + key;

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));

    public string Text(string key) => System.Text.Encoding.UTF8.GetString(Objects[key][^1]);
}

/// <summary>Series with answers a test can know: a flat or weekly bill, with what a test plants on a day.</summary>
public static class Bills
{
    public static readonly DateOnly Day = new(2026, 3, 2); // a Monday

    /// <summary>Each day from 13 months before <paramref name="through"/>: each service's amount on that day, split 80/20 over two cost centres.</summary>
    public static List<Line> Daily(DateOnly through, Func<DateOnly, string, decimal> amount, params string[] services)
    {
        var lines = new List<Line>();
        var first = new DateOnly(through.Year, through.Month, 1).AddMonths(-13);
        for (var d = first; d <= through; d = d.AddDays(1))
        foreach (var s in services.Length > 0 ? services : ["Amazon Elastic Compute Cloud - Compute", "Amazon Simple Storage Service"])
        {
            var a = amount(d, s);
            lines.Add(new Line(d, s, "BoxUsage:m6i.large", "payments", a * 0.8m));
            lines.Add(new Line(d, s, "BoxUsage:m6i.large", "", a * 0.2m));
        }
        return lines;
    }

    public static decimal Flat(DateOnly d, string s) => s.Contains("Compute") ? 1000m : 200m;

    public static decimal Weekly(DateOnly d, string s) => Flat(d, s) * (d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.5m : 1m);
}

public sealed class CostBench
{
    public FakeCostExplorer Costs { get; }
    public FakeSnapshotStore Store { get; } = new();
    public RecordingNotifier Finance { get; } = new();
    public StringWriter Log { get; } = new CheckedLogWriter();
    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 3, 3, 6, 0, 0, TimeSpan.Zero));

    public CostBench(List<Line> lines) => Costs = new FakeCostExplorer(lines);

    public CostSnapshotter Snapshotter() => new(Costs, Store, Finance, CostReportSettings.Default, Clock, new StructuredLog(Log, Clock, "CostSnapshots"));
}
