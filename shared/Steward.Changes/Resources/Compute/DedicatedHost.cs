using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// An EC2 Dedicated Host: by the hour at its instance family's host rate, whatever runs on it (the instances placed on it
/// pay nothing more for compute). Reserved host rates (a usage file's <c>reserved_instance_term</c>) are not in the
/// catalog: such a host is "price not found", never $0.
/// </summary>
public sealed record DedicatedHost(string Family) : Priceable
{
    /// <summary>The family a host is for: its <c>instance_family</c>, or its <c>instance_type</c>'s (<c>mac1.metal</c> → mac1).</summary>
    public static DedicatedHost Of(string? family, string? instanceType) => new(family ?? instanceType?.Split('.')[0] ?? "");

    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var reserved = usage.Says("reserved_instance_term", "1_year") || usage.Says("reserved_instance_term", "3_year");
        var line = reserved
            ? AtPrice(at, $"EC2 Dedicated Host (reserved, {Family})", "hours", at.Hours, $"ec2.dedicatedHost.reserved.{Family}")
            : AtPrice(at, $"EC2 Dedicated Host (on-demand, {Family})", "hours", at.Hours, $"ec2.dedicatedHost.{Family}");
        return new(name, type) { Components = [line] };
    }
}
