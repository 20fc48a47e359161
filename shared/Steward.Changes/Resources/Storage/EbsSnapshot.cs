using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// An EBS snapshot (or a copy of one): its storage by the GB-month, at most the size of the volume it was taken of (the
/// first snapshot is whole, later ones only what changed; a usage file's <c>storage_gb</c> says), and for a snapshot its
/// fast snapshot restore hours and EBS direct API requests, all usage.
/// </summary>
/// <param name="VolumeGb">The source volume's size where the source has it.</param>
/// <param name="Copy">A copy (<c>aws_ebs_snapshot_copy</c>) is charged only its storage.</param>
public sealed record EbsSnapshot(decimal? VolumeGb, bool Copy) : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        // Without the volume's size or usage, 8 GB (the size Steward, like Infracost, assumes of an unknown root volume).
        var gb = usage["storage_gb"] ?? VolumeGb ?? 8;
        var lines = new List<CostComponent> { AtPrice(at, "EBS snapshot storage", "GB", gb, "ebs.snapshot.storage", usageBased: true) };
        if (!Copy)
        {
            lines.Add(AtPrice(at, "Fast snapshot restore", "DSU-hours", usage["fast_snapshot_restore_hours"], "ebs.snapshot.fastRestore", usageBased: true));
            lines.Add(AtPrice(at, "ListChangedBlocks & ListSnapshotBlocks API requests", "1k requests", Per(usage["monthly_list_block_requests"], 1000), "ebs.snapshot.listRequests", usageBased: true));
            lines.Add(AtPrice(at, "GetSnapshotBlock API requests", "1k SnapshotAPIUnits", Per(usage["monthly_get_block_requests"], 1000), "ebs.snapshot.getRequests", usageBased: true));
            lines.Add(AtPrice(at, "PutSnapshotBlock API requests", "1k SnapshotAPIUnits", Per(usage["monthly_put_block_requests"], 1000), "ebs.snapshot.putRequests", usageBased: true));
        }
        return new(name, type)
        {
            Components = lines,
            Notes = usage["storage_gb"] is null && VolumeGb is null ? ["the source volume's size is not in this source: 8 GB assumed (a usage file's storage_gb gives the snapshot's)"] : [],
        };
    }
}
