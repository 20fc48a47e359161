using System.Globalization;
using System.Xml.Linq;
using Steward.Aws;
using Steward.Changes;

namespace Steward.Cost.Aws;

/// <summary>
/// CloudWatch's GetMetricStatistics over the Query protocol (API 2010-08-01), since its SDK package is not available to us.
/// Daily periods: a 30-day window is 30 datapoints, within one call's limit of 1,440.
/// </summary>
public sealed class CloudWatchMetrics(SignedAwsClient cloudWatch) : IMetrics
{
    public async Task<decimal?> SumAsync(string ns, string metric, IReadOnlyDictionary<string, string> dimensions, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var points = await DatapointsAsync(ns, metric, dimensions, from, to, ["Sum"], ct);
        return points.Count == 0 ? null : points.Sum(p => p.Values["Sum"]);
    }

    /// <summary>The mean over the window: the daily sums over the daily sample counts, asked for in one call.</summary>
    public async Task<decimal?> AverageAsync(string ns, string metric, IReadOnlyDictionary<string, string> dimensions, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var points = await DatapointsAsync(ns, metric, dimensions, from, to, ["Sum", "SampleCount"], ct);
        var n = points.Sum(p => p.Values["SampleCount"]);
        return n == 0 ? null : points.Sum(p => p.Values["Sum"]) / n;
    }

    public async Task<decimal?> LatestDailyAverageAsync(string ns, string metric, IReadOnlyDictionary<string, string> dimensions, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var points = await DatapointsAsync(ns, metric, dimensions, from, to, ["Average"], ct);
        return points.Count == 0 ? null : points.MaxBy(p => p.At).Values["Average"];
    }

    private async Task<List<(DateTimeOffset At, Dictionary<string, decimal> Values)>> DatapointsAsync(string ns, string metric, IReadOnlyDictionary<string, string> dimensions,
        DateTimeOffset from, DateTimeOffset to, string[] statistics, CancellationToken ct)
    {
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("Namespace", ns), new("MetricName", metric), new("Period", "86400"),
            new("StartTime", from.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)),
            // Whole seconds are sent: round the end up, so a datapoint of this very second is not left out.
            new("EndTime", to.UtcDateTime.AddSeconds(1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)),
        };
        for (var s = 0; s < statistics.Length; s++) parameters.Add(new($"Statistics.member.{s + 1}", statistics[s]));
        var i = 0;
        foreach (var (name, value) in dimensions)
        {
            i++;
            parameters.Add(new($"Dimensions.member.{i}.Name", name));
            parameters.Add(new($"Dimensions.member.{i}.Value", value));
        }
        var result = await cloudWatch.CallQueryAsync("GetMetricStatistics", "2010-08-01", parameters, ct).ConfigureAwait(false);
        return result.Descendants().Where(e => e.Name.LocalName == "member" && e.Parent?.Name.LocalName == "Datapoints")
            .Select(m => (At: DateTimeOffset.Parse(Child(m, "Timestamp"), CultureInfo.InvariantCulture),
                Values: statistics.ToDictionary(st => st, st => decimal.Parse(Child(m, st), NumberStyles.Float, CultureInfo.InvariantCulture))))
            .ToList();
    }

    private static string Child(XElement e, string name) => e.Elements().First(c => c.Name.LocalName == name).Value;
}
