namespace Steward.Changes;

/// <summary>A resource that costs nothing by AWS's price list (IAM, security groups, subscriptions …).</summary>
public sealed record FreeResource(string Why) : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) => PricedResource.Free(name, type, Why);
}
