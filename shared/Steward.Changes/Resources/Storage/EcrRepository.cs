using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>An ECR repository: its images' storage by the GB-month, usage (data out is the account's data transfer).</summary>
public sealed record EcrRepository : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) =>
        new(name, type) { Components = [AtPrice(at, "Storage", "GB", usage["storage_gb"], "ecr.storage", usageBased: true)] };
}
