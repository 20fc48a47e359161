using System.Text.Json;
using System.Text.Json.Serialization;

namespace Steward.Core.Pricing;

/// <summary>
/// The one price catalog every part of Steward prices from: the ServiceNow quote, the storage ledger and
/// <c>steward-cost</c>. One file a region (<c>catalog.&lt;region&gt;.json</c>, shipped in this assembly so a figure is
/// reproducible from a commit), each price naming its unit and its source, and each source its effective date, so a
/// number on a pull request, a ticket and the daily report is the same number and finance can trace it.
/// </summary>
public sealed class PriceCatalog
{
    private readonly CatalogFile _file;

    private PriceCatalog(CatalogFile file) => _file = file;

    public string Region => _file.Region;
    public string Currency => _file.Currency;

    /// <summary>The hours a monthly figure counts (730: 8,760 a year over twelve), as AWS's calculator and Infracost do.</summary>
    public int HoursPerMonth => _file.HoursPerMonth;

    public IReadOnlyDictionary<string, CatalogSource> Sources => _file.Sources;

    /// <summary>The regions a catalog ships for.</summary>
    public static IReadOnlyList<string> Regions { get; } =
        typeof(PriceCatalog).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..^5]).Order(StringComparer.Ordinal).ToArray();

    private const string ResourcePrefix = "Steward.Core.Pricing.catalog.";
    private static readonly Dictionary<string, PriceCatalog> Loaded = new(StringComparer.Ordinal);

    /// <summary>The shipped catalog of a region (loaded once a process).</summary>
    public static PriceCatalog Load(string region = "us-east-1")
    {
        lock (Loaded)
        {
            if (Loaded.TryGetValue(region, out var known)) return known;
            using var stream = typeof(PriceCatalog).Assembly.GetManifestResourceStream(ResourcePrefix + region + ".json")
                ?? throw new UnknownRegionException(region, Regions);
            return Loaded[region] = Read(stream);
        }
    }

    /// <summary>A catalog from a file (what <c>prices refresh</c> writes), checked as the shipped ones are.</summary>
    public static PriceCatalog Read(Stream json)
    {
        var file = JsonSerializer.Deserialize(json, CatalogJsonContext.Default.CatalogFile)
                   ?? throw new InvalidDataException("the price catalog is empty");
        foreach (var (key, price) in file.Prices)
        {
            if (!file.Sources.ContainsKey(price.Source)) throw new InvalidDataException($"price {key} names source {price.Source}, which the catalog does not list");
            if (price.Usd is null && price.Tiers is not { Count: > 0 }) throw new InvalidDataException($"price {key} has neither usd nor tiers");
        }
        return new PriceCatalog(file);
    }

    public void Write(Stream json) => JsonSerializer.Serialize(json, _file, CatalogJsonContext.Default.CatalogFile);

    public bool Has(string key) => _file.Prices.ContainsKey(key);

    /// <summary>A flat price (the first tier's, for a tiered one).</summary>
    public decimal Price(string key) => Entry(key) switch
    {
        { Usd: { } usd } => usd,
        { Tiers: [var first, ..] } => first.Usd,
        _ => throw new InvalidDataException($"price {key} has no figure"),
    };

    public CatalogPrice Entry(string key) =>
        _file.Prices.TryGetValue(key, out var p) ? p : throw new MissingPriceException(key, Region);

    /// <summary>Where a price comes from and since when: what finance asks when a figure surprises them.</summary>
    public CatalogSource SourceOf(string key) => _file.Sources[Entry(key).Source];

    /// <summary>A quantity split across a tiered price's bands (Lambda's GB-seconds, API Gateway's requests, S3's storage).</summary>
    public IReadOnlyList<TierCharge> Tiered(string key, decimal quantity)
    {
        var entry = Entry(key);
        if (entry.Tiers is not { Count: > 0 } tiers) return [new TierCharge(0, null, quantity, entry.Usd!.Value)];
        var charges = new List<TierCharge>();
        decimal from = 0;
        foreach (var tier in tiers)
        {
            var inBand = tier.UpTo is { } upTo ? Math.Min(quantity, upTo) - from : quantity - from;
            if (inBand > 0 || charges.Count == 0) charges.Add(new TierCharge(from, tier.UpTo, Math.Max(inBand, 0), tier.Usd));
            if (tier.UpTo is not { } end || quantity <= end) break;
            from = end;
        }
        return charges;
    }

    public InstanceTypePrice? InstanceType(string instanceType) => _file.InstanceTypes.GetValueOrDefault(instanceType);

    public RdsInstancePrice? RdsInstance(string instanceClass) => _file.RdsInstances.GetValueOrDefault(instanceClass);

    /// <summary>
    /// A copy for <paramref name="region"/> with the rates a Price List refresh read: instance types' rates (others kept),
    /// EBS storage prices, and the sources they now come from.
    /// </summary>
    public PriceCatalog Refreshed(string region, PriceListProducts.Refreshed from, CatalogSource source)
    {
        var types = new SortedDictionary<string, InstanceTypePrice>(_file.InstanceTypes, StringComparer.Ordinal);
        foreach (var (k, v) in from.InstanceTypes)
            types[k] = types.TryGetValue(k, out var old) ? old with { Linux = v.Linux, Windows = v.Windows ?? old.Windows, Vcpus = v.Vcpus ?? old.Vcpus } : v;
        var prices = new Dictionary<string, CatalogPrice>(_file.Prices);
        foreach (var (volume, usd) in from.EbsStorage)
            prices[$"ebs.{volume}.storage"] = new CatalogPrice("GB-month", "pricelist-ebs", usd);
        var sources = new Dictionary<string, CatalogSource>(_file.Sources) { ["ec2"] = source, ["pricelist-ebs"] = source };
        return new PriceCatalog(_file with { Region = region, InstanceTypes = new Dictionary<string, InstanceTypePrice>(types), Prices = prices, Sources = sources });
    }
}

