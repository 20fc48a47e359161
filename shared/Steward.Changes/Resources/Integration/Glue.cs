using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>A Glue crawler: its run time by the DPU-hour, usage (<c>monthly_hours</c>), as Infracost prices it.</summary>
public sealed record GlueCrawler : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) =>
        new(name, type) { Components = [AtPrice(at, "Duration", "hours", usage["monthly_hours"], "glue.crawler.dpuHour", usageBased: true)] };
}

/// <summary>
/// A Glue job: its run time (<c>monthly_hours</c>, usage) at the DPU-hour rate times the DPUs it runs on — its workers'
/// (a G.2X worker is two DPUs) or its maximum capacity (one DPU unless set; a Python shell job's 0.0625).
/// </summary>
public sealed record GlueJob(decimal Dpus) : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var unit = Dpus is > 0 and < 1 ? $"hours ({Dpus:0.0000} DPUs)" : $"hours ({(int)Dpus} {(Dpus == 1 ? "DPU" : "DPUs")})";
        var line = AtPrice(at, "Duration", unit, usage["monthly_hours"], "glue.job.dpuHour", usageBased: true);
        return new(name, type) { Components = [line with { Price = line.Price * Dpus }] };
    }

    /// <summary>
    /// The DPUs a worker type is (AWS Glue's worker types: G.025X a quarter DPU, G.1X one, G.2X two, G.4X four, G.8X
    /// eight); Infracost knows only G.2X's two, and counts others as one, as G.1X and Standard are.
    /// </summary>
    public static decimal DpusPerWorker(string? workerType) => workerType?.ToUpperInvariant() switch
    {
        "G.025X" => 0.25m,
        "G.2X" or "Z.2X" => 2,
        "G.4X" => 4,
        "G.8X" => 8,
        _ => 1,
    };
}

/// <summary>
/// A Glue Data Catalog database: objects stored (per 100,000) and requests (per million), usage; as Infracost counts them,
/// a month under the free million requests or 100,000 objects costs nothing, and one over pays for all of them.
/// </summary>
public sealed record GlueCatalogDatabase : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var objects = usage["monthly_objects"] is { } o ? (o < 100_000 ? 0 : o) : (decimal?)null;
        var requests = usage["monthly_requests"] is { } r ? (r < 1_000_000 ? 0 : r) : (decimal?)null;
        return new(name, type)
        {
            Components =
            [
                AtPrice(at, "Storage", "100k objects", Per(objects, 100_000), "glue.catalog.storage", usageBased: true),
                AtPrice(at, "Requests", "1M requests", Millions(requests), "glue.catalog.requests", usageBased: true),
            ],
        };
    }
}
