using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// A DMS replication instance: by the hour at its class's rate, twice for Multi-AZ, and its gp2 storage beyond what the
/// class includes (50 GB for T2 and T3 classes, 100 GB for C4, R4 and R5, as Infracost reads DMS's pricing page).
/// </summary>
public sealed record DmsReplicationInstance(string InstanceClass, bool MultiAz, decimal StorageGb) : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var family = InstanceClass.Split('.') is [_, var f, ..] ? f : "";
        var included = family switch { "t2" or "t3" => 50m, "c4" or "r4" or "r5" => 100m, _ => 0m };
        var az = MultiAz ? 2 : 1;
        var instance = AtPrice(at, $"Instance ({InstanceClass.Replace("dms.", "")})", "hours", at.Hours, $"dms.instance.{InstanceClass}");
        var lines = new List<CostComponent> { instance with { Price = instance.Price * az } };
        if (StorageGb > included)
            lines.Add(new("Storage (general purpose SSD, gp2)", "GB", StorageGb - included, at.Catalog.Price("dms.storage") * az));
        return new(name, type) { Components = lines };
    }
}
