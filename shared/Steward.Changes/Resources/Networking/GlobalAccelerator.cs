namespace Steward.Changes;

/// <summary>
/// An AWS Global Accelerator: a fixed fee by the hour it is deployed (enabled or not), whatever its listeners and
/// endpoints. Its data-transfer premium (by source and destination region) is charged on its endpoint groups' traffic.
/// </summary>
public sealed record GlobalAccelerator : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) => new(name, type)
    {
        Components = [new("Fixed fee", "hours", at.Hours, at.Catalog.Price("globalAccelerator.fixedFee"))],
    };
}
