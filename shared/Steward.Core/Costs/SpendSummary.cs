using System.Globalization;

namespace Steward.Core.Costs;

/// <summary>The report told in plain words: each sentence says only what a figure in the report shows, and which figure it is.</summary>
public static class SpendSummary
{
    public static IReadOnlyList<string> Sentences(SpendReport r)
    {
        string M(decimal amount) => Money.Readable(amount, r.Currency);
        var sentences = new List<string>();
        var t = r.Totals;
        var when = r.Day.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);
        var provisional = t.DayProvisional ? " (provisional: AWS is still filling the day in)" : "";
        var weekday = r.Day.ToString("dddd", CultureInfo.InvariantCulture);
        sentences.Add(t.DayChangePercent is { } dc
            ? $"On {when} usage cost {M(t.DayUsage)}{provisional}, {Relative(dc, $"than the average {weekday} of the four weeks before")}."
            : $"On {when} usage cost {M(t.DayUsage)}{provisional}.");

        var others = r.Charges.Where(c => c.Category is not (ChargeKind.Usage or ChargeKind.Purchase)).SelectMany(c => c.Lines.Select(l => (Charge: c, Line: l)))
            .Where(x => x.Line.Day.Billed != 0).OrderByDescending(x => Math.Abs(x.Line.Day.Billed)).ToList();
        if (others.Count > 0)
        {
            var named = others.Take(3).Select(x => $"{x.Line.Name} {M(x.Line.Day.Billed)}{(x.Line.Recurs is { } rec ? $" ({rec})" : "")}").ToList();
            var more = others.Count > 3 ? $" and {others.Count - 3} more" : "";
            sentences.Add($"The day's bill came to {M(t.Day.Billed)} billed, with {Join(named)}{more}: charges, not usage, so they move neither the anomalies nor the pace.");
        }

        var range = $"{t.ComparedFrom.ToString("d MMM", CultureInfo.InvariantCulture)}–{t.ComparedTo.ToString("d MMM", CultureInfo.InvariantCulture)}";
        sentences.Add(t.PaceChangePercent is { } pc
            ? $"Month to date usage comes to {M(t.MonthToDateUsage)}, {Relative(pc, $"than on the same days of the week {(t.ComparedTo.DayNumber - r.Day.DayNumber == -35 ? "five" : "four")} weeks before ({range}, {M(t.ComparedUsage)})")}; the bill so far is {M(t.MonthToDate.Billed)} billed."
            : $"Month to date usage comes to {M(t.MonthToDateUsage)}; the bill so far is {M(t.MonthToDate.Billed)} billed; there is no usage four weeks before to compare it with.");

        var f = r.Forecast;
        var aws = f.CostExplorer is { } ce ? $"; AWS's own forecast is {M(ce)}" : "";
        var expected = f.ChargesExpected switch
        {
            > 0 => $", with {M(f.ChargesExpected)} of charges still expected on their day",
            < 0 => $", less {M(-f.ChargesExpected)} of credits still expected",
            _ => "",
        };
        var last = t.LastMonth.Billed > 0 ? $" Last month's bill came to {M(t.LastMonth.Billed)}." : "";
        sentences.Add(f.Days.Count == 0
            ? $"The month's bill closes at {M(f.MonthEnd)}{(t.DayProvisional ? ", provisional until AWS finalises its last days" : "")}.{last}"
            : $"At this pace the month's invoice comes to about {M(f.MonthEnd)} billed (likely between {M(f.Low)} and {M(f.High)}), of which usage {M(f.UsageMonthEnd)}{expected}{aws}.{last}");

        if (r.TopServices.Count > 0)
        {
            var top = r.TopServices.Take(3).Select(s => $"{s.Name} {M(s.Amount)}").ToList();
            var allocation = r.Allocation.TagInactive
                ? $" No cost carries the {r.Allocation.TagKey} tag yet: it must be activated for cost allocation."
                : r.TopCostCenters.Count > 0 ? $" {r.Allocation.TaggedPercent.ToString("0.#", CultureInfo.InvariantCulture)}% of the day's usage carries the {r.Allocation.TagKey} tag; {M(r.Allocation.Untagged)} does not, and is shared out with the other shared costs {r.Allocation.Rule}." : "";
            sentences.Add($"The largest usage of the day was {Join(top)}.{allocation}");
        }

