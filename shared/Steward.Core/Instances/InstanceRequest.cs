using System.Security.Cryptography;
using System.Text;

namespace Steward.Core.Instances;

/// <summary>A validated request for a server: what to build, who pays for it, and for how long.</summary>
/// <param name="Account">The account to build in: the request's <c>account</c>, else its cost centre's, else null (Steward's
/// own). Whether Steward may build there is the lifecycle's to check.</param>
/// <param name="RequestItemSysId">The RITM's <c>sys_id</c>, when ServiceNow sends it: Steward writes the build's progress to that item.</param>
/// <param name="CloseItem">The catalog item asks Steward to close the item when the server runs (or could not be built).</param>
public sealed record InstanceRequest(
    string? RequestNumber, OperatingSystemOffer OperatingSystem, InstanceSize Size, int VolumeGiB,
    string CostCenter, string Owner, string Application, string Environment, int LeaseDays, string? ApprovalReference, string? Account = null,
    string? RequestItemSysId = null, bool CloseItem = false)
{
    /// <summary>
    /// What makes two requests "the same": everything that decides the server and its cost allocation, not the request
    /// number itself nor the approval reference. A retry with a different fingerprint under the same number is a conflict.
    /// </summary>
    public string Fingerprint
    {
        get
        {
            // The account joins only when one is named, so a home-account request keeps the fingerprint it always had.
            var canonical = string.Join('\n', OperatingSystem.Id, Size.InstanceType, VolumeGiB, CostCenter, Owner, Application, Environment, LeaseDays)
                + (Account is null ? "" : "\naccount " + Account);
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        }
    }
}

/// <summary>Settings a deployer chooses in the template: what a request that leaves a field out gets.</summary>
/// <param name="CostCenterAccounts">The account a cost centre's servers are built in when the request names none (CostCenterAccounts).</param>
public sealed record RequestDefaults(string CostCenter, string Owner, string Application, string Environment, int LeaseDays,
    IReadOnlyDictionary<string, string>? CostCenterAccounts = null);
