using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// An Aurora cluster's own charges, all usage: storage (at the I/O-optimized rate for <c>aurora-iopt1</c>, which then
/// has no I/O charge), I/O requests, backup beyond the cluster's size, backtrack change records, snapshot export, and
/// Aurora Serverless v1's capacity units. Its instances are priced as RDS instances (Serverless v2's as capacity units).
/// </summary>
/// <param name="Backtrack">Aurora MySQL's backtrack (not on PostgreSQL, nor Serverless v1), by the change record while its window holds them.</param>
/// <param name="BackupRetentionDays">Backups kept past one day are charged beyond one cluster's size.</param>
public sealed record AuroraCluster(bool IoOptimized, bool ServerlessV1, bool Backtrack, decimal BackupRetentionDays) : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var c = at.Catalog;
        var lines = new List<CostComponent>();
        if (ServerlessV1) lines.Add(Usage("Aurora serverless", "ACU-hours", usage["capacity_units_per_hr"] * at.Hours, c.Price("aurora.serverless.acuHour")));
        lines.Add(IoOptimized
            ? Usage("Storage (I/O-optimized)", "GB", usage["storage_gb"], c.Price("aurora.ioOptimized.storage"))
            : Usage("Storage", "GB", usage["storage_gb"], c.Price("aurora.storage")));
        if (!IoOptimized) lines.Add(Usage("I/O requests", "1M requests", Millions(usage["write_requests_per_sec"] + usage["read_requests_per_sec"] is { } perSec ? perSec * 3600 * at.Hours : null), c.Price("aurora.io")));
        if (BackupRetentionDays > 1)
            lines.Add(Usage("Backup storage", "GB", usage["backup_snapshot_size_gb"] * (BackupRetentionDays - 1), c.Price("rds.backup.aurora")));
        if (Backtrack)
            lines.Add(Usage("Backtrack", "1M change-records", Millions(usage["average_statements_per_hr"] * at.Hours * usage["change_records_per_statement"] * usage["backtrack_window_hrs"]), c.Price("aurora.backtrack")));
        lines.Add(Usage("Snapshot export", "GB", usage["snapshot_export_size_gb"], c.Price("aurora.snapshotExport")));
        return new(name, type) { Components = lines };
    }
}

/// <summary>
/// An Aurora Serverless v2 instance (<c>db.serverless</c>): by the capacity unit-hour. Without a usage figure it is
/// priced at its cluster's minimum capacity, which it is billed for whenever it runs (0 lets it pause), and said.
/// </summary>
public sealed record AuroraServerlessV2Instance(decimal? MinCapacity) : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var price = at.Catalog.Price("aurora.serverlessV2.acuHour");
        if (usage["capacity_units_per_hr"] is { } average)
            return new(name, type) { Components = [Usage("Aurora serverless v2", "ACU-hours", average * at.Hours, price)] };
        var floor = MinCapacity ?? 0.5m;
        return new(name, type)
        {
            Components = [new($"Aurora serverless v2 (minimum {floor:0.##} ACU)", "ACU-hours", floor * at.Hours, price)],
            Notes = [$"priced at the cluster's minimum capacity ({floor:0.##} ACU{(MinCapacity is null ? ", the default when not set" : "")}) for every hour; give capacity_units_per_hr in the usage file for what it scales to"],
        };
    }
}
