using System.Text.Json.Serialization;
using Steward.Core.Events;
using Steward.Core.Organizations;
using Steward.Core.Ports;

namespace Steward.Core.Incidents.Credentials;

/// <summary>A compromised credential's response, in order: evidence first, then the key, then the principal.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CredentialStep>))]
public enum CredentialStep
{
    /// <summary>The finding and the principal's state (its keys and their status, its inline policies) written to the evidence bucket.</summary>
    RecordEvidence,
    /// <summary>The user's access key named by the finding made Inactive (reversible; never deleted).</summary>
    DeactivateKey,
    /// <summary>A deny-everything inline policy on the user: its other keys and its console password stop working too.</summary>
    DenyUser,
    /// <summary>A role's sessions issued before now denied (<c>aws:TokenIssueTime</c>), as IAM's "Revoke active sessions" does.</summary>
    RevokeRoleSessions,
    /// <summary>The user tagged <c>steward:quarantine</c> with the finding.</summary>
    Tag,
}

[JsonConverter(typeof(JsonStringEnumConverter<PrincipalKind>))]
public enum PrincipalKind { IamUser, AssumedRole, Root, Other }

/// <summary>What to do about one credential finding, decided from the finding, the policy and what IAM says of the principal.</summary>
public sealed record CredentialPlan
{
    public required string FindingId { get; init; }
    public required string FindingType { get; init; }
    public required double Severity { get; init; }
    public required SeverityBand Band { get; init; }
    public required ResponseLevel Level { get; init; }
    public required PrincipalKind Kind { get; init; }
    /// <summary>The user or role name the finding names (GuardDuty's <c>accessKeyDetails.userName</c>).</summary>
    public string? Principal { get; init; }
    public string? AccessKeyId { get; init; }
    public required IReadOnlyList<CredentialStep> Steps { get; init; }
    public required IReadOnlyList<string> Reasons { get; init; }
    public bool DryRun { get; init; }
    public bool Sample { get; init; }
    /// <summary>The account the principal is in, and whether Steward may act there.</summary>
    public AccountStanding? Account { get; init; }
}

/// <summary>Decides a credential finding's response. Needs no AWS: the responder looks the principal up and hands the facts in.</summary>
public static class CredentialPlanner
{
    public const string QuarantineTag = "steward:quarantine";

    /// <summary>One inline policy per finding, so two findings on one principal are released one at a time.</summary>
    public static string PolicyName(string findingId) => "steward-quarantine-" + findingId;

    public static PrincipalKind KindOf(string? userType) => userType switch
    {
        "IAMUser" => PrincipalKind.IamUser,
        "AssumedRole" => PrincipalKind.AssumedRole,
        "Root" => PrincipalKind.Root,
        _ => PrincipalKind.Other,
    };