public sealed record TierCharge(decimal From, decimal? UpTo, decimal Quantity, decimal Price)
{
    public decimal Cost => Quantity * Price;
}

public sealed record CatalogSource(
    [property: JsonPropertyName("effectiveDate")] string EffectiveDate,
    [property: JsonPropertyName("source")] string Source);

public sealed record CatalogTier(
    [property: JsonPropertyName("upTo")] decimal? UpTo,
    [property: JsonPropertyName("usd")] decimal Usd);

public sealed record CatalogPrice(
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("usd"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? Usd = null,
    [property: JsonPropertyName("tiers"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<CatalogTier>? Tiers = null,
    [property: JsonPropertyName("freeQuantity"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? FreeQuantity = null);

/// <summary>An EC2 type's on-demand hourly rates; vCPUs and memory where the ServiceNow catalog needs them.</summary>
public sealed record InstanceTypePrice(
    [property: JsonPropertyName("linux")] decimal Linux,
    [property: JsonPropertyName("windows"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? Windows = null,
    [property: JsonPropertyName("vcpus"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Vcpus = null,
    [property: JsonPropertyName("memoryGiB"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? MemoryGiB = null);

/// <summary>
/// An RDS class's on-demand hourly rate per engine and its vCPUs. Multi-AZ is twice the Single-AZ rate unless the catalog
/// states it (<c>mysql-multiaz</c>): for some small classes AWS rounds it up.
/// </summary>
public sealed class RdsInstancePrice : Dictionary<string, decimal>
{
    public int Vcpus => TryGetValue("vcpus", out var v) ? (int)v : 0;

    public decimal? Hourly(string engine, bool multiAz) =>
        engine == "vcpus" ? null
        : multiAz && TryGetValue(engine + "-multiaz", out var stated) ? stated
        : TryGetValue(engine, out var single) ? single * (multiAz ? 2 : 1) : null;
}

internal sealed record CatalogFile(
    [property: JsonPropertyName("region")] string Region,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("hoursPerMonth")] int HoursPerMonth,
    [property: JsonPropertyName("sources")] Dictionary<string, CatalogSource> Sources,
    [property: JsonPropertyName("prices")] Dictionary<string, CatalogPrice> Prices,
    [property: JsonPropertyName("rdsInstances")] Dictionary<string, RdsInstancePrice> RdsInstances,
    [property: JsonPropertyName("instanceTypes")] Dictionary<string, InstanceTypePrice> InstanceTypes);

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(CatalogFile))]
internal sealed partial class CatalogJsonContext : JsonSerializerContext;

public sealed class UnknownRegionException(string region, IReadOnlyList<string> known)
    : Exception($"no price catalog for region {region}: Steward ships {string.Join(", ", known)} (build another with `steward-cost prices refresh --region {region}`)");

public sealed class MissingPriceException(string key, string region) : Exception($"the {region} price catalog has no price {key}")
{
    public string Key => key;
}
