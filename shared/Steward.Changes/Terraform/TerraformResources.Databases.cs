namespace Steward.Changes.Terraform;

public static partial class TerraformResources
{
    /// <summary>The plan types of RDS and Aurora, DynamoDB, ElastiCache, DocumentDB, Neptune, Redshift, OpenSearch and DMS; null for a type of another service.</summary>
    private static Priceable? Databases(string type, Props p, Func<string, Props?> referenced, IReadOnlySet<string> volumesOfTheirOwn) => type switch
    {
        "aws_db_instance" => Rds(p),
        "aws_rds_cluster" => (p.String("engine") ?? "aurora").StartsWith("aurora", StringComparison.Ordinal)
            ? CloudFormation.CloudFormationResources.Aurora(p.String("engine") ?? "aurora", p.String("engine_mode"), p.String("storage_type"), p.Number("backup_retention_period"))
            : new UnpricedResource("Multi-AZ DB clusters (three instances of db_cluster_instance_class) are not priced yet"),
        "aws_rds_cluster_instance" => p.String("instance_class") == "db.serverless"
            ? new AuroraServerlessV2Instance(referenced("aws_rds_cluster")?.Number("serverlessv2_scaling_configuration.0.min_capacity"))
            : new RdsInstance(p.String("instance_class") ?? "", p.String("engine") ?? "aurora", p.String("engine_version") ?? referenced("aws_rds_cluster")?.String("engine_version"), false, "aurora", 0, null),
        "aws_elasticache_cluster" => p.String("replication_group_id") is not null
            ? new FreeResource("a member of its replication group, whose nodes are priced on the group")
            : new CacheNodes(p.String("node_type") ?? "", (int)(p.Number("num_cache_nodes") ?? 1), "the cluster's num_cache_nodes", p.Number("snapshot_retention_limit") is > 0),
        "aws_elasticache_replication_group" => ReplicationGroup(p),
        "aws_dms_replication_instance" => new DmsReplicationInstance(p.String("replication_instance_class") ?? "", p.Bool("multi_az") == true, p.Number("allocated_storage") ?? 50),
        "aws_docdb_cluster_instance" => new DocDbInstance(p.String("instance_class") ?? ""),
        // The provider's number_of_nodes is 1 unless set (a single-node cluster).
        "aws_redshift_cluster" => new RedshiftCluster(p.String("node_type") ?? "", (int)(p.Number("number_of_nodes") ?? 1)),
        "aws_opensearch_domain" => SearchDomain(p, "m3.medium.search"),
        "aws_elasticsearch_domain" => SearchDomain(p, "m3.medium.elasticsearch"),
        // An instance's rate is its cluster's storage type's (I/O-Optimized, iopt1, or standard).
        "aws_neptune_cluster_instance" => new NeptuneInstance(p.String("instance_class") ?? "",
            referenced("aws_neptune_cluster")?.String("storage_type") is { } storage && storage.Equals("iopt1", StringComparison.OrdinalIgnoreCase)),
        // The provider keeps a day of backups unless told: that day is free.
        "aws_neptune_cluster" => new NeptuneCluster(p.Number("backup_retention_period") ?? 1, (p.String("storage_type") ?? "").Equals("iopt1", StringComparison.OrdinalIgnoreCase)),
        // A snapshot of a cluster that keeps a single day of backups is within the backup storage AWS does not charge for
        // (as Infracost counts it); of one kept longer, or not in this plan, its storage is backup storage.
        "aws_neptune_cluster_snapshot" => referenced("aws_neptune_cluster") is { } cluster && (cluster.Number("backup_retention_period") ?? 1) < 2
            ? new FreeResource("its cluster keeps a single day of backups: the snapshot is within the free backup storage")
            : new NeptuneClusterSnapshot(),
        "aws_docdb_cluster_snapshot" => new DocDbCluster(),
        "aws_docdb_cluster" => new DocDbCluster(),
        "aws_dynamodb_table" => p.String("billing_mode") == "PAY_PER_REQUEST"
            ? new DynamoDbTable(true, 0, 0)
            : new DynamoDbTable(false, (p.Number("write_capacity") ?? 0) + p.List("global_secondary_index").Sum(i => i.Number("write_capacity") ?? 0),
                (p.Number("read_capacity") ?? 0) + p.List("global_secondary_index").Sum(i => i.Number("read_capacity") ?? 0)),
        _ => null,
    };
}
