using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>An SSM advanced parameter (standard ones are free): by the parameter-month, prorated by the hour, and its API interactions.</summary>
public sealed record AdvancedParameter : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) => new(name, type)
    {
        Components =
        [
            new("Parameter storage (advanced)", "hours", usage["parameter_storage_hrs"] ?? at.Hours, at.Catalog.Price("ssm.advancedParameter.month") / at.Hours),
            Usage("API interactions (advanced)", "10k interactions", Per(usage["monthly_api_interactions"], 10_000), at.Catalog.Price("ssm.advancedParameter.interactions")),
        ],
    };
}
