using Steward.Core.Pricing;

namespace Steward.Changes;

/// <summary>
/// Prices what a resource is (<see cref="Priceable"/>, each kind in its own file under <c>Resources/</c>) against the
/// catalog and the day, and holds the one rule every kind shares: a fixed charge whose price is not found makes the
/// resource not priced.
/// </summary>
public sealed class Pricer(PriceCatalog catalog, DateOnly asOf)
{
    private readonly PriceContext _at = new(catalog, asOf);

    public PriceCatalog Catalog => catalog;

    /// <summary>
    /// A resource priced, free or not priced. One whose fixed charge has no price here (an instance type the catalog does
    /// not hold, as <c>t9.mega</c> or a type of another region) is not priced, whatever its other lines cost: it is never
    /// "$0.00" among the priced, and its note says which price was not found where.
    /// </summary>
    public PricedResource Price(string name, string type, Priceable what, ResourceUsage usage)
    {
        var priced = what.Price(_at, name, type, usage);
        if (priced.Pricing != Pricing.Priced || !priced.AllComponents.Any(c => c.PriceNotFound && !c.UsageBased)) return priced;
        var missing = priced.AllComponents.Where(c => c.PriceNotFound && !c.UsageBased).Select(c => c.Name);
        return priced with
        {
            Pricing = Pricing.NotPriced,
            Notes = [$"price not found in {catalog.Region}: {string.Join("; ", missing)}", .. priced.Notes],
        };
    }
}
