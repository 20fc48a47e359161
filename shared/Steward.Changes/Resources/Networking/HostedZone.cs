namespace Steward.Changes;

/// <summary>A Route 53 hosted zone: by the month (the first 25 of an account's zones; its queries are usage on its records).</summary>
public sealed record HostedZone : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) => new(name, type)
    {
        Components = [new("Hosted zone", "months", 1, at.Catalog.Price("route53.hostedZone"))],
    };
}
