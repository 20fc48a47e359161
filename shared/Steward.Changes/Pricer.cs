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
    /// "$0.00" among the priced, adds nothing to the total, and its note says which price was not found where.
    /// </summary>
    public PricedResource Price(string name, string type, Priceable what, ResourceUsage usage)
    {
        PricedResource priced;
        try { priced = what.Price(_at, name, type, usage); }
        catch (MissingPriceException absent)
        {
            // A region's catalog without this kind's prices (eu-west-1 holds fewer than us-east-1): named, never a crash or $0.
            return PricedResource.NotPriced(name, type, $"price not found in {catalog.Region}: {absent.Key}");
        }
        if (priced.Pricing != Pricing.Priced || !priced.AllComponents.Any(c => c.PriceNotFound && !c.UsageBased)) return priced;
        var missing = priced.AllComponents.Where(c => c.PriceNotFound && !c.UsageBased).Select(c => c.Name);
        // Its other lines go too: a resource not priced adds nothing to a total (which would then be more than the
        // listed resources, and still wrong), and its note says what is missing.
        return priced with
        {
            Pricing = Pricing.NotPriced,
            Components = [],
            Parts = [],
            Notes = [$"price not found in {catalog.Region}: {string.Join("; ", missing)}", .. priced.Notes],
        };
    }
}
