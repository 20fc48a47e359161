using System.Globalization;
using System.Text.Json;

namespace Steward.Changes.Reports;

/// <summary>
/// Infracost's JSON output, format version 0.2, so tools that read Infracost's JSON (its comment poster, dashboards,
/// policy engines) read ours: top-level totals, <c>projects[]</c> with <c>pastBreakdown</c>, <c>breakdown</c> and
/// <c>diff</c>, each resource's <c>costComponents[]</c> and <c>subresources[]</c>, every figure a decimal string.
/// What Infracost has no field for (our warnings, each resource's pricing state and notes) is in <c>metadata</c>.
/// </summary>
public static class InfracostJson
{
    public static void Write(Stream output, string command, string project, CostDiff diff, string currency, DateTimeOffset generated, decimal hoursPerMonth)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("version", "0.2");
        w.WriteStartObject("metadata");
        w.WriteString("infracostCommand", command);
        w.WriteString("generator", "steward-cost");
        w.WriteEndObject();
        w.WriteString("currency", currency);
        w.WriteStartArray("projects");
        w.WriteStartObject();
        w.WriteString("name", project);
        w.WriteString("displayName", "");
        w.WriteStartObject("metadata");
        w.WriteString("path", project);
        w.WriteString("type", diff.Planned.SourceType);
        w.WriteStartArray("warnings");
        foreach (var warning in diff.Past.Warnings.Concat(diff.Planned.Warnings).Distinct()) w.WriteStringValue(warning);
        w.WriteEndArray();
        // Infracost counts the resources it did not price by type only (summary); ours are named, each with why.
        Named(w, "notPriced", diff.Planned.Resources.Where(r => r.Pricing == Pricing.NotPriced));
        Named(w, "free", diff.Planned.Resources.Where(r => r.Pricing == Pricing.Free));
        w.WriteEndObject();
        WriteBreakdown(w, "pastBreakdown", diff.Past, hoursPerMonth);
        WriteBreakdown(w, "breakdown", diff.Planned, hoursPerMonth);
        w.WriteStartObject("diff");
        w.WriteStartArray("resources");
        foreach (var change in diff.Changes.Where(c => c.Kind != ChangeKind.Unchanged)) WriteDiff(w, change, hoursPerMonth);
        w.WriteEndArray();
        Totals(w, "", diff.Difference, diff.Planned.MonthlyUsageCost - diff.Past.MonthlyUsageCost, hoursPerMonth);
        w.WriteEndObject();
        Summary(w, diff.Planned);
        w.WriteEndObject();
        w.WriteEndArray();
        Totals(w, "total", diff.PlannedTotal, diff.Planned.MonthlyUsageCost, hoursPerMonth);
        Totals(w, "pastTotal", diff.PastTotal, diff.Past.MonthlyUsageCost, hoursPerMonth);
        Totals(w, "diffTotal", diff.Difference, diff.Planned.MonthlyUsageCost - diff.Past.MonthlyUsageCost, hoursPerMonth);
        w.WriteString("timeGenerated", generated.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        Summary(w, diff.Planned);
        w.WriteEndObject();
    }

