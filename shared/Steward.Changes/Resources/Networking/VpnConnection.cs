namespace Steward.Changes;

/// <summary>
/// A Site-to-Site VPN connection: by the hour it is provisioned. One that ends on a transit gateway (rather than a virtual
/// private gateway) is also the gateway's VPN attachment, by the hour and by the GB the gateway processes from it.
/// </summary>
public sealed record VpnConnection(bool TransitGateway) : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var connection = new CostComponent("VPN connection", "hours", at.Hours, at.Catalog.Price("vpn.connection.hour"));
        return new(name, type)
        {
            Components = TransitGateway
                ? [connection, TransitGatewayAttachment.Hours(at), TransitGatewayAttachment.DataProcessed(at, usage)]
                : [connection],
        };
    }
}
