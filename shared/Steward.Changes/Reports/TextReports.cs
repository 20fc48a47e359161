using Steward.Core;
using System.Text;

namespace Steward.Changes.Reports;

/// <summary>
/// The terminal table (<c>--format table</c>) and the pull-request comment (<c>--format markdown</c>). Usage-based lines
/// carry <c>*</c>; a usage-based line with no usage given says what it costs per unit instead of a figure.
/// </summary>
public static class TextReports
{
    /// <summary>The hidden marker the comment poster finds its own comment by, to update it rather than add another.</summary>
    public const string CommentMarker = "<!-- steward-cost comment -->";

    public static string Table(Breakdown b, string title)
    {
        var rows = new List<(string Name, string Qty, string Unit, string Cost)>();
        foreach (var r in b.Resources.Where(r => r.Pricing == Pricing.Priced))
        {
            rows.Add((r.Name, "", "", ""));
            Tree(r, "", rows);
            rows.Add(("", "", "", ""));
        }
        var sb = new StringBuilder();
        sb.AppendLine(title).AppendLine();
        var width = Math.Max(40, rows.Max(r => (int?)r.Name.Length) ?? 0);
        sb.AppendLine($" {"Name".PadRight(width)}  {"Monthly Qty",12}  {"Unit",-18}  {"Monthly Cost",14}");
        sb.AppendLine();
        foreach (var (name, qty, unit, cost) in rows)
            sb.AppendLine(unit.StartsWith("depends", StringComparison.Ordinal)
                ? $" {name.PadRight(width)}  Monthly cost depends on usage: {cost}".TrimEnd()
                : $" {name.PadRight(width)}  {qty,12}  {unit,-18}  {cost,14}".TrimEnd());
        sb.AppendLine($" {"OVERALL TOTAL".PadRight(width)}  {"",12}  {"",-18}  {Money.Exact(b.MonthlyCost),14}");
        Footer(sb, b, markdown: false);
        return sb.ToString();
    }

    private static void Tree(PricedResource r, string indent, List<(string, string, string, string)> rows)
    {
        var items = r.Components.Select(c => (Component: (CostComponent?)c, Part: (PricedResource?)null))
            .Concat(r.Parts.Select(p => (Component: (CostComponent?)null, Part: (PricedResource?)p))).ToList();
        for (var i = 0; i < items.Count; i++)
        {
            var last = i == items.Count - 1;
            var branch = indent + (last ? "└─ " : "├─ ");
            if (items[i].Component is { } c)
                rows.Add(c.MonthlyQuantity is null
                    ? (branch + c.Name, "", "depends", $"${Figure(c.Price)} per {c.Unit}")
                    : (branch + c.Name, Wording.Quantity(c.MonthlyQuantity), c.Unit, Money.Exact(c.MonthlyCost!.Value) + (c.UsageBased ? " *" : "") + (c.PriceNotFound ? " (no price)" : "")));
            else
            {
                rows.Add((branch + items[i].Part!.Name, "", "", ""));
                Tree(items[i].Part!, indent + (last ? "   " : "│  "), rows);
            }
        }
    }

    /// <summary>A unit price as Infracost shows one: cents at least ($0.20), every digit that matters ($0.0000166667).</summary>
    private static string Figure(decimal price) => price.ToString("0.00##########", System.Globalization.CultureInfo.InvariantCulture);

    public static string DiffTable(CostDiff diff, string title)
    {
        var sb = new StringBuilder();
        sb.AppendLine(title).AppendLine();
        foreach (var c in diff.Changes.Where(c => c.Kind != ChangeKind.Unchanged))
        {
            var sign = c.Kind switch { ChangeKind.Added => "+", ChangeKind.Removed => "-", _ => "~" };
            sb.AppendLine($"{sign} {c.Name}  ({c.ResourceType})");
            sb.AppendLine($"  {Money.ExactChange(c.Difference)} ({Money.Exact(c.PastCost)} → {Money.Exact(c.PlannedCost)})");
            sb.AppendLine();
        }
        sb.AppendLine(Wording.Headline(diff));
        sb.AppendLine($"Amount:  {Money.ExactChange(diff.Difference)} ({Money.Exact(diff.PastTotal)} → {Money.Exact(diff.PlannedTotal)})");
        if (diff.Percent is not null) sb.AppendLine($"Percent: {Money.Percent(diff.Percent)}");
        Footer(sb, diff.Planned, markdown: false);
        return sb.ToString();
    }

