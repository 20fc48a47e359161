using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// A Systems Manager hybrid activation: servers outside AWS registered with it are free in the standard tier and charged
/// by the hour each in the advanced tier (a usage file's <c>instance_tier: advanced</c> and <c>instances</c>), usage.
/// </summary>
public sealed record ManagedOnPremInstances : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) =>
        usage.Says("instance_tier", "advanced")
            ? new(name, type) { Components = [AtPrice(at, "On-prem managed instances (advanced)", "hours", usage["instances"] * at.Hours, "ssm.advancedOnPremInstance", usageBased: true)] }
            : new(name, type)
            {
                Components = [AtPrice(at, "On-prem managed instances (advanced)", "hours", null, "ssm.advancedOnPremInstance", usageBased: true)],
                Notes = ["standard-tier on-premises instances are free; a usage file's instance_tier: advanced and instances price the advanced tier"],
            };
}
