namespace Steward.Changes;

/// <summary>
/// A Client VPN endpoint: AWS charges each client connection by the hour. How many clients connect is not in a template
/// or plan, so Infracost counts one connected all month, and so do we.
/// </summary>
public sealed record ClientVpnEndpoint : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) => new(name, type)
    {
        Components = [new("Connection", "hours", at.Hours, at.Catalog.Price("clientVpn.connection.hour"))],
    };
}
