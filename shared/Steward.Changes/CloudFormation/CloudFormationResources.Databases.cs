namespace Steward.Changes.CloudFormation;

public static partial class CloudFormationResources
{
    /// <summary>The template types of RDS and Aurora, DynamoDB, ElastiCache, DocumentDB, Neptune, Redshift, OpenSearch and DMS; null for a type of another service.</summary>
    private static Priceable? Databases(string type, Props p, Reading c) => type switch
    {
        "AWS::DocDB::DBCluster" => new DocDbCluster(),
        "AWS::Serverless::SimpleTable" => p.Child("ProvisionedThroughput") is { } pt
            ? new DynamoDbTable(false, pt.Number("WriteCapacityUnits") ?? 0, pt.Number("ReadCapacityUnits") ?? 0)
            : new DynamoDbTable(true, 0, 0),
        "AWS::DynamoDB::Table" => DynamoDb(p),
        "AWS::DynamoDB::GlobalTable" => p.String("BillingMode") == "PROVISIONED"
            ? new DynamoDbTable(false, p.Number("WriteProvisionedThroughputSettings.WriteCapacityAutoScalingSettings.MinCapacity") ?? 0,
                p.Number("Replicas.0.ReadProvisionedThroughputSettings.ReadCapacityUnits") ?? 0)
            : new DynamoDbTable(true, 0, 0),
        "AWS::RDS::DBInstance" => p.String("DBInstanceClass") == "db.serverless"
            ? new AuroraServerlessV2Instance(Referenced(p, "DBClusterIdentifier", "AWS::RDS::DBCluster", c.Raw, c.Resolver, c.Warnings)?.Number("ServerlessV2ScalingConfiguration.MinCapacity"))
            : Rds(p, Referenced(p, "SourceDBInstanceIdentifier", "AWS::RDS::DBInstance", c.Raw, c.Resolver, c.Warnings),
                Referenced(p, "DBClusterIdentifier", "AWS::RDS::DBCluster", c.Raw, c.Resolver, c.Warnings)),
        "AWS::RDS::DBCluster" => (p.String("Engine") ?? "").StartsWith("aurora", StringComparison.OrdinalIgnoreCase)
            ? Aurora(p.String("Engine")!, p.String("EngineMode"), p.String("StorageType"), p.Number("BackupRetentionPeriod"))
            : new UnpricedResource("Multi-AZ DB clusters (three instances of DBClusterInstanceClass) are not priced yet"),
        "AWS::ElastiCache::CacheCluster" => new CacheNodes(p.String("CacheNodeType") ?? "", (int)(p.Number("NumCacheNodes") ?? 1), "the cluster's NumCacheNodes",
            p.Number("SnapshotRetentionLimit") is > 0),
        "AWS::ElastiCache::ReplicationGroup" => ReplicationGroup(p),
        "AWS::DMS::ReplicationInstance" => new DmsReplicationInstance(p.String("ReplicationInstanceClass") ?? "", p.Bool("MultiAZ") == true, p.Number("AllocatedStorage") ?? 50),
        "AWS::DocDB::DBInstance" => new DocDbInstance(p.String("DBInstanceClass") ?? ""),
        // A single-node cluster has one node whatever NumberOfNodes says; a multi-node one must give it.
        "AWS::Redshift::Cluster" => new RedshiftCluster(p.String("NodeType") ?? "",
            p.String("ClusterType") == "single-node" ? 1 : (int)(p.Number("NumberOfNodes") ?? 1)),
        "AWS::OpenSearchService::Domain" => SearchDomain(p, "ClusterConfig"),
        "AWS::Elasticsearch::Domain" => SearchDomain(p, "ElasticsearchClusterConfig"),
        "AWS::Neptune::DBInstance" => new NeptuneInstance(p.String("DBInstanceClass") ?? "",
            Referenced(p, "DBClusterIdentifier", "AWS::Neptune::DBCluster", c.Raw, c.Resolver, c.Warnings)?.String("StorageType") is { } storage
            && storage.Equals("iopt1", StringComparison.OrdinalIgnoreCase)),
        // CloudFormation keeps a day of backups unless told: that day is free.
        "AWS::Neptune::DBCluster" => new NeptuneCluster(p.Number("BackupRetentionPeriod") ?? 1, (p.String("StorageType") ?? "").Equals("iopt1", StringComparison.OrdinalIgnoreCase)),
        _ => null,
    };
}
