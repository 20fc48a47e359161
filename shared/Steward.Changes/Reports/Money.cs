using System.Globalization;

namespace Steward.Changes.Reports;

/// <summary>Dollar figures as people read them: <c>$1,234.56</c>, <c>+$412.50</c>, <c>-$8.00</c>, <c>+38%</c>.</summary>
public static class Money
{
    public static string Format(decimal usd) => (usd < 0 ? "-$" : "$") + Math.Abs(Math.Round(usd, 2, MidpointRounding.AwayFromZero)).ToString("#,0.00", CultureInfo.InvariantCulture);

    public static string Signed(decimal usd) => usd > 0 ? "+" + Format(usd) : Format(usd);

    public static string Percent(decimal? percent) => percent switch
    {
        null => "",
        var p when p > 0 => $"+{Math.Round(p.Value, 0, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture)}%",
        var p => $"{Math.Round(p!.Value, 0, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture)}%",
    };

    public static string Quantity(decimal? q) => q switch
    {
        null => "",
        var v when v == Math.Round(v.Value) => v.Value.ToString("#,0", CultureInfo.InvariantCulture),
        var v => Math.Round(v!.Value, 4).ToString("#,0.####", CultureInfo.InvariantCulture),
    };

    /// <summary>The one line a pull request reads first.</summary>
    public static string Headline(CostDiff diff) => diff.Difference switch
    {
        0 => $"Monthly cost will not change ({Format(diff.PlannedTotal)})",
        > 0 when diff.Percent is null => $"Monthly cost will increase by {Format(diff.Difference)} (from {Format(0)} to {Format(diff.PlannedTotal)})",
        > 0 => $"Monthly cost will increase by {Format(diff.Difference)} ({Percent(diff.Percent)})",
        _ => $"Monthly cost will decrease by {Format(-diff.Difference)} ({Percent(diff.Percent)})",
    };
}
