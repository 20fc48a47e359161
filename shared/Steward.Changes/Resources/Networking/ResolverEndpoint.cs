using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// A Route 53 Resolver endpoint (inbound or outbound): by the hour for each IP address it has, each a network interface
/// in a subnet, and by the million DNS queries it resolves, less past the first billion a month.
/// </summary>
public sealed record ResolverEndpoint(int IpAddresses) : Priceable
{
    /// <summary>AWS's minimum: an endpoint has at least two IP addresses, for its two Availability Zones.</summary>
    private const int Minimum = 2;

    /// <summary>An endpoint of the IP addresses its source lists; without any known, AWS's minimum of two, said.</summary>
    public static ResolverEndpoint Of(int listed, Props p)
    {
        if (listed > 0) return new(listed);
        p.Assume($"its IP addresses are not known: priced at AWS's minimum of {Minimum}");
        return new(Minimum);
    }

    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var lines = new List<CostComponent> { new("Resolver endpoints", "hours", at.Hours * IpAddresses, at.Catalog.Price("route53Resolver.endpoint.hour")) };
        var queries = Millions(usage["monthly_queries"]);
        lines.AddRange(queries is null
            ? [Usage("DNS queries (first 1B)", "1M queries", null, at.Catalog.Price("route53Resolver.queries"))]
            : at.Catalog.Tiered("route53Resolver.queries", queries.Value).Where(t => t.Quantity > 0)
                .Select(t => Usage(TierName("DNS queries", t, MillionsLabel), "1M queries", t.Quantity, t.Price)));
        return new(name, type) { Components = lines };
    }
}
