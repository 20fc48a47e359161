using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// An EventBridge pipe: the requests it reads from its source after filtering (per million; each 64 KB of a batch is a
/// request), usage (<c>monthly_requests</c>). Infracost lists pipes as free; EventBridge's price list does not.
/// </summary>
public sealed record EventPipe : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) =>
        new(name, type) { Components = [AtPrice(at, "Requests", "1M requests", Millions(usage["monthly_requests"]), "events.pipeRequests", usageBased: true)] };
}
