namespace Steward.Core.Costs;

/// <summary>
/// A service or cost centre whose day leaves its own range. Two robust baselines, each a median with its median absolute
/// deviation: the same weekday over the four weeks before (so a weekly job is its own normal) and the seven days before
/// (so a new level is too). A day is an anomaly only when it stands above both by more than <see cref="Deviations"/>
/// scaled deviations and its impact passes both the absolute and the relative minimum: noise, weekly jobs and one old
/// outlier in the baseline say nothing.
/// </summary>
public sealed record AnomalyRules(decimal MinimumImpact = 50m, decimal MinimumImpactPercent = 20m, decimal Deviations = 3m)
{
    public static readonly AnomalyRules Default = new();
}

public static class AnomalyDetector
{
    /// <summary>The MAD of a normal distribution times this is its standard deviation.</summary>
    private const decimal MadToSigma = 1.4826m;

    public sealed record Baseline(decimal Median, decimal Scale);

    public static IReadOnlyList<Anomaly> Find(IReadOnlyDictionary<(CostDimension Dimension, string Key), IReadOnlyDictionary<DateOnly, decimal>> series,
        DateOnly day, AnomalyRules rules, Func<CostDimension, string, string> name)
    {
        var anomalies = new List<Anomaly>();
        foreach (var ((dimension, key), values) in series)
        {
            var actual = values.GetValueOrDefault(day);
            if (Check(values, day, rules) is not { } expected) continue;
            anomalies.Add(new Anomaly(dimension, key, name(dimension, key), Money.Round(expected), Money.Round(actual), Money.Round(actual - expected),
                CostMath.PercentChange(expected, actual) is { } p ? Math.Round(p, 1) : null, []));
        }
        // Services first: what moved inside a service (its usage types) explains more than which team paid.
        return anomalies.OrderBy(a => a.Dimension).ThenByDescending(a => a.Impact).ToList();
    }

    /// <summary>The expected amount when the day is an anomaly; null when it is within its range.</summary>
    public static decimal? Check(IReadOnlyDictionary<DateOnly, decimal> values, DateOnly day, AnomalyRules rules)
    {
        var actual = values.GetValueOrDefault(day);
        var weekly = Of(Enumerable.Range(1, 4).Select(w => values.GetValueOrDefault(day.AddDays(-7 * w))).ToList());
        var recent = Of(Enumerable.Range(1, 7).Select(d => values.GetValueOrDefault(day.AddDays(-d))).ToList());
        // The more generous expectation wins: the day must be unusual against both.
        var expected = Math.Max(weekly.Median, recent.Median);
        if (actual <= weekly.Median + rules.Deviations * weekly.Scale || actual <= recent.Median + rules.Deviations * recent.Scale) return null;
        var impact = actual - expected;
        if (impact < rules.MinimumImpact) return null;
        if (expected > 0 && impact / expected * 100m < rules.MinimumImpactPercent) return null;
        return expected;
    }

    /// <summary>Median and scale; the scale never falls below 5% of the median or a cent, so a flat series is not hair-trigger.</summary>
    public static Baseline Of(IReadOnlyList<decimal> values)
    {
        var median = CostMath.Median(values);
        var mad = CostMath.Median(values.Select(v => Math.Abs(v - median)).ToList());
        return new Baseline(median, Math.Max(MadToSigma * mad, Math.Max(0.05m * median, 0.01m)));
    }
}
