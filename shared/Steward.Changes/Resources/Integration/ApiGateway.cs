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
        var components = TieredUsage(at, "Requests", "1M requests", Millions(usage["monthly_requests"]), key, MillionsLabel).ToList();
        return new PricedResource(name, type) { Components = CacheGb is null ? components : [.. components, ApiGatewayCache.Line(at, CacheGb)] };
    }
}
