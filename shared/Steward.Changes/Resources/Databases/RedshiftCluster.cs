using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// A provisioned Redshift cluster: each node by the hour at its node type's on-demand rate. An RA3 cluster's data lives
/// in managed storage, by the GB-month it holds; concurrency scaling past the free credits is billed per node-second at
/// the node's on-demand rate; Spectrum by the TB it scans; snapshots past the free backup (the cluster's own storage) in
/// bands of 50 TB, 450 TB and over. All but the nodes are usage.
/// </summary>
public sealed record RedshiftCluster(string NodeType, int Nodes) : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var node = $"redshift.node.{NodeType}";
        var lines = new List<CostComponent> { AtPrice(at, $"Cluster usage (on-demand, {NodeType})", "hours", at.Hours * Nodes, node) };
        if (NodeType.StartsWith("ra3", StringComparison.Ordinal))
            lines.Add(Usage($"Managed storage ({NodeType})", "GB", usage["managed_storage_gb"], at.Catalog.Price("redshift.managedStorage")));
        // Concurrency scaling clusters are billed per second at the main cluster's node rate (AWS's Redshift pricing).
        if (NodeType.StartsWith("ra3", StringComparison.Ordinal) || NodeType.StartsWith("ds2", StringComparison.Ordinal) || NodeType.StartsWith("dc2", StringComparison.Ordinal))
            lines.Add(at.Catalog.Has(node)
                ? Usage($"Concurrency scaling ({NodeType})", "node-seconds", usage["excess_concurrency_scaling_secs"], at.Catalog.Price(node) / 3600)
                : AtPrice(at, $"Concurrency scaling ({NodeType})", "node-seconds", usage["excess_concurrency_scaling_secs"], node, usageBased: true));
        lines.Add(Usage("Spectrum", "TB", usage["spectrum_data_scanned_tb"], at.Catalog.Price("redshift.spectrum")));
        var backup = usage["backup_storage_gb"];
        if (backup is null)
            lines.Add(Usage(TierName("Backup storage", at.Catalog.Tiered("redshift.backup", 0)[0], Terabytes), "GB", null, at.Catalog.Price("redshift.backup")));
        else
            lines.AddRange(at.Catalog.Tiered("redshift.backup", backup.Value).Where(t => t.Quantity > 0)
                .Select(t => Usage(TierName("Backup storage", t, Terabytes), "GB", t.Quantity, t.Price)));
        return new(name, type) { Components = lines, Notes = [$"{Nodes} node(s)"] };
    }

    private static string Terabytes(decimal gb) => $"{gb / 1024:0.##} TB";
}
