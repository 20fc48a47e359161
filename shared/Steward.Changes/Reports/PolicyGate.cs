using Steward.Core;
namespace Steward.Changes.Reports;

/// <summary>
/// The limits a change must stay under to pass: a monthly increase in dollars and a monthly increase as a share of the past
/// total. A change from nothing (a new template) has no share, so only the dollar limit applies to it, and the verdict says so.
/// </summary>
public sealed record PolicyGate(decimal? FailAboveUsd, decimal? FailAbovePercent)
{
    public bool HasLimits => FailAboveUsd is not null || FailAbovePercent is not null;

    /// <summary>The limits crossed, in words; empty when the change passes.</summary>
    public IReadOnlyList<string> Crossed(CostDiff diff)
    {
        var crossed = new List<string>();
        if (FailAboveUsd is { } usd && diff.Difference > usd)
            crossed.Add($"the monthly cost rises by {Money.Exact(diff.Difference)}, above the limit of {Money.Exact(usd)} (--fail-above)");
        if (FailAbovePercent is { } percent && diff.Percent is { } p && p > percent)
            crossed.Add($"the monthly cost rises by {Money.Percent(p)}, above the limit of {percent}% (--fail-above-percent)");
        return crossed;
    }

    public string? Note(CostDiff diff) =>
        FailAbovePercent is not null && diff.Percent is null && diff.Difference > 0
            ? "--fail-above-percent does not apply: nothing was priced before this change" : null;
}
