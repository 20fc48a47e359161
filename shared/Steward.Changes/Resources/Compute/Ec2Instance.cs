using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// An EC2 instance. The root volume is the AMI's unless the source sizes it: an AMI's size is not in a template or plan, so
/// <see cref="RootVolumeAssumed"/> says when 8 GB gp2 (Amazon Linux's and Infracost's assumption) stood in.
/// </summary>
public sealed record Ec2Instance(
    string InstanceType, string Tenancy, bool Windows, Volume RootVolume, bool RootVolumeAssumed,
    IReadOnlyList<Volume> Volumes, bool DetailedMonitoring, string? CpuCredits, bool PublicIpv4) : Priceable
{
    /// <summary>T2 bursts in standard mode unless told; T3, T3a and T4g in unlimited mode (EC2's defaults).</summary>
    public bool UnlimitedCredits => (CpuCredits ?? (InstanceType.StartsWith("t2.", StringComparison.Ordinal) ? "standard" : "unlimited")) == "unlimited"
                                    && InstanceType.StartsWith('t');

    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var i = this;
        var hours = usage["monthly_hrs"] ?? at.Hours;
        var components = new List<CostComponent>();
        var notes = new List<string>();
        // A template or plan names an AMI, not its OS: the usage file's operating_system (Infracost's key) says Windows.
        i = i with { Windows = i.Windows || usage.Says("operating_system", "windows") };
        var os = i.Windows ? "Windows" : "Linux/UNIX";
        var rate = at.Catalog.InstanceType(i.InstanceType);
        if (i.Tenancy == "host")
            notes.Add("runs on a Dedicated Host: the host is billed (aws_ec2_host / AWS::EC2::Host), not the instance");
        else if (i.Tenancy == "dedicated")
            components.Add(new($"Instance usage ({os}, on-demand, dedicated, {i.InstanceType})", "hours", hours, 0) { PriceNotFound = true });
        else if (usage.Says("reserved_instance_payment_option", "all_upfront"))
        {
            // All upfront: nothing recurs by the hour; the upfront payment is a purchase, not a monthly cost of this change.
            components.Add(new($"Instance usage ({os}, reserved, {i.InstanceType})", "hours", hours, 0));
            notes.Add("a Reserved Instance paid all upfront: no hourly charge; the upfront payment is not counted");
        }
        else if (usage.Any && (usage.Says("reserved_instance_payment_option", "no_upfront") || usage.Says("reserved_instance_payment_option", "partial_upfront")))
        {
            components.Add(new($"Instance usage ({os}, reserved, {i.InstanceType})", "hours", hours, 0) { PriceNotFound = true });
            notes.Add("Reserved Instance rates with no or partial upfront payment are not in the catalog");
        }
        else if (rate is null || (i.Windows && rate.Windows is null))
            components.Add(new($"Instance usage ({os}, on-demand, {i.InstanceType})", "hours", hours, 0) { PriceNotFound = true });
        else
            components.Add(new($"Instance usage ({os}, on-demand, {i.InstanceType})", "hours", hours, i.Windows ? rate.Windows!.Value : rate.Linux));
        if (components.Any(c => c.PriceNotFound) && notes.Count == 0)
            notes.Add($"{i.InstanceType} ({os}, {i.Tenancy} tenancy) is not in the {at.Catalog.Region} catalog: refresh it with `steward-cost prices refresh`");
        if (!i.Windows && !usage.Says("operating_system", "linux"))
            notes.Add("priced as Linux: the source names an image, not its OS (a usage file's operating_system: windows prices Windows)");
        if (i.DetailedMonitoring) components.Add(new("EC2 detailed monitoring", "metrics", 7, at.Catalog.Price("ec2.detailedMonitoring")));
        if (i.UnlimitedCredits && usage["monthly_cpu_credit_hrs"] is > 0 and var creditHours)
        {
            var family = i.InstanceType.StartsWith("t2.", StringComparison.Ordinal) ? "t2" : "t3";
            components.Add(Usage("CPU credits", "vCPU-hours", creditHours * (usage["vcpu_count"] ?? 2), at.Catalog.Price($"ec2.cpuCredits.{family}")));
        }
        if (i.PublicIpv4) components.Add(new("Public IPv4 address", "hours", hours, at.Catalog.Price("ec2.publicIpv4")));
        if (i.RootVolumeAssumed) notes.Add($"root volume: the AMI's size is not in the source; assumed {i.RootVolume.SizeGb} GB {i.RootVolume.Type}");
        var parts = new List<PricedResource> { new("root_block_device", "volume") { Components = i.RootVolume.Components(at, ResourceUsage.None) } };
        parts.AddRange(i.Volumes.Select((v, n) => new PricedResource($"ebs_block_device[{n}]", "volume") { Components = v.Components(at, ResourceUsage.None) }));
        return new PricedResource(name, type) { Components = components, Parts = parts, Notes = notes };
    }
}
