namespace Steward.Changes;

/// <summary>Instances an Auto Scaling group keeps running: its desired capacity, else its minimum.</summary>
public sealed record AutoScalingGroup(Ec2Instance Instance, int Count, string CountFrom) : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var g = this;
        var one = g.Instance.Price(at, name, type, usage);
        Func<CostComponent, CostComponent> times = c => c with { MonthlyQuantity = c.MonthlyQuantity * g.Count };
        return one with
        {
            Components = one.Components.Select(times).ToList(),
            Parts = one.Parts.Select(p => p with { Components = p.Components.Select(times).ToList() }).ToList(),
            Notes = [$"{g.Count} instance(s): the group's {g.CountFrom}", .. one.Notes],
        };
    }
}
