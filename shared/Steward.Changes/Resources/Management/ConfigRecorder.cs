using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>AWS Config's configuration recorder: each configuration item it records (AWS's and custom ones), usage.</summary>
public sealed record ConfigRecorder : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) =>
        new(name, type)
        {
            Components =
            [
                AtPrice(at, "Config items", "records", usage["monthly_config_items"], "config.configItems", usageBased: true),
                AtPrice(at, "Custom config items", "records", usage["monthly_custom_config_items"], "config.customConfigItems", usageBased: true),
            ],
        };
}
