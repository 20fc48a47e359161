namespace Steward.Changes;

/// <summary>
/// An EKS managed node group: its instances (its desired size, or <c>instances</c> in the usage file) priced as EC2
/// instances of its instance type, with their disks on the group's lines, as Infracost writes them.
/// </summary>
public sealed record EksNodeGroup(Ec2Instance Instance, int DesiredSize) : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var count = usage["instances"] is { } n ? (int)n : DesiredSize;
        var one = Instance.Price(at, name, type, usage);
        Func<CostComponent, CostComponent> times = c => c with { MonthlyQuantity = c.MonthlyQuantity * count };
        return one with
        {
            Components = one.Components.Concat(one.Parts.SelectMany(p => p.Components)).Select(times).ToList(),
            Parts = [],
            Notes = [$"{count} instance(s): the group's {(usage["instances"] is null ? "desired size" : "instances in the usage file")}", .. one.Notes],
        };
    }
}
