using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// A Kinesis Data Firehose delivery stream, as Infracost prices it: the GB ingested, in three volume tiers (the first
/// 500 TB, the next 1.5 PB, then the next 3 PB), usage; the same GB again for record format conversion where it converts
/// (to Parquet or ORC), and for delivery into a VPC where it delivers into one, which also pays by the hour for each
/// subnet (availability zone) it delivers through: the one fixed charge.
/// </summary>
public sealed record FirehoseDeliveryStream(bool FormatConversion, bool VpcDelivery, int VpcSubnets) : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var gb = usage["monthly_data_ingested_gb"];
        var lines = new List<CostComponent>();
        // Infracost's names for the bands (its last band is the "next 3PB", whatever lies beyond).
        string[] bands = ["first 500TB", "next 1.5PB", "next 3PB"];
        if (!at.Catalog.Has("firehose.dataIngested"))
            lines.Add(AtPrice(at, $"Data ingested ({bands[0]})", "GB", gb, "firehose.dataIngested", usageBased: true));
        else if (gb is null)
            lines.Add(Usage($"Data ingested ({bands[0]})", "GB", null, at.Catalog.Price("firehose.dataIngested")));
        else
            lines.AddRange(at.Catalog.Tiered("firehose.dataIngested", gb.Value).Select((t, i) => (t, i)).Where(x => x.t.Quantity > 0)
                .Select(x => Usage($"Data ingested ({bands[Math.Min(x.i, bands.Length - 1)]})", "GB", x.t.Quantity, x.t.Price)));
        if (FormatConversion) lines.Add(AtPrice(at, "Format conversion", "GB", gb, "firehose.formatConversion", usageBased: true));
        if (VpcDelivery)
        {
            lines.Add(AtPrice(at, "VPC data", "GB", gb, "firehose.vpcData", usageBased: true));
            lines.Add(AtPrice(at, "VPC AZ delivery", "hours", at.Hours * VpcSubnets, "firehose.vpcAzDelivery"));
        }
        return new(name, type) { Components = lines };
    }
}
