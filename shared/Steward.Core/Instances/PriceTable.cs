using System.Text.Json;
using System.Text.Json.Serialization;

namespace Steward.Core.Instances;

/// <summary>
/// What a server costs before it exists: the monthly on-demand price of its type for its OS (licence included) plus its gp3
/// volume. Read from the price table shipped in this assembly, which names its region, currency, date and source.
/// </summary>
public sealed class PriceTable
{
    private readonly PriceTableFile _file;

    private PriceTable(PriceTableFile file) => _file = file;

    public string Region => _file.Region;
    public string Currency => _file.Currency;
    public string EffectiveDate => _file.EffectiveDate;
    public IEnumerable<string> InstanceTypes => _file.InstanceTypes.Keys;
    public bool Offers(string instanceType) => _file.InstanceTypes.ContainsKey(instanceType);

    /// <summary>The hours a monthly quote counts (730: 8,760 a year over twelve).</summary>
    public int HoursPerMonth => _file.HoursPerMonth;

    public static PriceTable Load(string region = "us-east-1")
    {
        var name = $"Steward.Core.Instances.prices.{region}.json";
        using var stream = typeof(PriceTable).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"no price table for region {region} (looked for resource {name})");
        return new PriceTable(JsonSerializer.Deserialize(stream, PriceTableJsonContext.Default.PriceTableFile)!);
    }

    /// <summary>The hourly on-demand rate of a type for an OS's licensing.</summary>
    public decimal HourlyRate(string instanceType, Licensing licensing)
    {
        var p = _file.InstanceTypes.TryGetValue(instanceType, out var price) ? price : throw new ArgumentException($"{instanceType} is not in the price table");
        return licensing switch
        {
            Licensing.Linux => p.Linux,
            Licensing.Windows => p.Windows,
            Licensing.RedHat => p.Linux + p.Vcpus * _file.RhelPerVcpuHour,
            _ => throw new ArgumentOutOfRangeException(nameof(licensing)),
        };
    }

    /// <summary>
    /// What storing <paramref name="bytes"/> in an S3 storage class costs a month (the first 50 TB tier; a GB is 2^30 bytes,
    /// as AWS bills it); null for a class the table does not price. The same table the instance quotes come from.
    /// </summary>
    public decimal? StorageMonthlyCost(string storageClass, long bytes) =>
        _file.S3PerGbMonth?.TryGetValue(string.IsNullOrEmpty(storageClass) ? "STANDARD" : storageClass, out var perGb) == true
            ? bytes / 1073741824m * perGb
            : null;

    public CostEstimate Quote(string instanceType, Licensing licensing, int volumeGiB)
    {
        var hourly = HourlyRate(instanceType, licensing);
        var compute = Math.Round(hourly * _file.HoursPerMonth, 2, MidpointRounding.AwayFromZero);
        var storage = Math.Round(volumeGiB * _file.Gp3PerGbMonth, 2, MidpointRounding.AwayFromZero);
        return new CostEstimate(hourly, compute, storage, compute + storage, Currency, Region, EffectiveDate, _file.HoursPerMonth);
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

internal sealed record PriceTableFile(
    [property: JsonPropertyName("region")] string Region,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("effectiveDate")] string EffectiveDate,
    [property: JsonPropertyName("hoursPerMonth")] int HoursPerMonth,
    [property: JsonPropertyName("gp3PerGbMonth")] decimal Gp3PerGbMonth,
    [property: JsonPropertyName("rhelPerVcpuHour")] decimal RhelPerVcpuHour,
    [property: JsonPropertyName("instanceTypes")] Dictionary<string, InstanceTypePrice> InstanceTypes,
    [property: JsonPropertyName("s3PerGbMonth")] Dictionary<string, decimal>? S3PerGbMonth = null);

internal sealed record InstanceTypePrice(
    [property: JsonPropertyName("vcpus")] int Vcpus,
    [property: JsonPropertyName("memoryGiB")] int MemoryGiB,
    [property: JsonPropertyName("linux")] decimal Linux,
    [property: JsonPropertyName("windows")] decimal Windows);

[JsonSerializable(typeof(PriceTableFile))]
internal sealed partial class PriceTableJsonContext : JsonSerializerContext;