    /// <summary>
    /// Why a finding is only notified before IAM is asked anything (a sample, a principal Steward may not change, an
    /// account it does not act in), or null when the principal must be looked up. The responder asks IAM only when null.
    /// </summary>
    /// <param name="protectedRolePrefixes">Steward's own roles begin with one of them (the stack's name, the member roles' prefix): never revoked, or nothing could respond.</param>
    /// <param name="account">Where the finding's account stands: home, member, or neither (null when the finding names none).</param>
    public static string? WhyNotActed(EventBridgeEvent<GuardDutyFinding> e, ResponsePolicy policy, IReadOnlyList<string> protectedRolePrefixes, AccountStanding? account)
    {
        var f = e.Detail!;
        var details = f.Resource?.AccessKeyDetails;
        var kind = KindOf(details?.UserType);
        var name = details?.UserName is { Length: > 0 } n ? n : null;
        var region = f.Region ?? e.Region;
        if (f.Service?.AdditionalInfo?.Sample ?? false) return "a sample finding (GuardDuty's generated examples) is never acted on: people are told";
        if (account is not { Kind: AccountKind.Home or AccountKind.Member })
            return $"the credentials are of account {account?.Label ?? "?"}, which is not this responder's {policy.AccountId} nor one of its member accounts: refused, nothing was touched; people are told";
        if (region != policy.Region)
            return $"the finding is of region {region ?? "?"}, not this responder's {policy.Region}: the responder deployed there acts on it; people are told";
        if (kind == PrincipalKind.Root)
            return "these are the account's root credentials: Steward never changes the root user. Sign in as root now, delete its access keys, and change its password and MFA";
        if (kind == PrincipalKind.Other || name is null)
            return $"a {details?.UserType ?? "principal"} Steward cannot contain in IAM (only IAM users and assumed roles): people are told";
        if (kind == PrincipalKind.AssumedRole && (protectedRolePrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)) || name.StartsWith("AWSServiceRole", StringComparison.Ordinal)))
            return $"role {name} is Steward's own or an AWS service's: it is never revoked, or nothing could respond. Look at it by hand, now";
        return null;
    }

    /// <param name="user">The user as IAM describes it now; null when the finding is not a user's or there is no such user.</param>
    /// <param name="roleExists">Whether the role the finding names exists (for an assumed role).</param>
    public static CredentialPlan Plan(EventBridgeEvent<GuardDutyFinding> e, ResponsePolicy policy, IReadOnlyList<string> protectedRolePrefixes, AccountStanding? account,
        UserFacts? user, bool roleExists)
    {
        var f = e.Detail!;
        var band = ResponsePolicy.BandOf(f.Severity);
        var level = policy.Levels[band];
        var details = f.Resource?.AccessKeyDetails;
        var kind = KindOf(details?.UserType);
        var name = details?.UserName is { Length: > 0 } n ? n : null;
        var key = details?.AccessKeyId is { Length: > 0 } k ? k : null;
        var reasons = new List<string> { $"severity {f.Severity:0.#} is {band}: the policy for {band} is {level}" };
        var sample = f.Service?.AdditionalInfo?.Sample ?? false;
        var where = account?.Kind == AccountKind.Member ? $"member account {account.Label}" : "this account";

        var notify = WhyNotActed(e, policy, protectedRolePrefixes, account)
            ?? (kind == PrincipalKind.IamUser && user is null ? $"there is no IAM user {name} in {where}: nothing to contain"
                : kind == PrincipalKind.AssumedRole && !roleExists ? $"there is no IAM role {name} in {where}: nothing to revoke"
                : null);
        if (notify is not null)
        {
            level = ResponseLevel.Notify;
            reasons.Add(notify);
        }
        else if (account!.Kind == AccountKind.Member && level > ResponseLevel.Notify) reasons.Add($"the principal is in {where}: acted on through its member role");

        var steps = (kind == PrincipalKind.AssumedRole ? ResponseTable.AssumedRoles : ResponseTable.IamUsers).StepsAt(level).ToList();
        if (steps.Contains(CredentialStep.DeactivateKey) && !(key is not null && user!.AccessKeys.Any(a => a.AccessKeyId == key && a.Status == "Active")))
        {
            steps.Remove(CredentialStep.DeactivateKey);
            reasons.Add(key is null ? "the finding names no access key" : $"key {key} is not an active key of {name}: none to deactivate");
        }
        if (steps.Contains(CredentialStep.RevokeRoleSessions))
            reasons.Add($"temporary credentials ({key ?? "ASIA…"}) cannot be deactivated: the sessions of role {name} issued before now are denied instead");

        return new CredentialPlan
        {
            FindingId = f.Id!, FindingType = f.Type!, Severity = f.Severity, Band = band, Level = level, Kind = kind, Principal = name, AccessKeyId = key,
            Steps = steps, Reasons = reasons, DryRun = policy.DryRun, Sample = sample, Account = account,
        };
    }

    /// <summary>Denies everything: the user's other keys and its console sign-in stop working too. Deleted on release.</summary>
    public static string DenyAll() =>
        """{"Version":"2012-10-17","Statement":[{"Sid":"StewardQuarantine","Effect":"Deny","Action":"*","Resource":"*"}]}""";

    /// <summary>Denies the role's sessions issued before <paramref name="now"/>: new sessions work once the cause is fixed. Deleted on release.</summary>
    public static string DenyOlderSessions(DateTimeOffset now) => new System.Text.Json.Nodes.JsonObject
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
        {
            ["Sid"] = "StewardRevokeOlderSessions", ["Effect"] = "Deny", ["Action"] = "*", ["Resource"] = "*",
            ["Condition"] = new System.Text.Json.Nodes.JsonObject
            {
                ["DateLessThan"] = new System.Text.Json.Nodes.JsonObject
                {
                    ["aws:TokenIssueTime"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                },
            },
        }),
    }.ToJsonString();
}
