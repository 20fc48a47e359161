using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// A Kinesis Data Analytics application (Managed Service for Apache Flink), as Infracost prices it: the Kinesis
/// Processing Units its stream processing runs on, by the KPU-month, usage (<c>kinesis_processing_units</c>). A Flink
/// application also pays one KPU all month for orchestration (its one fixed charge), 50 GB of running storage per
/// processing KPU, and its durable backups, usage. A SQL application (and v1's applications) pays processing only.
/// </summary>
public sealed record KinesisAnalyticsApplication(bool Flink) : Priceable
{
    public static CostComponent Backup(PriceContext at, ResourceUsage usage) =>
        AtPrice(at, "Backup", "GB", usage["durable_application_backup_gb"], "kinesisAnalytics.backup", usageBased: true);

    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var kpus = usage["kinesis_processing_units"];
        // A KPU-hour's rate, shown as Infracost shows it: per KPU for the month.
        CostComponent Kpu(string what, decimal? n, bool usageBased)
        {
            var line = AtPrice(at, what, "KPU", n, "kinesisAnalytics.kpuHour", usageBased);
            return line with { Price = line.Price * at.Hours };
        }
        var lines = new List<CostComponent> { Kpu("Processing (stream)", kpus, usageBased: true) };
        if (Flink)
        {
            lines.Add(Kpu("Processing (orchestration)", 1, usageBased: false));
            lines.Add(AtPrice(at, "Running storage", "GB", kpus * 50, "kinesisAnalytics.runningStorage", usageBased: true));
            lines.Add(Backup(at, usage));
        }
        return new(name, type) { Components = lines };
    }
}

/// <summary>A snapshot of a Kinesis Data Analytics (Flink) application: its durable backup storage, usage.</summary>
public sealed record KinesisAnalyticsSnapshot : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) =>
        new(name, type) { Components = [KinesisAnalyticsApplication.Backup(at, usage)] };
}
