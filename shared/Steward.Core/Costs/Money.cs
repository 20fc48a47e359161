using System.Globalization;

namespace Steward.Core.Costs;

/// <summary>Money and percentages as people read them: "$2,418", "$12.34", "+4%". Decimal throughout.</summary>
public static class Money
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Whole dollars from $100 up (cents there are noise to a reader), cents below.</summary>
    public static string Format(decimal amount, string currency = "USD")
    {
        var sign = amount < 0 ? "-" : "";
        var abs = Math.Abs(amount);
        var number = abs >= 100 ? Math.Round(abs, 0, MidpointRounding.AwayFromZero).ToString("#,0", Invariant) : abs.ToString("#,0.00", Invariant);
        return currency == "USD" ? $"{sign}${number}" : $"{sign}{number} {currency}";
    }

    /// <summary>A signed change: "+$880" or "-$12.50".</summary>
    public static string Change(decimal amount, string currency = "USD") => (amount >= 0 ? "+" : "") + Format(amount, currency);

    /// <summary>"+4%", "-12%", "0%": whole percent, signed.</summary>
    public static string Percent(decimal percent)
    {
        var rounded = Math.Round(percent, 0, MidpointRounding.AwayFromZero);
        return (rounded > 0 ? "+" : "") + rounded.ToString("0", Invariant) + "%";
    }

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

    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
