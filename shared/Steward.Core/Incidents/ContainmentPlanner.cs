using Steward.Core.Events;
using Steward.Core.Organizations;
using Steward.Core.Ports;

namespace Steward.Core.Incidents;

/// <summary>What a finding is about before EC2 is asked anything: which band, which level, which instance (if any).</summary>
/// <param name="InstanceId">The instance to act on; null when Steward acts on none.</param>
/// <param name="NamedInstanceId">The instance the finding names, acted on or not, so people are told which it is.</param>
/// <param name="Account">The account the finding is about, and whether Steward may act there.</param>
public sealed record Triage(
    string FindingId, string FindingType, double Severity, SeverityBand Band, ResponseLevel Level, string? InstanceId,
    IReadOnlyList<string> Reasons, string? IgnoreReason, bool Sample, long Count, string? NamedInstanceId = null, AccountStanding? Account = null);

/// <summary>Turns a finding into a <see cref="ContainmentPlan"/>. Decides only; needs no AWS.</summary>
public static class ContainmentPlanner
{
    /// <summary>An instance tagged with this and <see cref="NotifyOnly"/> (a production database, say) is never isolated or stopped.</summary>
    public const string ExemptionTag = "steward:response";
    public const string NotifyOnly = "notify-only";
    public const string QuarantineTag = "steward:quarantine";
    public const string ReleasedTag = "steward:released";

    /// <summary>The tag that says which steps were carried out for one finding on the instance.</summary>
    public static string FindingTag(string findingId) => "steward:finding:" + findingId;

    /// <summary>The account the finding is about: GuardDuty's <c>accountId</c>, else the event's (they differ on a delegated administrator's bus).</summary>
    public static string? AccountOf(EventBridgeEvent<GuardDutyFinding> e) => e.Detail?.AccountId ?? e.Account;

    /// <summary>For a deployment with no member accounts: any account but home is not a member.</summary>
    public static Triage Triage(EventBridgeEvent<GuardDutyFinding> e, ResponsePolicy policy) =>
        Triage(e, policy, AccountOf(e) is { } a ? new AccountStanding(a, a == policy.AccountId ? AccountKind.Home : AccountKind.NotMember, a) : null);

    /// <param name="account">Where the finding's account stands (null when the finding names none).</param>
    public static Triage Triage(EventBridgeEvent<GuardDutyFinding> e, ResponsePolicy policy, AccountStanding? account)
    {
        var f = e.Detail!;
        var band = ResponsePolicy.BandOf(f.Severity);
        var level = policy.Levels[band];
        var reasons = new List<string> { $"severity {f.Severity:0.#} is {band}: the policy for {band} is {level}" };
        var sample = f.Service?.AdditionalInfo?.Sample ?? false;
        var count = Math.Max(1, f.Service?.Count ?? 1);
        string? ignore = f.Service?.Archived == true ? "the finding is archived" : null;

        string? instanceId = null;
        var region = f.Region ?? e.Region;
        if (!IsAboutAnInstance(f))
        {
            level = ResponseLevel.Notify;
            reasons.Add(WhatToDo(f));
        }
        else if (account is not { Kind: AccountKind.Home or AccountKind.Member })
        {
            level = ResponseLevel.Notify;
            reasons.Add($"the instance is in account {account?.Label ?? "?"}, which is not this responder's {policy.AccountId} nor one of its member accounts: refused, nothing was touched; people are told");
        }
        else if (region != policy.Region)
        {
            // A delegated administrator receives findings per region: each region's responder acts on its own.
            level = ResponseLevel.Notify;
            reasons.Add($"the instance is in region {region ?? "?"}, not this responder's {policy.Region}: the responder deployed there acts on it; people are told");
        }
        else if (f.Resource?.InstanceDetails?.InstanceId is not { Length: > 0 } id)
        {
            level = ResponseLevel.Notify;
            reasons.Add("the finding names no instance id: people are told");
        }
        else
        {
            instanceId = id;
            if (sample && level > ResponseLevel.Notify)
            {
                level = ResponseLevel.Notify;
                reasons.Add("a sample finding (GuardDuty's generated examples) is never acted on: people are told");
            }
        }
        var named = f.Resource?.InstanceDetails?.InstanceId is { Length: > 0 } n ? n : null;
        if (instanceId is not null && f.Resource?.ResourceType != "Instance")
            reasons.Add($"Runtime Monitoring found it on {instanceId}, which runs the {f.Resource?.ResourceType} workload: the instance is contained, and every pod or task on it stops with it");
        if (instanceId is not null && account!.Kind == AccountKind.Member) reasons.Add($"the instance is in member account {account.Label}: acted on through its member role");
        return new Triage(f.Id!, f.Type!, f.Severity, band, level, instanceId, reasons, ignore, sample, count, named, account);
    }

