using System.Text.RegularExpressions;

namespace Steward.Core.Costs;

/// <summary>
/// Cost Explorer's usage types in words: "BoxUsage:p4d.24xlarge" is "p4d.24xlarge GPU server hours". A usage type is an
/// optional region prefix ("EUW2-", "USE1-"), a family and often a ":" detail; the families people meet most are named,
/// the rest kept as AWS writes them.
/// </summary>
public static partial class UsageTypeNames
{
    public static string InWords(string usageType)
    {
        var bare = RegionPrefix().Replace(usageType, "");
        var (family, detail) = bare.IndexOf(':') is var i and > 0 ? (bare[..i], bare[(i + 1)..]) : (bare, "");
        return (family, detail) switch
        {
            ("BoxUsage" or "SpotUsage" or "DedicatedUsage" or "HostBoxUsage", { Length: > 0 }) =>
                $"{detail} {ServerKind(detail)} hours{(family == "SpotUsage" ? " (Spot)" : family == "DedicatedUsage" ? " (dedicated)" : "")}",
            ("BoxUsage", _) => "t2.small server hours",
            ("EBS", "VolumeUsage") => "standard magnetic disk storage",
            ("EBS", var v) when v.StartsWith("VolumeUsage.", StringComparison.Ordinal) => $"{v["VolumeUsage.".Length..]} disk storage",
            ("EBS", "SnapshotUsage") => "disk snapshot storage",
            ("EBS", var v) when v.StartsWith("VolumeP-IOPS", StringComparison.Ordinal) => "provisioned disk IOPS",
            ("InstanceUsage" or "Multi-AZUsage", { Length: > 0 }) => $"{detail} database hours{(family == "Multi-AZUsage" ? " (Multi-AZ)" : "")}",
            ("NodeUsage", { Length: > 0 }) => $"{detail} cache node hours",
            ("ESInstance", { Length: > 0 }) => $"{detail} search node hours",
            ("Node", { Length: > 0 }) => $"{detail} warehouse node hours",
            ("TimedStorage-ByteHrs", _) => "storage",
            ("DataTransfer-Out-Bytes", _) => "data transfer out to the internet",
            ("DataTransfer-Regional-Bytes", _) => "data transfer between zones",
            ("NatGateway-Hours", _) => "NAT gateway hours",
            ("NatGateway-Bytes", _) => "NAT gateway data processed",
            ("LoadBalancerUsage", _) => "load balancer hours",
            ("LCUUsage", _) => "load balancer capacity units",
            ("Lambda-GB-Second" or "Lambda-GB-Second-ARM", _) => "function compute time (GB-seconds)",
            ("Request" or "Request-ARM", _) => "function requests",
            ("Requests-Tier1", _) => "PUT, COPY, POST and LIST requests",
            ("Requests-Tier2", _) => "GET and other requests",
            ("ReadRequestUnits", _) => "table reads",
            ("WriteRequestUnits", _) => "table writes",
            ("AmazonEKS-Hours", _) => "Kubernetes cluster hours",
            ("DataScannedInTB", _) => "data scanned by queries",
            ("ETL-DPU-Hour", _) => "data pipeline processing hours",
            ("ShardHour", _) => "stream shard hours",
            _ => usageType,
        };
    }

    /// <summary>GPU and accelerator families are what make a server expensive, so they are named.</summary>
    private static string ServerKind(string instanceType)
    {
        var family = instanceType.Split('.')[0];
        return family switch
        {
            _ when family.StartsWith("p", StringComparison.Ordinal) || family.StartsWith("g", StringComparison.Ordinal) && !family.StartsWith("gr", StringComparison.Ordinal) => "GPU server",
            _ when family.StartsWith("inf", StringComparison.Ordinal) || family.StartsWith("trn", StringComparison.Ordinal) => "machine-learning accelerator server",
            "mac1" or "mac2" => "Mac server",
            _ => "server",
        };
    }

    [GeneratedRegex("^[A-Z]{2,4}[0-9]-(?=[A-Za-z])")]
    private static partial Regex RegionPrefix();
}