    /// <summary>The pull-request comment: the headline, the table of what moved, then the details of what was added, changed and removed.</summary>
    public static string Markdown(CostDiff diff, string project)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CommentMarker);
        sb.AppendLine($"### {Wording.Headline(diff)}").AppendLine();
        sb.AppendLine($"`{project}`").AppendLine();
        var moved = diff.Changes.Where(c => c.Kind != ChangeKind.Unchanged && c.Difference != 0 || c.Kind is ChangeKind.Added or ChangeKind.Removed && (c.Past ?? c.Planned)!.Pricing == Pricing.Priced).ToList();
        sb.AppendLine("| Resource | Type | Before | After | Change |");
        sb.AppendLine("|---|---|---:|---:|---:|");
        foreach (var c in moved.OrderByDescending(c => Math.Abs(c.Difference)))
            sb.AppendLine($"| `{c.Name}` | {c.ResourceType} | {Money.Exact(c.PastCost)} | {Money.Exact(c.PlannedCost)} | {Money.ExactChange(c.Difference)} |");
        sb.AppendLine($"| **Total** | | **{Money.Exact(diff.PastTotal)}** | **{Money.Exact(diff.PlannedTotal)}** | **{Money.ExactChange(diff.Difference)}{(diff.Percent is null ? "" : $" ({Money.Percent(diff.Percent)})")}** |");
        sb.AppendLine();
        foreach (var (kind, heading) in new[] { (ChangeKind.Added, "Added"), (ChangeKind.Changed, "Changed"), (ChangeKind.Removed, "Removed") })
        {
            var these = diff.Changes.Where(c => c.Kind == kind).ToList();
            if (these.Count == 0) continue;
            sb.AppendLine($"<details><summary>{heading} ({these.Count})</summary>").AppendLine();
            foreach (var c in these)
            {
                sb.AppendLine($"- `{c.Name}` ({c.ResourceType}): {Money.Exact(c.PastCost)} → {Money.Exact(c.PlannedCost)} a month");
                var shown = (c.Planned ?? c.Past)!;
                if (shown.Pricing != Pricing.Priced) sb.AppendLine($"  - {(shown.Pricing == Pricing.Free ? "free" : "not priced")}: {string.Join("; ", shown.Notes)}");
                foreach (var line in ComponentChanges(c)) sb.AppendLine($"  - {line}");
            }
            sb.AppendLine().AppendLine("</details>").AppendLine();
        }
        Footer(sb, diff.Planned, markdown: true);
        return sb.ToString();
    }

    private static IEnumerable<string> ComponentChanges(ResourceChange c)
    {
        var before = c.Past?.AllComponents.ToList() ?? [];
        var after = c.Planned?.AllComponents.ToList() ?? [];
        var paired = new HashSet<CostComponent>(ReferenceEqualityComparer.Instance);
        foreach (var a in after)
        {
            // The same line, or the same kind of line whose detail changed: "Instance usage (…, t3.micro)" and "(…, t3.small)".
            var b = before.FirstOrDefault(x => x.Name == a.Name && x.Unit == a.Unit && !paired.Contains(x))
                    ?? before.FirstOrDefault(x => Kind(x.Name) == Kind(a.Name) && x.Unit == a.Unit && !paired.Contains(x) && !after.Any(y => y.Name == x.Name));
            if (b is not null) paired.Add(b);
            if (b is not null && b.Name == a.Name && b.MonthlyQuantity == a.MonthlyQuantity && b.Price == a.Price) continue;
            var name = b is null || b.Name == a.Name ? a.Name : $"{b.Name} → {a.Name[Kind(a.Name).Length..].Trim()}";
            yield return $"{name}: {Describe(b)} → {Describe(a)}";
        }
        foreach (var b in before.Where(b => !paired.Contains(b)))
            yield return $"{b.Name}: {Describe(b)} → none";
    }

    private static string Kind(string componentName) => componentName.Split(" (")[0];

    private static string Describe(CostComponent? c) => c switch
    {
        null => "none",
        { MonthlyQuantity: null } => $"depends on usage ({Money.Exact(c.Price)} per {c.Unit})*",
        _ => $"{Wording.Quantity(c.MonthlyQuantity)} {c.Unit}, {Money.Exact(c.MonthlyCost!.Value)}{(c.UsageBased ? "*" : "")}",
    };

    private static void Footer(StringBuilder sb, Breakdown b, bool markdown)
    {
        var bullet = markdown ? "- " : "  ";
        var unpriced = b.Resources.Where(r => r.Pricing == Pricing.NotPriced).ToList();
        var free = b.Resources.Where(r => r.Pricing == Pricing.Free).ToList();
        var notes = b.Resources.Where(r => r.Pricing == Pricing.Priced && r.Notes.Count > 0).ToList();
        sb.AppendLine();
        sb.AppendLine($"{b.Resources.Count} resource{(b.Resources.Count == 1 ? "" : "s")}: {b.Resources.Count(r => r.Pricing == Pricing.Priced)} priced, {free.Count} free, {unpriced.Count} not priced.");
        if (b.Resources.Any(r => r.HasUsageWithoutFigures))
            sb.AppendLine("* usage-based: give figures in a usage file (--usage-file; `steward-cost usage --stack NAME` writes one from the stack's metrics).");
        if (unpriced.Count > 0)
        {
            sb.AppendLine(markdown ? "\n**Not priced**" : "\nNot priced:");
            foreach (var r in unpriced) sb.AppendLine($"{bullet}{r.Name} ({r.ResourceType}): {string.Join("; ", r.Notes)}");
        }
        if (free.Count > 0)
            sb.AppendLine((markdown ? "\n**Free**: " : "\nFree: ") + string.Join(", ", free.GroupBy(r => r.ResourceType).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} × {g.Key}")));
        if (notes.Count > 0 || b.Warnings.Count > 0)
        {
            sb.AppendLine(markdown ? "\n**Assumptions**" : "\nAssumptions:");
            foreach (var r in notes) foreach (var n in r.Notes) sb.AppendLine($"{bullet}{r.Name}: {n}");
            foreach (var w in b.Warnings) sb.AppendLine($"{bullet}{w}");
        }
    }
}