        if (r.Anomalies.Count == 0) sentences.Add("No service or cost centre left its usual range, up or down.");
        else
        {
            var a = r.Anomalies[0];
            var inside = a.DrillDown.Count > 0 ? $", mostly {Join(a.DrillDown.Select(d => $"{d.Words} {Money.ReadableChange(d.Change, r.Currency)}").ToList())}" : "";
            var lead = r.Anomalies.Count == 1 ? "One cost stood out" : $"{r.Anomalies.Count} costs stood out, first";
            var judged = a.Provisional ? " (provisional: judged again once AWS finalises the day)" : "";
            sentences.Add(a.Stopped
                ? $"{lead}: {a.Name} stopped, costing nothing against an expected {M(a.Expected)} a day{judged}."
                : $"{lead}: {a.Name} {(a.Direction == "drop" ? "fell to" : "cost")} {M(a.Actual)} against an expected {M(a.Expected)} ({Money.ReadableChange(a.Impact, r.Currency)}{inside}){judged}.");
        }

        if (r.UnitEconomics.Count > 0)
        {
            var parts = r.UnitEconomics.Take(3).Select(u =>
                $"{Money.Readable(u.CostPerUnit, r.Currency)} per {Singular(u.Unit)} ({u.Count.ToString("#,0", CultureInfo.InvariantCulture)} {u.Unit}, " +
                $"{(u.Scope.Length == 0 ? "the whole account's usage" : $"{u.Scope}'s usage with its share")}" +
                (u.TrailingCostPerUnit is { } tr ? $"; {Money.Readable(tr, r.Currency)} over the week before)" : ")")).ToList();
            sentences.Add($"Per unit of business the day cost {Join(parts)}.");
        }
        return sentences;
    }

    /// <summary>What changed when a day reported as provisional was judged again on its final figures.</summary>
    public static string Rejudged(SpendReport provisional, SpendReport final, DateOnly on)
    {
        string M(decimal a) => Money.Readable(a, final.Currency);
        string Named(IEnumerable<Anomaly> xs) => xs.Any() ? Join(xs.Select(a => $"{a.Name} {(a.Stopped ? "stopped" : a.Direction)}").ToList()) : "none";
        var gone = provisional.Anomalies.Where(a => !final.Anomalies.Any(b => b.Dimension == a.Dimension && b.Key == a.Key && b.Direction == a.Direction)).ToList();
        var added = final.Anomalies.Where(b => !provisional.Anomalies.Any(a => a.Dimension == b.Dimension && a.Key == b.Key && a.Direction == b.Direction)).ToList();
        var change = gone.Count == 0 && added.Count == 0 ? "its anomalies stand" : $"anomalies withdrawn: {Named(gone)}; new: {Named(added)}";
        return $"{final.Day.ToString("dddd d MMMM", CultureInfo.InvariantCulture)} was provisional when reported and is final as of {on.ToString("d MMMM", CultureInfo.InvariantCulture)}: " +
               $"usage {M(provisional.Totals.DayUsage)} then, {M(final.Totals.DayUsage)} final (the bill {M(provisional.Totals.Day.Billed)} then, {M(final.Totals.Day.Billed)} final); {change}. " +
               "Its report was built again on the final figures.";
    }

    private static string Relative(decimal percent, string against)
    {
        var rounded = Math.Round(Math.Abs(percent), 0, MidpointRounding.AwayFromZero);
        if (rounded == 0) return $"about the same {against.Replace("than ", "as ", StringComparison.Ordinal)}";
        return $"{rounded.ToString("0", CultureInfo.InvariantCulture)}% {(percent > 0 ? "more" : "less")} {against}";
    }

    public static string Join(IReadOnlyList<string> parts) =>
        parts.Count <= 1 ? string.Concat(parts) : string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[^1];

    private static string Singular(string unit) => unit.EndsWith('s') && unit.Length > 1 ? unit[..^1] : unit;
}
