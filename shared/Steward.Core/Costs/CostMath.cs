namespace Steward.Core.Costs;

/// <summary>The few statistics the analysis needs, in decimal so that no amount passes through a double.</summary>
public static class CostMath
{
    /// <summary>The change from <paramref name="before"/> to <paramref name="after"/> in percent; null when there was nothing before.</summary>
    public static decimal? PercentChange(decimal before, decimal after) => before == 0 ? null : (after - before) / before * 100m;

    /// <summary>Square root in decimal (Newton's method), for the forecast's interval.</summary>
    public static decimal Sqrt(decimal x)
    {
        if (x <= 0) return 0;
        var guess = (decimal)Math.Sqrt((double)x); // a starting point only; refined in decimal below
        for (var i = 0; i < 6 && guess != 0; i++) guess = (guess + x / guess) / 2;
        return guess;
    }

    public static decimal Median(IReadOnlyList<decimal> values)
    {
        if (values.Count == 0) return 0;
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
