using System.Globalization;
using Steward.Core;

namespace Steward.Changes.Reports;

/// <summary>How a change's figures read in a report (amounts themselves are <see cref="Money"/>'s).</summary>
public static class Wording
{
    /// <summary>A usage quantity: "1,000", "0.0417".</summary>
    public static string Quantity(decimal? q) => q switch
    {
        null => "",
        var v when v == Math.Round(v.Value) => v.Value.ToString("#,0", CultureInfo.InvariantCulture),
        var v => Math.Round(v!.Value, 4).ToString("#,0.####", CultureInfo.InvariantCulture),
    };

    /// <summary>The one line a pull request reads first.</summary>
    public static string Headline(CostDiff diff) => diff.Difference switch
    {
        0 => $"Monthly cost will not change ({Money.Exact(diff.PlannedTotal)})",
        > 0 when diff.Percent is null => $"Monthly cost will increase by {Money.Exact(diff.Difference)} (from {Money.Exact(0)} to {Money.Exact(diff.PlannedTotal)})",
        > 0 => $"Monthly cost will increase by {Money.Exact(diff.Difference)} ({Money.Percent(diff.Percent)})",
        _ => $"Monthly cost will decrease by {Money.Exact(-diff.Difference)} ({Money.Percent(diff.Percent)})",
    };
}
