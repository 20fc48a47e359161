using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// A DocumentDB instance: by the hour at its class's rate; the cluster's storage and I/O are usage, written on each
/// instance as Infracost does, and a T class's CPU credits past its baseline.
/// </summary>
public sealed record DocDbInstance(string InstanceClass) : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var lines = new List<CostComponent>
        {
            AtPrice(at, $"Database instance (on-demand, {InstanceClass})", "hours", at.Hours, $"docdb.instance.{InstanceClass}"),
            Usage("Storage", "GB", usage["data_storage_gb"], at.Catalog.Price("docdb.storage")),
            Usage("I/O requests", "1M requests", Millions(usage["monthly_io_requests"]), at.Catalog.Price("docdb.io")),
        };
        if (InstanceClass.StartsWith("db.t", StringComparison.Ordinal))
            lines.Add(Usage("CPU credits", "vCPU-hours", usage["monthly_cpu_credit_hrs"], at.Catalog.Price("docdb.cpuCredits")));
        return new(name, type) { Components = lines };
    }
}
