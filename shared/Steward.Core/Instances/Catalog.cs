namespace Steward.Core.Instances;

/// <summary>How the OS is licensed, which decides its hourly price.</summary>
public enum Licensing { Linux, Windows, RedHat }

/// <summary>
/// An operating system the catalog offers: its name in ServiceNow, the words people type for it, the public SSM parameter
/// AWS (or the vendor) keeps pointing at its latest image (never an AMI id written here), and its root volume bounds.
/// </summary>
public sealed record OperatingSystemOffer(
    string Id, string DisplayName, IReadOnlyList<string> Aliases, string ImageParameter, Licensing Licensing,
    int DefaultVolumeGiB, int MinVolumeGiB, int MaxVolumeGiB);

/// <summary>A size people ask for: a friendly word or an instance type the catalog offers.</summary>
public sealed record InstanceSize(string Name, string InstanceType);

/// <summary>What Steward builds. Changing the offer is a change here (and to the price table), reviewed like code.</summary>
public static class Catalog
{
    public static readonly IReadOnlyList<OperatingSystemOffer> OperatingSystems =
    [
        new("al2023", "Amazon Linux 2023", ["amazon linux 2023", "amazon linux", "amazonlinux", "amazon-linux-2023", "al2023", "al 2023", "amzn2023"],
            "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64", Licensing.Linux, 20, 8, 1024),
        new("ubuntu-24.04", "Ubuntu 24.04 LTS", ["ubuntu 24.04", "ubuntu 24.04 lts", "ubuntu", "ubuntu-24.04", "ubuntu24.04", "noble"],
            "/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id", Licensing.Linux, 20, 8, 1024),
        new("rhel-9", "Red Hat Enterprise Linux 9", ["red hat enterprise linux 9", "rhel 9", "rhel9", "rhel-9", "rhel", "red hat", "redhat"],
            "/aws/service/redhat/rhel/9/x86_64/latest", Licensing.RedHat, 30, 10, 1024),
        new("windows-2022", "Windows Server 2022", ["windows server 2022", "windows 2022", "windows-2022", "win2022", "windows"],
            "/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base", Licensing.Windows, 50, 30, 2048),
    ];

    /// <summary>Friendly sizes first; every offered instance type is offered by its own name too.</summary>
    public static readonly IReadOnlyList<InstanceSize> FriendlySizes =
    [
        new("small", "t3.small"), new("medium", "t3.medium"), new("large", "m6i.large"), new("xlarge", "m6i.xlarge"),
    ];

    /// <summary>The instance types ServiceNow may order by name (each priced for every OS in each region's catalog).</summary>
    public static readonly IReadOnlyList<string> InstanceTypes =
    [
        "t3.micro", "t3.small", "t3.medium", "t3.large", "t3.xlarge", "m6i.large", "m6i.xlarge", "m6i.2xlarge",
        "c6i.large", "c6i.xlarge", "r6i.large", "r6i.xlarge",
    ];

    public static OperatingSystemOffer? FindOperatingSystem(string text)
    {
        var key = Normalize(text);
        return OperatingSystems.FirstOrDefault(o => Normalize(o.Id) == key || Normalize(o.DisplayName) == key || o.Aliases.Any(a => Normalize(a) == key));
    }

    public static InstanceSize? FindSize(string text, PriceTable prices)
    {
        var key = Normalize(text);
        return FriendlySizes.FirstOrDefault(s => s.Name == key)
               ?? (prices.Offers(key) ? new InstanceSize(key, key) : null);
    }

    public static IEnumerable<string> SizeNames(PriceTable prices) =>
        FriendlySizes.Select(s => $"{s.Name} ({s.InstanceType})").Concat(prices.InstanceTypes);

    /// <summary>Case and surrounding or repeated whitespace are forgiven: " Amazon  Linux 2023 " is "amazon linux 2023".</summary>
    private static string Normalize(string text) => string.Join(' ', text.Trim().ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
