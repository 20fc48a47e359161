using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// A Route 53 record's DNS queries, per million, usage: standard, latency-based and geolocation, each at its tiered
/// rate. An alias record to an AWS resource answers its queries free (and is read as free by the readers).
/// </summary>
public sealed record DnsRecord : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) =>
        new(name, type)
        {
            Components =
            [
                .. TieredUsage(at, "Standard queries", "1M queries", Millions(usage["monthly_standard_queries"]), "route53.queries.standard", MillionsLabel),
                .. TieredUsage(at, "Latency based routing queries", "1M queries", Millions(usage["monthly_latency_based_queries"]), "route53.queries.latency", MillionsLabel),
                .. TieredUsage(at, "Geo DNS queries", "1M queries", Millions(usage["monthly_geo_queries"]), "route53.queries.geo", MillionsLabel),
            ],
        };
}
