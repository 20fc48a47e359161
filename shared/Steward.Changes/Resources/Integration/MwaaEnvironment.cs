using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// An Amazon MWAA (managed Airflow) environment: by the hour at its environment class's rate; workers and schedulers
/// beyond those the class includes are usage (how many run on average, <c>additional_workers</c> and
/// <c>additional_schedulers</c>), at the class's rate each, as is the meta database's storage.
/// </summary>
/// <param name="Size">The class without its <c>mw1.</c> prefix, as AWS's price list names it: Small, Medium, Large.</param>
public sealed record MwaaEnvironment(string Size) : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var key = $"mwaa.{Size.ToLowerInvariant()}";
        return new(name, type)
        {
            Components =
            [
                AtPrice(at, $"Environment ({Size})", "hours", at.Hours, $"{key}.environment"),
                AtPrice(at, $"Worker ({Size})", "hours", usage["additional_workers"] * at.Hours, $"{key}.worker", usageBased: true),
                AtPrice(at, $"Scheduler ({Size})", "hours", usage["additional_schedulers"] * at.Hours, $"{key}.scheduler", usageBased: true),
                Usage("Meta database", "GB", usage["meta_database_gb"], at.Catalog.Price("mwaa.metaDatabase")),
            ],
        };
    }

    /// <summary>"mw1.medium" (any case) as "Medium"; MWAA's default class is mw1.small.</summary>
    public static MwaaEnvironment Of(string? environmentClass)
    {
        var size = (environmentClass ?? "mw1.small").ToLowerInvariant().Replace("mw1.", "", StringComparison.Ordinal);
        return new(size.Length == 0 ? size : char.ToUpperInvariant(size[0]) + size[1..]);
    }
}
