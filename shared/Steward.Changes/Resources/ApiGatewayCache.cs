namespace Steward.Changes;

/// <summary>An API Gateway stage's cache cluster: by the hour at its size's rate (0.5 GB to 237 GB).</summary>
public sealed record ApiGatewayCache(string SizeGb) : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) => new(name, type)
    {
        Components = [PriceLines.AtPrice(at, $"Cache memory ({SizeGb} GB)", "hours", at.Hours, $"apigateway.cache.{SizeGb}")],
    };
}
