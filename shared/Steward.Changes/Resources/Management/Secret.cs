using static Steward.Changes.PriceLines;

namespace Steward.Changes;

public sealed record Secret : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) => new(name, type)
    {
        Components =
        [
            new("Secret", "months", 1, at.Catalog.Price("secretsmanager.secret")),
            Usage("API requests", "10k requests", Per(usage["monthly_requests"], 10_000), at.Catalog.Price("secretsmanager.requests")),
        ],
    };
}
