using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// An EKS Fargate profile: nothing of its own; the pods it schedules are charged per vCPU-hour and GB-hour of what they
/// request, usage (<c>monthly_vcpu_hours</c>, <c>monthly_gb_hours</c>). Infracost prices one vCPU and one GB for every
/// hour of the month, as if a pod of that size always ran; a profile with no pods costs nothing.
/// </summary>
public sealed record FargateProfile : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) =>
        new(name, type)
        {
            Components =
            [
                AtPrice(at, "Per GB per hour", "GB-hours", usage["monthly_gb_hours"], "fargate.gbHour", usageBased: true),
                AtPrice(at, "Per vCPU per hour", "vCPU-hours", usage["monthly_vcpu_hours"], "fargate.vcpuHour", usageBased: true),
            ],
        };
}