    /// <summary>
    /// An instance finding, or Runtime Monitoring's on the instance a cluster's workload runs on (an EKS node, an ECS
    /// container instance): that instance is contained like any other, and every pod or task on it stops with it.
    /// </summary>
    public static bool IsAboutAnInstance(GuardDutyFinding f) =>
        f.Resource?.ResourceType == "Instance"
        || (f.Resource?.ResourceType is "EKSCluster" or "ECSCluster" or "Container" && f.Service?.FeatureName == "RuntimeMonitoring"
            && f.Resource.InstanceDetails?.InstanceId is { Length: > 0 });

    /// <summary>Why a finding changes nothing in EC2, and what people should do about it themselves.</summary>
    private static string WhatToDo(GuardDutyFinding f) => f.Resource?.ResourceType switch
    {
        // Steward holds no Kubernetes credentials, and a pod is isolated by the cluster's own network policy, not by AWS.
        "EKSCluster" => $"a Kubernetes finding (user {f.Resource.KubernetesDetails?.User?.Username ?? "unknown"}" +
                        (f.Resource.KubernetesDetails?.Workload is { Name: { } w } wl ? $", {wl.Type ?? "workload"} {wl.Namespace}/{w}" : "") +
                        $", cluster {f.Resource.EksClusterDetails?.Name ?? "unknown"}): Steward does not act inside Kubernetes, having no credentials there, and isolating a pod needs " +
                        "the cluster's network policy. Remove the user's RBAC bindings, or cordon and drain the node and delete the pod; people are told",
        "ECSCluster" or "Container" => $"a {f.Resource.ResourceType} finding with no instance named: Steward does not stop ECS tasks or containers " +
                        "(a Fargate task has no instance to isolate). Keep the task's logs, then stop it (aws ecs stop-task); people are told",
        var other => $"a {other ?? "resource"} finding changes nothing in EC2: people are told",
    };

    /// <param name="instance">The instance as EC2 describes it now; null when it does not exist or none is concerned.</param>
    /// <param name="notifiedCount">The finding count people last heard of; 0 when never.</param>
    public static ContainmentPlan Plan(Triage t, InstanceFacts? instance, long notifiedCount, ResponsePolicy policy)
    {
        var reasons = t.Reasons.ToList();
        var level = t.Level;
        if (t.InstanceId is not null && instance is null)
        {
            level = ResponseLevel.Notify;
            reasons.Add($"instance {t.InstanceId} does not exist in account {t.Account?.Label ?? policy.AccountId} region {policy.Region}: nothing to preserve or contain");
        }
        if (instance is not null && level == ResponseLevel.Contain && instance.Tags.GetValueOrDefault(ExemptionTag) == NotifyOnly)
        {
            level = ResponseLevel.Preserve;
            reasons.Add($"{instance.InstanceId} is tagged {ExemptionTag}={NotifyOnly}: evidence kept and people told, never isolated or stopped");
        }

        var required = ResponseTable.Instances.StepsAt(level);
        var done = instance is null ? [] : StepsDone(instance.Tags.GetValueOrDefault(FindingTag(t.FindingId)));
        var steps = required.Where(s => !done.Contains(s)).ToList();
        if (done.Count > 0) reasons.Add($"an earlier delivery of this finding already did: {string.Join(", ", done)}");

        var notify = steps.Count > 0 || notifiedCount == 0 ? NotifyKind.Full
            : t.Count > notifiedCount ? NotifyKind.Update
            : NotifyKind.None;
        if (notify == NotifyKind.Update) reasons.Add($"GuardDuty has seen this activity {t.Count} times now, {notifiedCount} when people were last told");
        if (notify == NotifyKind.None) reasons.Add("people were already told of this finding at this count");

        return new ContainmentPlan
        {
            FindingId = t.FindingId, FindingType = t.FindingType, Severity = t.Severity, Band = t.Band, Level = level,
            InstanceId = instance?.InstanceId, NamedInstanceId = t.NamedInstanceId ?? t.InstanceId, Steps = steps, AlreadyDone = [.. done], Notify = notify, Reasons = reasons,
            DryRun = policy.DryRun, Sample = t.Sample, Count = t.Count, Account = t.Account,
        };
    }

    public static string StepsTagValue(IEnumerable<ResponseStep> steps) => string.Join('+', steps);

    public static IReadOnlyList<ResponseStep> StepsDone(string? tagValue) =>
        (tagValue ?? "").Split('+', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => Enum.TryParse<ResponseStep>(s, out var step) ? step : (ResponseStep?)null).OfType<ResponseStep>().ToList();
}
