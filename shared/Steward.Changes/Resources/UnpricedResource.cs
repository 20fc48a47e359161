namespace Steward.Changes;

/// <summary>A resource this tool does not price yet: listed with the reason, never dropped.</summary>
public sealed record UnpricedResource(string Why) : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) => PricedResource.NotPriced(name, type, Why);
}
