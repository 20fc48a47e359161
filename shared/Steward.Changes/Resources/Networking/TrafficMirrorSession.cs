using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>A VPC traffic mirror session: by the hour for each network interface it mirrors, a fixed charge.</summary>
public sealed record TrafficMirrorSession : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) =>
        new(name, type) { Components = [AtPrice(at, "Traffic mirror", "hours", at.Hours, "ec2.trafficMirrorSession")] };
}
