using System.Globalization;
using System.Text;
using Steward.Core.Incidents.Buckets;
using Steward.Core.Incidents.Credentials;

namespace Steward.Core.Incidents;

/// <summary>What one family of findings gets at each response level (each level includes the one before), and where.</summary>
/// <param name="Findings">How the family is recognised in a finding's <c>resource</c>.</param>
public sealed record FamilyResponse<TStep>(string Family, string Findings, IReadOnlyList<TStep> Preserve, IReadOnlyList<TStep> Contain, Func<TStep, string> Describe)
    where TStep : struct, Enum
{
    /// <summary>The most a level does; a planner leaves out what the facts make pointless (a key already inactive, a user that is not there).</summary>
    public IReadOnlyList<TStep> StepsAt(ResponseLevel level) => level switch
    {
        ResponseLevel.Contain => Contain,
        ResponseLevel.Preserve => Preserve,
        _ => [],
    };
}

/// <summary>A family Steward never changes anything for, and why: people are told, with what to do.</summary>
public sealed record NotifiedOnly(string Family, string Findings, string Why);

/// <summary>
/// The response policy, in one place: which family of finding gets which steps at each level. The severity bands choose
/// the level (<see cref="ResponsePolicy"/>, set per band in the template); the planners take their steps from here; the
/// README prints <see cref="Markdown"/> (a test holds them equal). What every family shares: a sample finding, an archived
/// one, and one of an account that is neither this one nor a member, or of another region, change nothing; DRY_RUN plans
/// every step and takes none; every step is undone by a release, except evidence, snapshots and a stop, which stay.
/// </summary>
public static class ResponseTable
{
    public const string Accounts = "this account and the member accounts (through the responder's member role); this region's findings";

    public static readonly FamilyResponse<ResponseStep> Instances = new(
        "EC2 instances", "`Instance`; Runtime Monitoring's `EKSCluster`, `ECSCluster` or `Container` finding that names the instance it runs on (an EKS node, an ECS container instance)",
        [ResponseStep.RecordEvidence, ResponseStep.SnapshotVolumes, ResponseStep.Protect, ResponseStep.Quarantine],
        [ResponseStep.RecordEvidence, ResponseStep.SnapshotVolumes, ResponseStep.Protect, ResponseStep.Quarantine, ResponseStep.Isolate, ResponseStep.Stop],
        step => step switch
        {
            ResponseStep.RecordEvidence => "the finding and the instance's description kept, with their SHA-256",
            ResponseStep.SnapshotVolumes => "every volume snapshotted",
            ResponseStep.Protect => "termination protection on, volumes kept, shutdown stops",
            ResponseStep.Quarantine => "tagged `steward:quarantine`",
            ResponseStep.Isolate => "every interface moved to the isolation group (its groups kept for the release)",
            _ => "stopped (pods and tasks on it stop with it)",
        });

    public static readonly FamilyResponse<CredentialStep> IamUsers = new(
        "IAM users' access keys", "`AccessKey`, `userType` `IAMUser`",
        [CredentialStep.RecordEvidence, CredentialStep.Tag],
        [CredentialStep.RecordEvidence, CredentialStep.DeactivateKey, CredentialStep.DenyUser, CredentialStep.Tag],
        DescribeCredentialStep);

    public static readonly FamilyResponse<CredentialStep> AssumedRoles = new(
        "Assumed roles' temporary keys (`ASIA…`, which cannot be deactivated)", "`AccessKey`, `userType` `AssumedRole`",
        [CredentialStep.RecordEvidence],
        [CredentialStep.RecordEvidence, CredentialStep.RevokeRoleSessions],
        DescribeCredentialStep);

    public static readonly FamilyResponse<BucketStep> Buckets = new(
        "S3 buckets", "`S3Bucket` (`Policy:S3/BucketAnonymousAccessGranted`, `Policy:S3/BucketBlockPublicAccessDisabled`, `Exfiltration:S3/…`)",
        [BucketStep.RecordEvidence, BucketStep.Tag],
        [BucketStep.RecordEvidence, BucketStep.BlockPublicAccess, BucketStep.Tag],
        step => step switch
        {
            BucketStep.RecordEvidence => "the finding and the bucket's policy, ACL, public access block and tags kept",
            BucketStep.BlockPublicAccess => "Block Public Access on, all four settings (policy and ACL left as they were: with the block on, neither makes it public)",
            _ => "tagged `steward:quarantine`",
        });

    public static readonly IReadOnlyList<NotifiedOnly> Notified =
    [
        new("The root user", "`AccessKey`, `userType` `Root`", "Steward never changes root: the alert says to sign in as root, delete its keys, change its password and MFA"),
        new("Steward's own roles and AWS's service roles", "`AccessKey` of a role named `<stack>-…`, the member roles' prefix, or `AWSServiceRole…`",
            "revoking them would stop the response itself; IAM denies it to the responder too (`NeverRevokeStewardRoles`)"),
        new("Kubernetes users and pods", "`EKSCluster` from EKS audit logs, with no instance",
            "Steward holds no Kubernetes credentials, and a pod is isolated by the cluster's network policy: remove the user's RBAC bindings, cordon and drain the node"),
        new("ECS tasks and containers", "`ECSCluster`, `Container` with no instance", "a Fargate task has no instance to isolate: keep the task's logs, then `aws ecs stop-task`"),
        new("Everything else", "RDS, Lambda, EKS clusters' control plane, federated users, …", "no response is defined: people are told"),
    ];

    private static string DescribeCredentialStep(CredentialStep step) => step switch
    {
        CredentialStep.RecordEvidence => "the finding kept, with a user's keys and inline policies",
        CredentialStep.DeactivateKey => "the key the finding names deactivated (never deleted)",
        CredentialStep.DenyUser => "inline policy `steward-quarantine-<finding>` denies the user everything (its other keys and console sign-in too)",
        CredentialStep.RevokeRoleSessions => "inline policy `steward-quarantine-<finding>` denies the role's sessions issued before now (`aws:TokenIssueTime`); new sessions work",
        _ => "the user tagged `steward:quarantine`",
    };

    /// <summary>The table as the README prints it, with the default band for each level.</summary>
    public static string Markdown()
    {
        static string Band(ResponseLevel level) => string.Join(", ", ResponsePolicy.DefaultLevels.Where(kv => kv.Value == level).Select(kv => kv.Key));
        var md = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"| finding family | recognised by | preserve (by default {Band(ResponseLevel.Preserve)}) | contain (by default {Band(ResponseLevel.Contain)}): also |")
            .AppendLine("| --- | --- | --- | --- |");
        Row(md, Instances);
        Row(md, IamUsers);
        Row(md, AssumedRoles);
        Row(md, Buckets);
        foreach (var n in Notified) md.AppendLine(CultureInfo.InvariantCulture, $"| {n.Family} | {n.Findings} | notify only: {n.Why} | the same |");
        return md.AppendLine().Append(CultureInfo.InvariantCulture,
            $"Notify ({Band(ResponseLevel.Notify)} by default) tells people and changes nothing, for every family. Where: {Accounts}.").AppendLine().ToString();
    }

    private static void Row<TStep>(StringBuilder md, FamilyResponse<TStep> family) where TStep : struct, Enum
    {
        var more = family.Contain.Where(s => !family.Preserve.Contains(s)).Select(family.Describe);
        md.AppendLine(CultureInfo.InvariantCulture, $"| {family.Family} | {family.Findings} | {string.Join("; ", family.Preserve.Select(family.Describe))} | {string.Join("; ", more)} |");
    }
}
