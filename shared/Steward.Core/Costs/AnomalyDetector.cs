namespace Steward.Core.Costs;

/// <summary>
/// A service or cost centre whose day's usage leaves its own range, up or down. Two robust baselines, each a median with
/// its median absolute deviation: the same weekday over the four weeks before (so a weekly job, or a quiet Saturday, is its
/// own normal) and the seven days before (so a new level is too). A day is an anomaly only when it stands beyond both by
/// more than <see cref="AnomalyRules.Deviations"/> scaled deviations, on the same side, and its impact passes both the
/// absolute and the relative minimum: noise, weekly rhythms and one old outlier in the baseline say nothing. A series that
/// cost something on every one of the 28 days before and nothing on the day has stopped, and is named whatever its size
/// (a pipeline that stopped is news), from a dollar a day up.
/// </summary>
public sealed record AnomalyRules(decimal MinimumImpact = 50m, decimal MinimumImpactPercent = 20m, decimal Deviations = 3m)
{
    public static readonly AnomalyRules Default = new();

    /// <summary>A stopped series is named from this expected amount a day.</summary>
    public const decimal StoppedFrom = 1m;
}

public static class AnomalyDetector
{
    /// <summary>The MAD of a normal distribution times this is its standard deviation.</summary>
    private const decimal MadToSigma = 1.4826m;

    public sealed record Baseline(decimal Median, decimal Scale);

    public sealed record Verdict(decimal Expected, string Direction, bool Stopped);

    /// <param name="provisional">
    /// The day is still being filled in by AWS: its figures can only rise, so a drop on it is not called (unless the series
    /// stopped outright); what is called is marked provisional and judged again once the day is final.
    /// </param>
    public static IReadOnlyList<Anomaly> Find(IReadOnlyDictionary<(CostDimension Dimension, string Key), IReadOnlyDictionary<DateOnly, decimal>> series,
        DateOnly day, AnomalyRules rules, Func<CostDimension, string, string> name, bool provisional = false)
    {
        var anomalies = new List<Anomaly>();
        foreach (var ((dimension, key), values) in series)
        {
            var actual = values.GetValueOrDefault(day);
            if (Check(values, day, rules) is not { } verdict) continue;
            if (provisional && verdict.Direction == "drop" && !verdict.Stopped) continue;
            anomalies.Add(new Anomaly(dimension, key, name(dimension, key), Money.Round(verdict.Expected), Money.Round(actual), Money.Round(actual - verdict.Expected),
                CostMath.PercentChange(verdict.Expected, actual) is { } p ? Math.Round(p, 1) : null, [], verdict.Direction, provisional, verdict.Stopped));
        }
        // Services first: what moved inside a service (its usage types) explains more than which team paid; then the largest.
        return anomalies.OrderBy(a => a.Dimension).ThenByDescending(a => Math.Abs(a.Impact)).ToList();
    }

    /// <summary>The expected amount and the direction when the day is an anomaly; null when it is within its range.</summary>
    public static Verdict? Check(IReadOnlyDictionary<DateOnly, decimal> values, DateOnly day, AnomalyRules rules)
    {
        var actual = values.GetValueOrDefault(day);
        var weekly = Of(Enumerable.Range(1, 4).Select(w => values.GetValueOrDefault(day.AddDays(-7 * w))).ToList());
        var recent = Of(Enumerable.Range(1, 7).Select(d => values.GetValueOrDefault(day.AddDays(-d))).ToList());
        if (actual == 0 && Enumerable.Range(1, 28).All(d => values.GetValueOrDefault(day.AddDays(-d)) > 0) && Math.Min(weekly.Median, recent.Median) >= AnomalyRules.StoppedFrom)
            return new Verdict(Math.Min(weekly.Median, recent.Median), "drop", true);

        // The more generous expectation wins: the day must be unusual against both, on the same side.
        var rise = actual > weekly.Median + rules.Deviations * weekly.Scale && actual > recent.Median + rules.Deviations * recent.Scale;
        var drop = actual < weekly.Median - rules.Deviations * weekly.Scale && actual < recent.Median - rules.Deviations * recent.Scale;
        if (!rise && !drop) return null;
        var expected = rise ? Math.Max(weekly.Median, recent.Median) : Math.Min(weekly.Median, recent.Median);
        var impact = Math.Abs(actual - expected);
        if (impact < rules.MinimumImpact) return null;
        if (expected > 0 && impact / expected * 100m < rules.MinimumImpactPercent) return null;
        return new Verdict(expected, rise ? "rise" : "drop", false);
    }

    /// <summary>Median and scale; the scale never falls below 5% of the median or a cent, so a flat series is not hair-trigger.</summary>
    public static Baseline Of(IReadOnlyList<decimal> values)
    {
        var median = CostMath.Median(values);
        var mad = CostMath.Median(values.Select(v => Math.Abs(v - median)).ToList());
        return new Baseline(median, Math.Max(MadToSigma * mad, Math.Max(0.05m * median, 0.01m)));
    }
}
