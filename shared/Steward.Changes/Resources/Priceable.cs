using Steward.Core.Pricing;

namespace Steward.Changes;

/// <summary>
/// What a resource is, in the words that decide its price, read from a template's properties or a plan's attributes,
/// and how that is priced. The readers (<see cref="CloudFormation.CloudFormationResources"/>,
/// <see cref="Terraform.TerraformResources"/>) build these; each kind prices itself, in its own file, in Infracost's
/// component names and units, so people who know Infracost's tables read ours. One record a kind, whichever tool
/// declared it: a new priced resource is one file in its service's folder here (Compute, Storage, Databases, Networking,
/// Integration, Management), its lines in the readers, and its prices in the catalog.
/// </summary>
public abstract record Priceable
{
    /// <summary>
    /// Its monthly lines. Hourly things count <see cref="PriceContext.Hours"/>; usage-based lines without usage keep
    /// their price and no quantity.
    /// </summary>
    public abstract PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage);
}

/// <summary>What every price is read against: the region's catalog and the day priced (Extended Support moves with it).</summary>
public sealed class PriceContext(PriceCatalog catalog, DateOnly asOf)
{
    public PriceCatalog Catalog => catalog;
    public DateOnly AsOf => asOf;
    public decimal Hours => catalog.HoursPerMonth;
}

/// <summary>The small arithmetic every kind's lines share.</summary>
public static class PriceLines
{
    public static CostComponent Usage(string name, string unit, decimal? quantity, decimal price) => new(name, unit, quantity, price, UsageBased: true);
    public static decimal? Millions(decimal? n) => Per(n, 1_000_000);
    public static decimal? Per(decimal? n, decimal unit) => n / unit;

    /// <summary>
    /// A line at a price the catalog may not hold (a node class it has no rate for): then the price is not found, and
    /// the <see cref="Pricer"/> names it, never $0.
    /// </summary>
    public static CostComponent AtPrice(PriceContext at, string name, string unit, decimal? quantity, string key, bool usageBased = false) =>
        at.Catalog.Has(key) ? new(name, unit, quantity, at.Catalog.Price(key), usageBased) : new(name, unit, quantity, 0, usageBased) { PriceNotFound = true };

    /// <summary>SQS and SNS bill a request per 64 KB of payload: a 128 KB message is two requests.</summary>
    public static decimal Chunks(ResourceUsage usage) => usage["request_size_kb"] is > 64 and var kb ? Math.Ceiling(kb / 64) : 1;

    public static string Billions(decimal n) => $"{n / 1_000_000_000:0.##}B";
    public static string MillionsLabel(decimal n) => n >= 1000 ? $"{n / 1000:0.##}B" : $"{n:0.##}M";

    /// <summary>
    /// A usage line at a tiered price: without usage, the first tier's name and price and no quantity; with it, one line a
    /// tier the quantity reaches (Infracost's "Rule evaluations (first 100K)", "(next 400K)", "(over 500K)"); a usage of
    /// zero is the first tier at zero, so the line is there to read.
    /// </summary>
    public static IEnumerable<CostComponent> TieredUsage(PriceContext at, string what, string unit, decimal? quantity, string key, Func<decimal, string> label) =>
        quantity is null
            ? [Usage(TierName(what, at.Catalog.Tiered(key, 0)[0], label), unit, null, at.Catalog.Price(key))]
            : at.Catalog.Tiered(key, quantity.Value).Where(t => t.Quantity > 0 || quantity == 0).Select(t => Usage(TierName(what, t, label), unit, t.Quantity, t.Price));

    /// <summary>Thousands as Infracost writes them in tier names: "100K", "1.5M".</summary>
    public static string Thousands(decimal n) => n >= 1_000_000 ? $"{n / 1_000_000:0.##}M" : $"{n / 1000:0.##}K";

    /// <summary>Infracost's tier names: "first 6B", "next 9B", "over 15B".</summary>
    public static string TierName(string what, TierCharge tier, Func<decimal, string> label) =>
        tier.UpTo is null ? $"{what} (over {label(tier.From)})"
        : tier.From == 0 ? $"{what} (first {label(tier.UpTo.Value)})"
        : $"{what} (next {label(tier.UpTo.Value - tier.From)})";
}
