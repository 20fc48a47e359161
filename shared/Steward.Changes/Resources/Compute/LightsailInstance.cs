using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// A Lightsail instance: its bundle's hourly rate all month, fixed. As Infracost reads a bundle id, its first word is the
/// bundle's size (nano 0.5 GB to 4xlarge 64 GB of memory) and <c>_win_</c> in it makes it a Windows bundle.
/// </summary>
public sealed record LightsailInstance(string BundleId) : Priceable
{
    private static readonly Dictionary<string, string> Memory = new(StringComparer.Ordinal)
    {
        ["nano"] = "0.5GB", ["micro"] = "1GB", ["small"] = "2GB", ["medium"] = "4GB", ["large"] = "8GB", ["xlarge"] = "16GB", ["2xlarge"] = "32GB", ["4xlarge"] = "64GB",
    };

    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var id = BundleId.ToLowerInvariant();
        var windows = id.Contains("_win_", StringComparison.Ordinal);
        var size = id.Split('_')[0];
        var memory = Memory.GetValueOrDefault(size, size);
        return new(name, type)
        {
            Components = [AtPrice(at, $"Virtual server ({(windows ? "Windows" : "Linux/UNIX")})", "hours", at.Hours, $"lightsail.bundle.{memory}{(windows ? ".windows" : "")}")],
        };
    }
}
