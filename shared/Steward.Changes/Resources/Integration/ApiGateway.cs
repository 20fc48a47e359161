using static Steward.Changes.PriceLines;

namespace Steward.Changes;

public sealed record ApiGateway(bool Http) : Priceable
{
    /// <summary>A SAM API's stage cache (<c>CacheClusterEnabled</c>), in GB: charged by the hour on the API SAM makes it into.</summary>
    public string? CacheGb { get; init; }

    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var a = this;
        var key = a.Http ? "apigateway.http.requests" : "apigateway.rest.requests";
        var millions = Millions(usage["monthly_requests"]);
        var components = millions is null
            ? [Usage(TierName("Requests", at.Catalog.Tiered(key, 0)[0], MillionsLabel), "1M requests", null, at.Catalog.Price(key))]
            : at.Catalog.Tiered(key, millions.Value).Where(t => t.Quantity > 0 || millions == 0)
                .Select(t => Usage(TierName("Requests", t, MillionsLabel), "1M requests", t.Quantity, t.Price)).ToList();
        return new PricedResource(name, type) { Components = CacheGb is null ? components : [.. components, ApiGatewayCache.Line(at, CacheGb)] };
    }
}
