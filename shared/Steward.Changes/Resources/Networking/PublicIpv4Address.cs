namespace Steward.Changes;

/// <summary>An Elastic IP or any other public IPv4 address (charged whether attached or not since 2024-02-01).</summary>
public sealed record PublicIpv4Address : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) => new(name, type)
    {
        Components = [new("Public IPv4 address", "hours", usage["monthly_hrs"] ?? at.Hours, at.Catalog.Price("ec2.publicIpv4"))],
        Notes = ["AWS charges every public IPv4 address by the hour, attached or not, since 2024-02-01"],
    };
}
