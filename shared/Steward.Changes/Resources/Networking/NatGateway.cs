using static Steward.Changes.PriceLines;

namespace Steward.Changes;

public sealed record NatGateway : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) => new(name, type)
    {
        Components =
        [
            new("NAT gateway", "hours", at.Hours, at.Catalog.Price("natGateway.hour")),
            Usage("Data processed", "GB", usage["monthly_data_processed_gb"], at.Catalog.Price("natGateway.dataProcessed")),
        ],
    };
}
