using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>A Classic Load Balancer (previous generation): by the hour, and by the GB it processes.</summary>
public sealed record ClassicLoadBalancer : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) => new(name, type)
    {
        Components =
        [
            new("Classic load balancer", "hours", at.Hours, at.Catalog.Price("elb.classic.hour")),
            Usage("Data processed", "GB", usage["monthly_data_processed_gb"], at.Catalog.Price("elb.classic.dataProcessed")),
        ],
    };
}
