using System.Globalization;
using System.Text.Json;

namespace Steward.Core.Pricing;

/// <summary>
/// The products of the AWS Price List Query API (<c>GetProducts</c>: each <c>PriceList</c> entry a JSON document of
/// <c>product</c> and <c>terms</c>) read into catalog prices: EC2 on-demand hourly rates for Linux and Windows on shared
/// tenancy, and EBS storage per GB-month. The offer holds look-alikes that are not on-demand prices (Capacity Blocks at
/// $0.00, reservations, dedicated hosts, SQL Server images, BYOL): only <c>RunInstances</c> (Linux) and
/// <c>RunInstances:0002</c> (Windows, licence included), capacity status <c>Used</c>, no pre-installed software, are taken.
/// </summary>
public static class PriceListProducts
{
    public sealed record Refreshed(Dictionary<string, InstanceTypePrice> InstanceTypes, Dictionary<string, decimal> EbsStorage, int ProductsRead);

    private static readonly Dictionary<string, string> EbsUsageTypes = new()
    {
        ["EBS:VolumeUsage"] = "standard", ["EBS:VolumeUsage.gp2"] = "gp2", ["EBS:VolumeUsage.gp3"] = "gp3", ["EBS:VolumeUsage.piops"] = "io1",
        ["EBS:VolumeUsage.io2"] = "io2", ["EBS:VolumeUsage.st1"] = "st1", ["EBS:VolumeUsage.sc1"] = "sc1",
    };

    public static Refreshed Read(IEnumerable<string> priceList)
    {
        var linux = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var windows = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var vcpus = new Dictionary<string, int>(StringComparer.Ordinal);
        var ebs = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var read = 0;
        foreach (var item in priceList)
        {
            read++;
            using var doc = JsonDocument.Parse(item);
            var product = doc.RootElement.GetProperty("product");
            var family = product.TryGetProperty("productFamily", out var f) ? f.GetString() : null;
            var a = product.GetProperty("attributes");
            string? Attr(string name) => a.TryGetProperty(name, out var v) ? v.GetString() : null;
            if (family == "Compute Instance" && OnDemandPrice(doc.RootElement, "Hrs") is { } price && Attr("tenancy") == "Shared" && Attr("capacitystatus") is null or "Used"
                && Attr("preInstalledSw") is null or "NA" && Attr("instanceType") is { } type)
            {
                var into = Attr("operation") switch { "RunInstances" => linux, "RunInstances:0002" => windows, _ => null };
                if (into is null) continue;
                into[type] = price;
                if (int.TryParse(Attr("vcpu"), out var n)) vcpus[type] = n;
            }
            else if (family == "Storage" && OnDemandPrice(doc.RootElement, "GB-Mo") is { } perGb && Attr("usagetype") is { } usage && usage.IndexOf("EBS:", StringComparison.Ordinal) is >= 0 and var at
                     && EbsUsageTypes.TryGetValue(usage[at..], out var volume))
                ebs[volume] = perGb;
        }
        var types = linux.ToDictionary(kv => kv.Key, kv => new InstanceTypePrice(kv.Value, windows.TryGetValue(kv.Key, out var w) ? w : null,
            vcpus.TryGetValue(kv.Key, out var c) ? c : null));
        return new Refreshed(types, ebs, read);
    }

    /// <summary>
    /// The one on-demand price dimension of a product in the expected unit (Hrs, GB-Mo), in USD; null when it has none, several
    /// (tiered products are not read here) or another unit (an upfront fee filed under OnDemand is a Quantity, not Hrs).
    /// </summary>
    private static decimal? OnDemandPrice(JsonElement item, string unit)
    {
        if (!item.TryGetProperty("terms", out var terms) || !terms.TryGetProperty("OnDemand", out var onDemand)) return null;
        var dimensions = onDemand.EnumerateObject().SelectMany(t => t.Value.GetProperty("priceDimensions").EnumerateObject()).ToList();
        if (dimensions.Count != 1 || dimensions[0].Value.GetProperty("unit").GetString() != unit) return null;
        var usd = dimensions[0].Value.GetProperty("pricePerUnit").GetProperty("USD").GetString();
        return decimal.TryParse(usd, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) ? p : null;
    }
}
