using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// A DocumentDB cluster: backup storage beyond the cluster's own size, by the GB-month, usage. Its instances are priced
/// on their own (<see cref="DocDbInstance"/>), with the cluster's storage and I/O.
/// </summary>
public sealed record DocDbCluster : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) =>
        new(name, type) { Components = [AtPrice(at, "Backup storage", "GB", usage["backup_storage_gb"], "docdb.backupStorage", usageBased: true)] };
}
