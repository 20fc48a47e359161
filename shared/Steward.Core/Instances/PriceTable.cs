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
    /// The price of a GB-month in an S3 storage class when <paramref name="classTotalBytes"/> are stored in it: S3 bills
    /// each class's monthly volume in bands (for STANDARD, 0.023 up to 50 TB, 0.022 to 500 TB, 0.021 beyond), so the
    /// rate is the bands' charges over the whole volume, and each part of that volume costs its bytes at this one rate (the
    /// parts then add up to what AWS bills for the whole). A GB is 2^30 bytes, as AWS bills it; null for a class the table
    /// does not price. The same catalog the instance quotes come from.
    /// </summary>
    public decimal? StorageRate(string storageClass, long classTotalBytes)
    {
        var key = $"s3.{(string.IsNullOrEmpty(storageClass) ? "STANDARD" : storageClass)}.storage";
        if (!_catalog.Has(key)) return null;
        var gb = classTotalBytes / 1073741824m;
        return gb <= 0 ? _catalog.Price(key) : _catalog.Tiered(key, gb).Sum(t => t.Cost) / gb;
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

