namespace Steward.Changes.Terraform;

public static partial class TerraformResources
{
    /// <summary>The plan types of EBS, S3, EFS, FSx, ECR and Backup; null for a type of another service.</summary>
    private static Priceable? Storage(string type, Props p, Func<string, Props?> referenced, IReadOnlySet<string> volumesOfTheirOwn) => type switch
    {
        "aws_efs_file_system" => new ElasticFileSystem(p.Has("availability_zone_name"), p.List("lifecycle_policy").Any(l => l.Has("transition_to_ia")),
            p.String("throughput_mode") == "provisioned" ? p.Number("provisioned_throughput_in_mibps") ?? 0 : 0),
        "aws_ebs_snapshot" => new EbsSnapshot(referenced("aws_ebs_volume")?.Number("size") ?? p.Number("volume_size"), Copy: false),
        "aws_ebs_snapshot_copy" => new EbsSnapshot(referenced("aws_ebs_snapshot")?.Number("volume_size") ?? p.Number("volume_size"), Copy: true),
        "aws_ecr_repository" => new EcrRepository(),
        // The provider's defaults: SSD storage, and for Windows a SINGLE_AZ_1 deployment.
        "aws_fsx_windows_file_system" => new FsxFileSystem("windows", (p.String("deployment_type") ?? "SINGLE_AZ_1").StartsWith("MULTI_AZ", StringComparison.Ordinal),
            p.String("storage_type") == "HDD", p.Number("storage_capacity") ?? 0, p.Number("throughput_capacity") ?? 0),
        "aws_fsx_openzfs_file_system" => new FsxFileSystem("openzfs", (p.String("deployment_type") ?? "").StartsWith("MULTI_AZ", StringComparison.Ordinal), false,
            p.Number("storage_capacity") ?? 0, p.Number("throughput_capacity") ?? 0,
            p.String("disk_iops_configuration.0.mode") == "USER_PROVISIONED" ? p.Number("disk_iops_configuration.0.iops") : null,
            p.String("root_volume_configuration.0.data_compression_type") is { Length: > 0 } c && c != "NONE" ? c : null),
        "aws_backup_vault" => new BackupVault(),
        "aws_s3_bucket" => new S3Bucket(),
        "aws_s3_bucket_analytics_configuration" => new S3AnalyticsConfiguration(),
        "aws_s3_bucket_inventory" => new S3Inventory(),
        // Intelligent-Tiering's monitoring is charged per object in the class, on the bucket (its usage), as Infracost has it.
        "aws_s3_bucket_intelligent_tiering_configuration" => new FreeResource("its monitoring is charged on the bucket's Intelligent-Tiering objects (the bucket's usage)"),
        "aws_ebs_volume" => new Volume(p.String("type") ?? "gp2", p.Number("size") ?? 0, p.Number("iops"), p.Number("throughput")),
        _ => null,
    };
}
