using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// An OpenSearch Service (formerly Elasticsearch Service) domain: its data instances, dedicated master instances and
/// UltraWarm instances, each by the hour at its instance type's rate; and the EBS volume of each data node by the
/// GB-month of its type, with io1's provisioned IOPS and gp3's throughput past what the volume includes. Every figure
/// is fixed: the domain is charged for what it provisions, used or not.
/// </summary>
/// <param name="InstanceType">As the template or plan names it (<c>….elasticsearch</c> or <c>….search</c>): one price list either way.</param>
/// <param name="Ebs">The EBS volume of each data node, or null for instance storage.</param>
public sealed record SearchDomain(string InstanceType, int Instances, SearchDomain.Volume? Ebs, string? MasterType, int Masters, string? WarmType, int Warm) : Priceable
{
    /// <summary>Each data node's volume: AWS bills one of these per data node.</summary>
    public sealed record Volume(string Type, decimal Gb, decimal? Iops, decimal? Throughput);

    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var lines = new List<CostComponent> { AtPrice(at, $"Instance (on-demand, {InstanceType})", "hours", at.Hours * Instances, Key(InstanceType)) };
        if (Ebs is { } v)
        {
            var storage = v.Type.ToLowerInvariant();
            lines.Add(AtPrice(at, $"Storage ({storage})", "GB", v.Gb * Instances, $"opensearch.storage.{storage}"));
            if (storage == "gp3" && BillableThroughput(v.Throughput ?? 0, v.Gb) * Instances is > 0 and var mbps)
                lines.Add(AtPrice(at, "Throughput (gp3)", "Mbps", mbps, "opensearch.throughput.gp3"));
            // An io1 volume bills every IOPS it provisions (at least one).
            if (storage == "io1")
                lines.Add(AtPrice(at, "Storage IOPS (io1)", "IOPS", Math.Max(1, v.Iops ?? 1) * Instances, "opensearch.iops.io1"));
        }
        if (MasterType is not null)
            lines.Add(AtPrice(at, $"Dedicated master (on-demand, {MasterType})", "hours", at.Hours * Masters, Key(MasterType)));
        if (WarmType is not null && Warm > 0)
            lines.Add(AtPrice(at, $"UltraWarm instance (on-demand, {WarmType})", "hours", at.Hours * Warm, Key(WarmType)));
        var notes = new List<string> { $"{Instances} data node(s){(Ebs is { } e ? $", each with {e.Gb:0.##} GB of {e.Type}" : "")}" };
        return new(name, type) { Components = lines, Notes = notes };
    }

    /// <summary>Elasticsearch's instance names are OpenSearch's with another suffix, at the same price.</summary>
    private static string Key(string instanceType) => "opensearch.instance." + instanceType.Replace(".elasticsearch", ".search", StringComparison.Ordinal);

    /// <summary>
    /// gp3 includes 125 MiB/s on volumes up to 170 GB, and above that 250 MiB/s for every 3 TB begun (at most 1,000):
    /// only the throughput past that is billed (as Infracost reads OpenSearch's gp3 pricing).
    /// </summary>
    internal static decimal BillableThroughput(decimal throughput, decimal gb)
    {
        var free = gb <= 170 ? 125 : Math.Min(1000, Math.Ceiling(gb / 3000) * 250);
        return Math.Max(0, throughput - free);
    }
}