    private static void Named(Utf8JsonWriter w, string name, IEnumerable<PricedResource> resources)
    {
        w.WriteStartArray(name);
        foreach (var r in resources)
        {
            w.WriteStartObject();
            w.WriteString("name", r.Name);
            w.WriteString("resourceType", r.ResourceType);
            w.WriteString("why", string.Join("; ", r.Notes));
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>A decimal as Infracost writes it: a string, no trailing zeros, no exponent.</summary>
    public static string Figure(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    private static void Totals(Utf8JsonWriter w, string prefix, decimal monthly, decimal usage, decimal hours)
    {
        string Name(string n) => prefix.Length == 0 ? char.ToLowerInvariant(n[0]) + n[1..] : prefix + n;
        w.WriteString(Name("HourlyCost"), Figure(monthly / hours));
        w.WriteString(Name("MonthlyCost"), Figure(monthly));
        w.WriteString(Name("MonthlyUsageCost"), Figure(usage));
    }

    private static void WriteBreakdown(Utf8JsonWriter w, string name, Breakdown b, decimal hours)
    {
        w.WriteStartObject(name);
        w.WriteStartArray("resources");
        foreach (var r in b.Resources.Where(r => r.Pricing == Pricing.Priced)) WriteResource(w, r, hours, subresource: false);
        w.WriteEndArray();
        Totals(w, "total", b.MonthlyCost, b.MonthlyUsageCost, hours);
        w.WriteEndObject();
    }

    private static void WriteResource(Utf8JsonWriter w, PricedResource r, decimal hours, bool subresource)
    {
        w.WriteStartObject();
        w.WriteString("name", r.Name);
        if (!subresource)
        {
            w.WriteString("resourceType", r.ResourceType);
            w.WriteStartObject("tags");
            w.WriteEndObject();
        }
        w.WriteStartObject("metadata");
        if (r.Notes.Count > 0)
        {
            w.WriteStartArray("notes");
            foreach (var n in r.Notes) w.WriteStringValue(n);
            w.WriteEndArray();
        }
        w.WriteEndObject();
        w.WriteString("hourlyCost", Figure(r.MonthlyCost / hours));
        w.WriteString("monthlyCost", Figure(r.MonthlyCost));
        w.WriteString("monthlyUsageCost", Figure(r.MonthlyUsageCost));
        if (r.Components.Count > 0)
        {
            w.WriteStartArray("costComponents");
            foreach (var c in r.Components) WriteComponent(w, c, hours);
            w.WriteEndArray();
        }
        if (r.Parts.Count > 0)
        {
            w.WriteStartArray("subresources");
            foreach (var p in r.Parts) WriteResource(w, p, hours, subresource: true);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void WriteComponent(Utf8JsonWriter w, CostComponent c, decimal hours)
    {
        w.WriteStartObject();
        w.WriteString("name", c.Name);
        w.WriteString("unit", c.Unit);
        HourlyAndMonthly(w, "Quantity", c.MonthlyQuantity, hours);
        w.WriteString("price", Figure(c.Price));
        HourlyAndMonthly(w, "Cost", c.MonthlyCost, hours);
        if (c.UsageBased) w.WriteBoolean("usageBased", true);
        w.WriteBoolean("priceNotFound", c.PriceNotFound);
        w.WriteEndObject();
    }

    /// <summary>A monthly figure and its hourly share; both null when usage decides it and none was given.</summary>
    private static void HourlyAndMonthly(Utf8JsonWriter w, string what, decimal? monthly, decimal hours)
    {
        if (monthly is { } m)
        {
            w.WriteString("hourly" + what, Figure(m / hours));
            w.WriteString("monthly" + what, Figure(m));
        }
        else
        {
            w.WriteNull("hourly" + what);
            w.WriteNull("monthly" + what);
        }
    }

    /// <summary>A changed resource's difference: each component's planned minus past, matched by name.</summary>
    private static void WriteDiff(Utf8JsonWriter w, ResourceChange change, decimal hours)
    {
        var past = change.Past?.AllComponents.GroupBy(c => c.Name).ToDictionary(g => g.Key, g => g.Sum(c => c.MonthlyCost ?? 0)) ?? [];
        var planned = change.Planned?.AllComponents.GroupBy(c => c.Name).ToDictionary(g => g.Key, g => g.Sum(c => c.MonthlyCost ?? 0)) ?? [];
        w.WriteStartObject();
        w.WriteString("name", change.Name);
        w.WriteString("resourceType", change.ResourceType);
        w.WriteString("change", change.Kind.ToString().ToLowerInvariant());
        w.WriteString("hourlyCost", Figure(change.Difference / hours));
        w.WriteString("monthlyCost", Figure(change.Difference));
        w.WriteStartArray("costComponents");
        foreach (var name in planned.Keys.Union(past.Keys))
        {
            var delta = planned.GetValueOrDefault(name) - past.GetValueOrDefault(name);
            if (delta == 0) continue;
            w.WriteStartObject();
            w.WriteString("name", name);
            w.WriteString("hourlyCost", Figure(delta / hours));
            w.WriteString("monthlyCost", Figure(delta));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Summary(Utf8JsonWriter w, Breakdown b)
    {
        w.WriteStartObject("summary");
        var cloud = b.Resources.Where(r => r.Pricing != Pricing.Free).ToList();
        w.WriteNumber("totalDetectedResources", b.Resources.Count);
        w.WriteNumber("totalSupportedResources", cloud.Count(r => r.Pricing == Pricing.Priced));
        w.WriteNumber("totalUnsupportedResources", cloud.Count(r => r.Pricing == Pricing.NotPriced));
        w.WriteNumber("totalUsageBasedResources", cloud.Count(r => r.AllComponents.Any(c => c.UsageBased)));
        w.WriteNumber("totalNoPriceResources", b.Resources.Count(r => r.Pricing == Pricing.Free));
        w.WriteStartObject("unsupportedResourceCounts");
        foreach (var g in cloud.Where(r => r.Pricing == Pricing.NotPriced).GroupBy(r => r.ResourceType).OrderBy(g => g.Key, StringComparer.Ordinal)) w.WriteNumber(g.Key, g.Count());
        w.WriteEndObject();
        w.WriteStartObject("noPriceResourceCounts");
        foreach (var g in b.Resources.Where(r => r.Pricing == Pricing.Free).GroupBy(r => r.ResourceType).OrderBy(g => g.Key, StringComparer.Ordinal)) w.WriteNumber(g.Key, g.Count());
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
