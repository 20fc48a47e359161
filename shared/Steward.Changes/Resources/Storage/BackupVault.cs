using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// An AWS Backup vault, as Infracost prices it: what the vault stores and restores, by the service backed up, all usage
/// (warm and cold EFS backups and their restores, item-level EFS restores, EBS, RDS and Aurora snapshots, DynamoDB backups
/// and restores, FSx backups). A vault itself costs nothing.
/// </summary>
public sealed record BackupVault : Priceable
{
    private static readonly (string Name, string Unit, string Usage, string Key)[] Lines =
    [
        ("EFS backup (warm)", "GB", "monthly_efs_warm_backup_gb", "backup.efs.warm"),
        ("EFS backup (cold)", "GB", "monthly_efs_cold_backup_gb", "backup.efs.cold"),
        ("EFS restore (warm)", "GB", "monthly_efs_warm_restore_gb", "backup.efs.warmRestore"),
        ("EFS restore (cold)", "GB", "monthly_efs_cold_restore_gb", "backup.efs.coldRestore"),
        ("EFS restore (item-level)", "requests", "monthly_efs_item_restore_requests", "backup.efs.itemRestore"),
        ("EBS snapshot", "GB", "monthly_ebs_snapshot_gb", "backup.ebs.snapshot"),
        ("RDS snapshot", "GB", "monthly_rds_snapshot_gb", "backup.rds.snapshot"),
        ("DynamoDB backup", "GB", "monthly_dynamodb_backup_gb", "backup.dynamodb.backup"),
        ("DynamoDB restore", "GB", "monthly_dynamodb_restore_gb", "backup.dynamodb.restore"),
        ("Aurora snapshot", "GB", "monthly_aurora_snapshot_gb", "backup.aurora.snapshot"),
        // FSx for Windows backups at FSx for Windows' backup rate (Infracost's filter reads Lustre's here).
        ("FSx for Windows backup", "GB", "monthly_fsx_windows_backup_gb", "backup.fsx.windows"),
        ("FSx for Lustre backup", "GB", "monthly_fsx_lustre_backup_gb", "backup.fsx.lustre"),
    ];

    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) =>
        new(name, type) { Components = Lines.Select(l => AtPrice(at, l.Name, l.Unit, usage[l.Usage], l.Key, usageBased: true)).ToList() };
}
