namespace Steward.Changes;

/// <summary>An API Gateway stage's cache cluster: by the hour at its size's rate (0.5 GB to 237 GB).</summary>
public sealed record ApiGatewayCache(string SizeGb) : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) => new(name, type)
    {
        Components = [Line(at, SizeGb)],
    };

    public static CostComponent Line(PriceContext at, string sizeGb) => PriceLines.AtPrice(at, $"Cache memory ({sizeGb} GB)", "hours", at.Hours, $"apigateway.cache.{sizeGb}");
}
