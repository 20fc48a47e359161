using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// A Neptune instance: by the hour at its class's rate, the I/O-Optimized rate when its cluster's storage is
/// <c>iopt1</c>; a T class's CPU credits past its baseline are usage (<c>monthly_cpu_credit_hrs</c>, a month's
/// vCPU-hours). The cluster's storage, I/O and backups are priced on the cluster (<see cref="NeptuneCluster"/>).
/// </summary>
public sealed record NeptuneInstance(string InstanceClass, bool IoOptimized) : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var lines = new List<CostComponent>
        {
            AtPrice(at, $"Database instance (on-demand, {InstanceClass})", "hours", at.Hours,
                $"neptune.{(IoOptimized ? "instanceIoOptimized" : "instance")}.{InstanceClass}"),
        };
        if (InstanceClass.StartsWith("db.t3.", StringComparison.Ordinal) || InstanceClass.StartsWith("db.t4g.", StringComparison.Ordinal))
            lines.Add(Usage("CPU credits", "vCPU-hours", usage["monthly_cpu_credit_hrs"], at.Catalog.Price("neptune.cpuCredits")));
        return new(name, type) { Components = lines, Notes = IoOptimized ? ["its cluster is I/O-Optimized (iopt1): the instance is billed at the I/O-Optimized rate"] : [] };
    }
}

/// <summary>
/// A Neptune cluster: its storage and I/O requests are usage (<c>storage_gb</c>, <c>monthly_io_requests</c>), and its
/// backups past the free day (a retention over one day) by the GB (<c>backup_storage_gb</c>). An I/O-Optimized
/// (<c>iopt1</c>) cluster has no I/O charge and its storage is billed at the I/O-Optimized rate.
/// </summary>
public sealed record NeptuneCluster(decimal BackupRetentionDays, bool IoOptimized) : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var lines = new List<CostComponent> { Usage("Storage", "GB", usage["storage_gb"], at.Catalog.Price(IoOptimized ? "neptune.storageIoOptimized" : "neptune.storage")) };
        if (!IoOptimized) lines.Add(Usage("I/O requests", "1M request", Millions(usage["monthly_io_requests"]), at.Catalog.Price("neptune.io")));
        if (BackupRetentionDays > 1) lines.Add(Usage("Backup storage", "GB", usage["backup_storage_gb"], at.Catalog.Price("neptune.backup")));
        return new(name, type) { Components = lines };
    }
}

/// <summary>
/// A manual snapshot of a Neptune cluster: its storage is backup storage, by the GB (<c>backup_storage_gb</c>, usage).
/// </summary>
public sealed record NeptuneClusterSnapshot : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) => new(name, type)
    {
        Components = [Usage("Backup storage", "GB", usage["backup_storage_gb"], at.Catalog.Price("neptune.backup"))],
    };
}
