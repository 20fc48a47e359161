using System.Security.Cryptography;
using System.Text;

namespace Steward.Core.Instances;

/// <summary>A validated request for a server: what to build, who pays for it, and for how long.</summary>
public sealed record InstanceRequest(
    string? RequestNumber, OperatingSystemOffer OperatingSystem, InstanceSize Size, int VolumeGiB,
    string CostCenter, string Owner, string Application, string Environment, int LeaseDays, string? ApprovalReference)
{
    /// <summary>
    /// What makes two requests "the same": everything that decides the server and its cost allocation, not the request
    /// number itself nor the approval reference. A retry with a different fingerprint under the same number is a conflict.
    /// </summary>
    public string Fingerprint
    {
        get
        {
            var canonical = string.Join('\n', OperatingSystem.Id, Size.InstanceType, VolumeGiB, CostCenter, Owner, Application, Environment, LeaseDays);
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        }
    }
}

/// <summary>Settings a deployer chooses in the template: what a request that leaves a field out gets.</summary>
public sealed record RequestDefaults(string CostCenter, string Owner, string Application, string Environment, int LeaseDays);
