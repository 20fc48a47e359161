using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// An EFS file system: storage by the GB-month in its storage class (Regional or One Zone; Infrequent Access, with its
/// reads and writes, once a lifecycle policy moves files there), all usage; and provisioned throughput, a fixed charge for
/// the MiB/s provisioned above what the storage earns by itself (50 KiB/s per GB stored, so one MiB/s per 20 GB).
/// </summary>
public sealed record ElasticFileSystem(bool OneZone, bool LifecyclePolicy, decimal ProvisionedMibps) : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var zone = OneZone ? "oneZone" : "standard";
        var label = OneZone ? "one zone" : "standard";
        var storage = usage["storage_gb"];
        var lines = new List<CostComponent> { AtPrice(at, $"Storage ({label})", "GB", storage, $"efs.storage.{zone}", usageBased: true) };
        if (LifecyclePolicy || usage["infrequent_access_storage_gb"] is not null)
        {
            lines.Add(AtPrice(at, $"Storage ({label}, infrequent access)", "GB", usage["infrequent_access_storage_gb"], $"efs.storage.{zone}.ia", usageBased: true));
            lines.Add(AtPrice(at, "Read requests (infrequent access)", "GB", usage["monthly_infrequent_access_read_gb"], "efs.ia.read", usageBased: true));
            lines.Add(AtPrice(at, "Write requests (infrequent access)", "GB", usage["monthly_infrequent_access_write_gb"], "efs.ia.write", usageBased: true));
        }
        if (ProvisionedMibps > 0)
        {
            // Without the storage's size, all of it is billed: what the tool knows is a floor the storage can only lower.
            var billable = Math.Max(0, ProvisionedMibps - (storage ?? 0) / 20);
            lines.Add(AtPrice(at, "Provisioned throughput", "MBps", billable, "efs.provisionedThroughput", usageBased: storage is not null));
        }
        return new(name, type) { Components = lines };
    }
}
