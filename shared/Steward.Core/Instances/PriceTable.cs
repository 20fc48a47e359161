using System.Text.Json.Serialization;
using Steward.Core.Pricing;

namespace Steward.Core.Instances;

/// <summary>
/// What a server costs before it exists: the monthly on-demand price of its type for its OS (licence included) plus its gp3
/// volume. Priced from the one <see cref="PriceCatalog"/> (so <c>steward-cost</c> prices the same instance to the cent), for
/// the types the ServiceNow <see cref="Catalog"/> offers.
/// </summary>
public sealed class PriceTable
{
    private readonly PriceCatalog _catalog;

    private PriceTable(PriceCatalog catalog) => _catalog = catalog;

    public string Region => _catalog.Region;
    public string Currency => _catalog.Currency;
    public string EffectiveDate => _catalog.SourceOf(Gp3Storage).EffectiveDate;
    public IEnumerable<string> InstanceTypes => Catalog.InstanceTypes;

    /// <summary>A type ServiceNow may order: the catalog offers it and the price catalog prices it for every OS.</summary>
    public bool Offers(string instanceType) =>
        Catalog.InstanceTypes.Contains(instanceType) && _catalog.InstanceType(instanceType) is { Windows: not null, Vcpus: not null };

    /// <summary>The hours a monthly quote counts (730: 8,760 a year over twelve).</summary>
    public int HoursPerMonth => _catalog.HoursPerMonth;

    private const string Gp3Storage = "ebs.gp3.storage";

    /// <summary>The table of the region the function runs in (its AWS environment's region): a quote is that region's price.</summary>
    /// <exception cref="UnknownRegionException">Steward ships no catalog for the region.</exception>
    public static PriceTable Load(string region) => new(PriceCatalog.Load(region));

    /// <summary>The region's table, or null when Steward ships none for it (what is not priced is then said to be not priced).</summary>
    public static PriceTable? TryLoad(string region)
    {
        try { return Load(region); }
        catch (UnknownRegionException) { return null; }
    }

    /// <summary>The hourly on-demand rate of a type for an OS's licensing.</summary>
    public decimal HourlyRate(string instanceType, Licensing licensing)
    {
        if (!Offers(instanceType)) throw new ArgumentException($"{instanceType} is not in the price table");
        var p = _catalog.InstanceType(instanceType)!;
        return licensing switch
        {
            Licensing.Linux => p.Linux,
            Licensing.Windows => p.Windows!.Value,
            Licensing.RedHat => p.Linux + p.Vcpus!.Value * _catalog.Price("ec2.rhelPerVcpuHour"),
            _ => throw new ArgumentOutOfRangeException(nameof(licensing)),
        };
    }

    /// <summary>
    /// What storing <paramref name="bytes"/> in an S3 storage class costs a month (the first 50 TB tier; a GB is 2^30 bytes,
    /// as AWS bills it); null for a class the table does not price. The same catalog the instance quotes come from.
    /// </summary>
    public decimal? StorageMonthlyCost(string storageClass, long bytes)
    {
        var key = $"s3.{(string.IsNullOrEmpty(storageClass) ? "STANDARD" : storageClass)}.storage";
        return _catalog.Has(key) ? bytes / 1073741824m * _catalog.Price(key) : null;
    }

    public CostEstimate Quote(string instanceType, Licensing licensing, int volumeGiB)
    {
        var hourly = HourlyRate(instanceType, licensing);
        var compute = Math.Round(hourly * HoursPerMonth, 2, MidpointRounding.AwayFromZero);
        var storage = Math.Round(volumeGiB * _catalog.Price(Gp3Storage), 2, MidpointRounding.AwayFromZero);
        return new CostEstimate(hourly, compute, storage, compute + storage, Currency, Region, EffectiveDate, HoursPerMonth);
    }
}

/// <summary>A monthly cost quote, with the table it came from so finance can trace it.</summary>
public sealed record CostEstimate(
    [property: JsonPropertyName("hourlyRate")] decimal HourlyRate,
    [property: JsonPropertyName("monthlyCompute")] decimal MonthlyCompute,
    [property: JsonPropertyName("monthlyStorage")] decimal MonthlyStorage,
    [property: JsonPropertyName("monthlyTotal")] decimal MonthlyTotal,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("priceRegion")] string PriceRegion,
    [property: JsonPropertyName("priceDate")] string PriceDate,
    [property: JsonPropertyName("hoursPerMonth")] int HoursPerMonth);

