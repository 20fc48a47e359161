using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>An EBS volume. Type as AWS names it (gp2, gp3, io1, io2, st1, sc1, standard).</summary>
public sealed record Volume(string Type, decimal SizeGb, decimal? Iops = null, decimal? ThroughputMBps = null) : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) =>
        new(name, type) { Components = Components(at, usage) };

    /// <summary>A volume's lines, also a server's parts (its root and block devices).</summary>
    public List<CostComponent> Components(PriceContext at, ResourceUsage usage)
    {
        var v = this;
        var type = v.Type.ToLowerInvariant();
        var label = type switch
        {
            "gp2" or "gp3" => $"Storage (general purpose SSD, {type})",
            "io1" or "io2" => $"Storage (provisioned IOPS SSD, {type})",
            "st1" => "Storage (throughput optimized HDD, st1)",
            "sc1" => "Storage (cold HDD, sc1)",
            "standard" => "Storage (magnetic)",
            _ => null,
        };
        if (label is null) return [new($"Storage ({v.Type})", "GB", v.SizeGb, 0) { PriceNotFound = true }];
        var list = new List<CostComponent> { new(label, "GB", v.SizeGb, at.Catalog.Price($"ebs.{type}.storage")) };
        switch (type)
        {
            case "gp3":
                var freeThroughput = at.Catalog.Entry("ebs.gp3.throughput").FreeQuantity ?? 125;
                var freeIops = at.Catalog.Entry("ebs.gp3.iops").FreeQuantity ?? 3000;
                if (v.ThroughputMBps is { } t && t > freeThroughput) list.Add(new("Provisioned throughput", "Mbps", t - freeThroughput, at.Catalog.Price("ebs.gp3.throughput")));
                if (v.Iops is { } gi && gi > freeIops) list.Add(new("Provisioned IOPS", "IOPS", gi - freeIops, at.Catalog.Price("ebs.gp3.iops")));
                break;
            case "io1" or "io2":
                foreach (var tier in at.Catalog.Tiered($"ebs.{type}.iops", v.Iops ?? 0))
                    list.Add(new("Provisioned IOPS", "IOPS", tier.Quantity, tier.Price));
                break;
            case "standard":
                list.Add(Usage("I/O requests", "1M request", Millions(usage["monthly_standard_io_requests"]), at.Catalog.Price("ebs.standard.io")));
                break;
        }
        return list;
    }
}
