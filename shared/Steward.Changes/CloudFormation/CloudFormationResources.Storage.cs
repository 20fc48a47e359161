namespace Steward.Changes.CloudFormation;

public static partial class CloudFormationResources
{
    /// <summary>The template types of EBS, S3, EFS, FSx, ECR and Backup; null for a type of another service.</summary>
    private static Priceable? Storage(string type, Props p, Reading c) => type switch
    {
        "AWS::EFS::FileSystem" => new ElasticFileSystem(p.Has("AvailabilityZoneName"), p.List("LifecyclePolicies").Any(l => l.Has("TransitionToIA")),
            p.String("ThroughputMode") == "provisioned" ? p.Number("ProvisionedThroughputInMibps") ?? 0 : 0),
        "AWS::ECR::Repository" => new EcrRepository(),
        "AWS::FSx::FileSystem" => Fsx(p),
        "AWS::Backup::BackupVault" => new BackupVault(),
        // IntelligentTieringConfigurations cost nothing of their own: monitoring is the bucket's Intelligent-Tiering usage.
        "AWS::S3::Bucket" => new S3Bucket(p.List("AnalyticsConfigurations").Count > 0, p.List("InventoryConfigurations").Count > 0),
        "AWS::EC2::Volume" => new Volume(p.String("VolumeType") ?? "gp2", p.Number("Size") ?? 0, p.Number("Iops"), p.Number("Throughput")),
        _ => null,
    };
}
