using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// ElastiCache nodes (a cache cluster's, or a replication group's shards and replicas): each by the hour at its node
/// type's on-demand rate; snapshots kept past the one free backup are usage. A node type the catalog does not hold is
/// "price not found", never $0.
/// </summary>
public sealed record CacheNodes(string NodeType, int Nodes, string NodesFrom, bool Snapshots) : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var lines = new List<CostComponent> { AtPrice(at, $"ElastiCache (on-demand, {NodeType})", "hours", at.Hours * Nodes, $"elasticache.node.{NodeType}") };
        if (Snapshots) lines.Add(Usage("Backup storage", "GB", usage["snapshot_storage_size_gb"], at.Catalog.Price("elasticache.backup")));
        return new(name, type) { Components = lines, Notes = [$"{Nodes} node(s): {NodesFrom}"] };
    }
}
