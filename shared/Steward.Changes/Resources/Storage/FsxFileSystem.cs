using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// An FSx for Windows File Server or FSx for OpenZFS file system, as Infracost prices them: the throughput capacity
/// provisioned (per MBps-month) and the storage capacity (per GB-month, SSD or HDD) are fixed charges, at the deployment's
/// rates (Single-AZ or Multi-AZ); backups by the GB-month are usage. OpenZFS also pays for SSD IOPS provisioned above the
/// three per GB its storage includes, and stores compressed data in less: Infracost assumes compression saves half
/// (<c>compression_savings_percent</c> in the usage file says otherwise).
/// </summary>
/// <param name="System">"windows" or "openzfs".</param>
/// <param name="ProvisionedIops">OpenZFS's USER_PROVISIONED IOPS, else null.</param>
/// <param name="Compression">OpenZFS's root volume compression (LZ4, ZSTD), else null.</param>
public sealed record FsxFileSystem(string System, bool MultiAz, bool Hdd, decimal StorageGb, decimal ThroughputMbps, decimal? ProvisionedIops = null, string? Compression = null) : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var deployment = MultiAz ? "multiAz" : "singleAz";
        var storage = Hdd ? "HDD" : "SSD";
        var lines = new List<CostComponent> { AtPrice(at, "Throughput capacity", "MBps", ThroughputMbps, $"fsx.{System}.{deployment}.throughput") };
        if (ProvisionedIops is { } iops && iops - 3 * StorageGb > 0)
            lines.Add(AtPrice(at, "Provisioned IOPS", "IOPS", iops - 3 * StorageGb, $"fsx.{System}.{deployment}.iops"));
        if (Compression is { } compression)
        {
            var saved = usage["compression_savings_percent"] ?? 50;
            lines.Add(AtPrice(at, $"{storage} storage ({compression} compression, {saved:0}%)", "GB", Math.Ceiling(StorageGb * (1 - saved / 100)), $"fsx.{System}.{deployment}.storage.{storage}"));
        }
        else lines.Add(AtPrice(at, $"{storage} storage", "GB", StorageGb, $"fsx.{System}.{deployment}.storage.{storage}"));
        lines.Add(AtPrice(at, "Backup storage", "GB", usage["backup_storage_gb"], $"fsx.{System}.{deployment}.backup", usageBased: true));
        return new(name, type) { Components = lines };
    }
}
