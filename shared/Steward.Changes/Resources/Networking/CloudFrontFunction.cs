using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>A CloudFront function: its invocations, per million, usage.</summary>
public sealed record CloudFrontFunction : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) =>
        new(name, type) { Components = [AtPrice(at, "Total number of invocations", "1M invocations", Millions(usage["monthly_requests"]), "cloudfront.functionInvocations", usageBased: true)] };
}
