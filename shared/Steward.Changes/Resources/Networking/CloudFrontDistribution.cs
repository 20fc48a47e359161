using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// A CloudFront distribution, as Infracost prices it: per edge-location price class (its region groups), data transfer
/// out to the internet in seven volume tiers, out to the origin, and HTTP and HTTPS requests; on the distribution,
/// field-level encryption requests and real-time log lines where it turns them on, origin shield requests at its shield
/// region's rate, and invalidation paths (the first thousand a month free) — all usage. Dedicated IP custom SSL (a
/// viewer certificate served by <c>vip</c>) is the one fixed charge: $600 a certificate a month, one unless usage says.
/// </summary>
/// <param name="ShieldRegion">The origin's shield region; where origin shield is on and names none, the region priced.</param>
public sealed record CloudFrontDistribution(bool OriginShield, string? ShieldRegion, bool DedicatedIpSsl, bool RealTimeLogs, bool FieldLevelEncryption) : Priceable
{
    /// <summary>Infracost's groups of edge locations: its name for each, its usage key, the catalog's key.</summary>
    private static readonly (string Name, string Usage, string Key)[] Regions =
    [
        ("US, Mexico, Canada", "us", "us"), ("Europe, Israel", "europe", "europe"), ("South Africa, Kenya, Middle East", "south_africa", "southAfrica"),
        ("South America", "south_america", "southAmerica"), ("Japan", "japan", "japan"), ("Australia, New Zealand", "australia", "australia"),
        ("Hong Kong, Philippines, Asia Pacific", "asia_pacific", "asiaPacific"), ("India", "india", "india"),
    ];

    /// <summary>
    /// The regions origin shield runs in: the location AWS names each by, and the usage key Infracost reads its requests
    /// from (a region whose group has none has no usage key, as in Infracost).
    /// </summary>
    private static readonly Dictionary<string, (string? Location, string? Usage)> ShieldRegions = new(StringComparer.Ordinal)
    {
        ["us-east-1"] = ("US East", "us"), ["us-east-2"] = ("US East", "us"), ["us-west-1"] = ("US West", "us"), ["us-west-2"] = ("US West", "us"),
        ["ca-central-1"] = ("Canada", "us"), ["ap-south-1"] = ("Asia Pacific", "india"), ["me-south-1"] = ("Middle East", "india"),
        ["ap-northeast-1"] = ("Asia Pacific", "japan"), ["ap-northeast-2"] = ("Asia Pacific", "south_korea"), ["ap-southeast-1"] = ("Asia Pacific", "singapore"),
        ["ap-east-1"] = ("Asia Pacific", "singapore"), ["ap-southeast-2"] = ("Asia Pacific", "australia"), ["eu-central-1"] = ("EU", "europe"),
        ["eu-west-1"] = ("EU", "europe"), ["eu-west-2"] = ("EU", "europe"), ["eu-south-1"] = ("EU", "europe"), ["eu-west-3"] = ("EU", "europe"),
        ["eu-north-1"] = ("EU", "europe"), ["af-south-1"] = ("Africa", "europe"), ["sa-east-1"] = ("South America", "south_america"),
        ["me-central-1"] = ("Middle East", "middle_east"),
    };

    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var lines = new List<CostComponent>();
        if (FieldLevelEncryption)
            lines.Add(AtPrice(at, "Field level encryption requests", "10k requests", Per(usage["monthly_encryption_requests"], 10_000), "cloudfront.fieldLevelEncryption", usageBased: true));
        if (RealTimeLogs)
            lines.Add(AtPrice(at, "Real-time log requests", "1M lines", Millions(usage["monthly_log_lines"]), "cloudfront.realTimeLogs", usageBased: true));
        if (DedicatedIpSsl)
            lines.Add(AtPrice(at, "Dedicated IP custom SSLs", "certificates", usage["custom_ssl_certificates"] ?? 1, "cloudfront.dedicatedIpSsl"));
        if (OriginShield)
        {
            var region = ShieldRegion ?? at.Catalog.Region;
            var (location, key) = ShieldRegions.TryGetValue(region, out var known) ? known : (null, null);
            lines.Add(AtPrice(at, location is null ? $"Origin shield HTTP requests ({region})" : $"Origin shield HTTP requests ({location} {region})", "10k requests",
                key is null ? null : Per(usage[$"monthly_shield_requests.{key}"], 10_000), $"cloudfront.originShield.{region}", usageBased: true));
        }
        // The first 1,000 paths invalidated a month are free; each after is charged.
        var invalidations = usage["monthly_invalidation_requests"];
        lines.Add(Usage("Invalidation requests (first 1k)", "paths", invalidations is { } n ? Math.Min(n, 1000) : null, 0));
        if (invalidations is > 1000)
            lines.Add(AtPrice(at, "Invalidation requests (over 1k)", "paths", invalidations - 1000, "cloudfront.invalidations", usageBased: true));

        // A group of edge locations is listed where the usage names it; without any, the US group's prices are shown.
        decimal? U(string what, string region) => usage[$"{what}.{region}"];
        string[] keys = ["monthly_data_transfer_to_internet_gb", "monthly_data_transfer_to_origin_gb", "monthly_http_requests", "monthly_https_requests"];
        var used = Regions.Where(r => keys.Any(k => U(k, r.Usage) is not null)).ToList();
        var parts = (used.Count > 0 ? used : [Regions[0]]).Select(r => new PricedResource(r.Name, "edge locations")
        {
            Components =
            [
                .. TieredUsage(at, "Data transfer out to internet", "GB", U("monthly_data_transfer_to_internet_gb", r.Usage), $"cloudfront.dataOut.{r.Key}", Bytes),
                AtPrice(at, "Data transfer out to origin", "GB", U("monthly_data_transfer_to_origin_gb", r.Usage), $"cloudfront.dataToOrigin.{r.Key}", usageBased: true),
                AtPrice(at, "HTTP requests", "10k requests", Per(U("monthly_http_requests", r.Usage), 10_000), $"cloudfront.httpRequests.{r.Key}", usageBased: true),
                AtPrice(at, "HTTPS requests", "10k requests", Per(U("monthly_https_requests", r.Usage), 10_000), $"cloudfront.httpsRequests.{r.Key}", usageBased: true),
            ],
        }).ToList();
        return new(name, type) { Components = lines, Parts = parts };
    }

    /// <summary>GB as Infracost names CloudFront's tiers: "10TB", "524TB", "4PB" (binary: 1,024 GB a TB).</summary>
    private static string Bytes(decimal gb) => gb >= 1024 * 1024 ? $"{gb / (1024 * 1024):0.##}PB" : $"{gb / 1024:0.##}TB";
}
