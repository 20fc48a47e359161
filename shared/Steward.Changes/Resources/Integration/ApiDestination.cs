using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// An EventBridge API destination: its invocations of the HTTP endpoint, per million (each 64 KB of payload one), usage
/// (<c>monthly_invocations</c>). Its connection has no charge of its own: the secret EventBridge keeps for it is paid
/// for in the API destination's price (Secrets Manager's guide, "How EventBridge uses Secrets Manager").
/// </summary>
public sealed record ApiDestination : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) =>
        new(name, type) { Components = [AtPrice(at, "Invocations", "1M invocations", Millions(usage["monthly_invocations"]), "events.apiDestinationInvocations", usageBased: true)] };
}
