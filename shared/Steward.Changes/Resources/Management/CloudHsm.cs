using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// A CloudHSM v2 HSM: by the hour while it exists (every hour of the month unless the usage file gives
/// <c>monthly_hrs</c>, an HSM added and removed within it). CloudFormation has no CloudHSM type: Terraform only.
/// </summary>
public sealed record CloudHsm : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) => new(name, type)
    {
        Components = [AtPrice(at, "HSM usage", "hours", usage["monthly_hrs"] ?? at.Hours, "cloudhsm.hsm")],
    };
}
