namespace Steward.Changes;

/// <summary>
/// A Route 53 health check: by the month, more for an endpoint outside AWS (the usage file's <c>endpoint_type:
/// non_aws</c>, which a template cannot say), and per optional feature (HTTPS, string matching, a 10-second interval,
/// latency measurement).
/// </summary>
public sealed record HealthCheck(int OptionalFeatures) : Priceable
{
    /// <summary>The optional features a check's settings turn on: HTTPS, string matching, the 10-second interval, latency measurement.</summary>
    public static int FeaturesOf(string? type, decimal? interval, bool? measureLatency) =>
        (type is "HTTPS" or "HTTPS_STR_MATCH" ? 1 : 0) + (type?.EndsWith("_STR_MATCH", StringComparison.Ordinal) == true ? 1 : 0)
        + (interval == 10 ? 1 : 0) + (measureLatency == true ? 1 : 0);

    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var outside = usage.Says("endpoint_type", "non_aws");
        var where = outside ? "nonAws" : "aws";
        var lines = new List<CostComponent> { new("Health check", "months", 1, at.Catalog.Price($"route53.healthCheck.{where}")) };
        if (OptionalFeatures > 0) lines.Add(new("Optional features", "months", OptionalFeatures, at.Catalog.Price($"route53.healthCheck.feature.{where}")));
        return new(name, type) { Components = lines, Notes = outside ? [] : ["priced as checking an AWS endpoint (a usage file's endpoint_type: non_aws prices an outside one)"] };
    }
}
