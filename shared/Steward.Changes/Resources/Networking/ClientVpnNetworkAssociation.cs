namespace Steward.Changes;

/// <summary>A Client VPN endpoint's association with a subnet (a target network): by the hour it is associated.</summary>
public sealed record ClientVpnNetworkAssociation : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) => new(name, type)
    {
        Components = [new("Endpoint association", "hours", at.Hours, at.Catalog.Price("clientVpn.endpointAssociation.hour"))],
    };
}
