namespace Steward.Changes;

/// <summary>
/// An ECS service on Fargate: its tasks' vCPUs and memory by the hour, for the tasks it keeps running (its desired count),
/// in Infracost's lines ("Per vCPU per hour", "Per GB per hour"). A service on EC2 or external instances costs nothing of
/// its own (the instances are priced as what they are), and is read as free.
/// </summary>
public sealed record FargateService(decimal Vcpus, decimal MemoryGb, int Tasks, bool Arm, bool Windows) : Priceable
{
    /// <summary>A task definition's <c>cpu</c> ("256" CPU units, or "0.25 vCPU") in vCPUs.</summary>
    public static decimal? VcpusOf(string? cpu) => cpu?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        var s when s.EndsWith("vcpu", StringComparison.Ordinal) => decimal.TryParse(s[..^4].Trim(), System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null,
        var s => decimal.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var units) ? units / 1024 : null,
    };

    /// <summary>A task definition's <c>memory</c> ("512" MiB, or "0.5GB") in GB.</summary>
    public static decimal? GbOf(string? memory) => memory?.Trim().ToLowerInvariant().Replace(" ", "") switch
    {
        null or "" => null,
        var s when s.EndsWith("gb", StringComparison.Ordinal) => decimal.TryParse(s[..^2], System.Globalization.CultureInfo.InvariantCulture, out var gb) ? gb : null,
        var s => decimal.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var mib) ? mib / 1024 : null,
    };

    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var notes = new List<string> { $"{Tasks} task(s) of {Vcpus:0.##} vCPU and {MemoryGb:0.##} GB: the service's desired count" };
        if (Arm || Windows) notes.Add($"priced at Fargate's Linux/x86 rates: {(Arm ? "ARM64 (Graviton) is about 20% less" : "Windows adds a licence fee per vCPU")}, not in the catalog");
        return new(name, type)
        {
            Components =
            [
                new("Per GB per hour", "GB", MemoryGb * Tasks, at.Catalog.Price("fargate.gbHour") * at.Hours),
                new("Per vCPU per hour", "CPU", Vcpus * Tasks, at.Catalog.Price("fargate.vcpuHour") * at.Hours),
            ],
            Notes = notes,
        };
    }
}
