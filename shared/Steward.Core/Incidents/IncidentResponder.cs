using System.Globalization;
using System.Text.Json;
using Steward.Core.Events;
using Steward.Core.Observability;
using Steward.Core.Organizations;
using Steward.Core.Ports;

namespace Steward.Core.Incidents;

/// <summary>
/// Carries out a <see cref="ContainmentPlan"/> in the order of AWS's incident-response playbook for a compromised EC2
/// instance: preserve, contain, stop, notify. Evidence never holds containment up (a failed snapshot is reported, and the
/// instance is still isolated and stopped); a failed isolation or stop fails the invocation, so Lambda retries and the
/// dead-letter queue keeps the event. After each phase the instance's finding tag records what is done, so a retry or a
/// re-sent finding does only what is left.
/// <para>
/// Nearly every response is a cold start, and every AWS call is a round trip someone waits for: calls that do not depend on
/// one another run at once (the preserve steps, the snapshots of several volumes, the isolation group prepared meanwhile,
/// the record written beside the progress tag), while the phases keep the playbook's order.
/// </para>
/// <para>
/// In an organization the instance may be in a member account: EC2 is then reached through that account's member role
/// (<paramref name="accounts"/>), while the evidence stays in this account's bucket and the alert names the account. An
/// account that is not a member is never acted on; a member whose role cannot be assumed fails the invocation loudly.
/// </para>
/// </summary>
public sealed class IncidentResponder(
    IAccountAccess<IInstanceContainment> accounts, MemberAccounts members, IEvidenceStore evidence, IAlertPublisher alerts, IFailedEventStore failedEvents,
    ResponsePolicy policy, TimeProvider clock, StructuredLog log)
{
    /// <summary>A responder for its own account only.</summary>
    public IncidentResponder(IInstanceContainment ec2, IEvidenceStore evidence, IAlertPublisher alerts, IFailedEventStore failedEvents, ResponsePolicy policy, TimeProvider clock, StructuredLog log)
        : this(new HomeAccountOnly<IInstanceContainment>(policy.AccountId, ec2), MemberAccounts.None(policy.AccountId), evidence, alerts, failedEvents, policy, clock, log) { }

    private readonly AccountReach<IInstanceContainment> _reach = new(accounts, alerts, policy, log);

    /// <summary>
    /// A GuardDuty event that cannot be read is never dropped: it is kept where failed events are (first, so a failure to
    /// keep it fails the invocation and Lambda's own retries and dead-letter queue take over), then people are told what
    /// little can be read of it and why nothing was done. This happens in a dry run too: it changes nothing in EC2.
    /// </summary>
    public async Task<string> ReportUnreadableAsync(UnreadableFinding finding, byte[] rawEvent, CancellationToken ct)
    {
        var keptAt = await failedEvents.KeepAsync(rawEvent, "GuardDutyResponder", finding.Reason, ct);
        log.Error("finding unreadable: kept and people told, nothing done", ("eventId", finding.EventId), ("findingId", finding.FindingId),
            ("findingType", finding.FindingType), ("instanceId", finding.InstanceId), ("reason", finding.Reason), ("keptAt", keptAt));
        await alerts.PublishAsync(AlertComposer.ComposeUnreadable(finding, keptAt, finding.Region ?? policy.Region), ct);
        return keptAt;
    }

    public async Task<ResponseReport> RespondAsync(EventBridgeEvent<GuardDutyFinding> e, byte[] rawEvent, CancellationToken ct)
    {
        var triage = ContainmentPlanner.Triage(e, policy, ContainmentPlanner.AccountOf(e) is { } accountId ? await members.StandingAsync(accountId, ct) : null);
        if (triage.IgnoreReason is { } ignored)
        {
            log.Info("finding ignored", ("findingId", triage.FindingId), ("reason", ignored));
            return ResponseReport.Ignored(ignored);
        }

        var ec2 = triage.InstanceId is null ? null : await _reach.ReachAsync(triage.Account!, triage.FindingId, $"instance {triage.InstanceId}", "steward-finding", ct);
        var described = ec2 is null ? Task.FromResult<InstanceFacts?>(null) : ec2.DescribeAsync(triage.InstanceId!, ct);
        var notifiedBefore = Notices.CountToldAsync(evidence, triage.FindingId, ct);
        await Task.WhenAll(described, notifiedBefore);
        var (instance, notified) = (await described, await notifiedBefore);
        var plan = ContainmentPlanner.Plan(triage, instance, notified, policy);
        log.Info("containment plan", ("findingId", plan.FindingId), ("findingType", plan.FindingType), ("severity", plan.Severity),
            ("instanceId", plan.InstanceId), ("namedInstanceId", plan.NamedInstanceId), ("responseLevel", plan.Level.ToString()), ("steps", plan.Steps.Select(s => s.ToString())),
            ("alreadyDone", plan.AlreadyDone.Select(s => s.ToString())), ("notify", plan.Notify.ToString()), ("dryRun", plan.DryRun), ("reasons", plan.Reasons));
        if (plan.DryRun) return new ResponseReport(plan, [], [], null);

        var outcomes = new List<StepOutcome>();
        var snapshots = new List<string>();
        var prefix = $"findings/{plan.FindingId}/";
        // A retry or a re-sent finding builds on the record an earlier delivery wrote: its backup of the security groups
        // must survive, or a release could not restore them.
        var earlier = plan.AlreadyDone.Count > 0 && await evidence.GetAsync(prefix + "record.json", ct) is { } bytes
            ? JsonSerializer.Deserialize(bytes, IncidentJsonContext.Default.EvidenceRecord) : null;
        var record = new EvidenceRecord
        {
            FindingId = plan.FindingId, FindingType = plan.FindingType, Severity = plan.Severity, InstanceId = plan.InstanceId,
            AccountId = plan.Account?.AccountId, Region = policy.Region,
            Level = plan.Level.ToString(), RecordedAt = clock.GetUtcNow(), Reasons = [.. plan.Reasons],
            Objects = earlier?.Objects ?? [], SnapshotIds = earlier?.SnapshotIds ?? [], SecurityGroupBackup = earlier?.SecurityGroupBackup ?? [], IsolationGroupId = earlier?.IsolationGroupId,
        };
        var done = plan.AlreadyDone.ToList();

        // Finding or creating the isolation group changes nothing on the instance: it is prepared while evidence is taken.
        var isolationGroup = plan.Steps.Contains(ResponseStep.Isolate) && instance!.VpcId is { } vpcId ? PrepareIsolationGroupAsync(ec2!, vpcId, ct) : null;

        // 1. Preserve. The steps are independent, so they run at once; each failure is recorded and the response goes on.
        var preserved = await Task.WhenAll(plan.Steps.Where(s => s <= ResponseStep.Quarantine).Select(step => Attempt(step, async () => step switch
        {
            ResponseStep.RecordEvidence => await RecordAsync(prefix, rawEvent, instance!, record, ct),
            ResponseStep.SnapshotVolumes => await SnapshotAsync(ec2!, plan, instance!, snapshots, ct),
            ResponseStep.Protect => await ProtectAsync(ec2!, instance!, ct),
            ResponseStep.Quarantine => await QuarantineAsync(ec2!, plan, ct),
            _ => throw new InvalidOperationException(step.ToString()),
        })));
        outcomes.AddRange(preserved);
        done.AddRange(preserved.Where(o => o.Succeeded).Select(o => o.Step));
        var progress = preserved.Length > 0 ? MarkDoneAsync(ec2!, plan, done, ct) : NoProblem;

        // 2. Contain and 3. stop. The groups are backed up, in the record and the log, before any is changed.
        if (plan.Steps.Contains(ResponseStep.Isolate))
        {
            foreach (var nic in instance!.Interfaces) record.SecurityGroupBackup[nic.NetworkInterfaceId] = [.. nic.SecurityGroupIds];
            log.Info("security groups before isolation", ("instanceId", instance.InstanceId),
                ("backup", record.SecurityGroupBackup.Select(kv => $"{kv.Key}={string.Join(",", kv.Value)}")));
            var backup = WriteRecordAsync(prefix, record, [.. outcomes], snapshots, ct);
            await Task.WhenAll(progress, backup);
            AddProblem(outcomes, await progress);
            var isolation = await Contained(ResponseStep.Isolate, () => IsolateAsync(ec2!, instance, isolationGroup, ct));
            record = record with { IsolationGroupId = isolation };
            outcomes.Add(new StepOutcome(ResponseStep.Isolate, true, $"every interface moved to isolation group {isolation} (no inbound or outbound rules)"));
            done.Add(ResponseStep.Isolate);
            progress = MarkDoneAsync(ec2!, plan, done, ct);
        }
        if (plan.Steps.Contains(ResponseStep.Stop))
        {
            // The stop does not wait for the progress tag of the step before it: both are under way at once.
            await Contained(ResponseStep.Stop, async () => { await ec2!.StopAsync(instance!.InstanceId, ct); return ""; });
            AddProblem(outcomes, await progress);
            outcomes.Add(new StepOutcome(ResponseStep.Stop, true, $"{instance!.InstanceId} stopping; its disks are kept"));
            done.Add(ResponseStep.Stop);
            progress = MarkDoneAsync(ec2!, plan, done, ct);
        }
        AddProblem(outcomes, await progress);

        // The final record and the alert say the same: they are written at once.
        var recorded = plan.Steps.Count > 0 ? WriteRecordAsync(prefix, record, outcomes, snapshots, ct) : Task.CompletedTask;

        // 4. Notify. A failure here fails the invocation: the retry finds the steps done and only notifies.
        if (plan.Notify != NotifyKind.None)
        {
            var f = e.Detail!;
            var location = plan.Steps.Count > 0 || plan.AlreadyDone.Count > 0 ? evidence.Location(prefix) : null;
            var published = alerts.PublishAsync(AlertComposer.Compose(plan, f.Title ?? plan.FindingType, f.Description ?? "", outcomes, snapshots, location, f.Region ?? policy.Region), ct);
            await Task.WhenAll(recorded, published);
            await Notices.RecordAsync(evidence, plan.FindingId, plan.Count, clock.GetUtcNow(), ct);
        }
        await recorded;
        log.Info("finding handled", ("findingId", plan.FindingId), ("instanceId", plan.InstanceId),
            ("outcomes", outcomes.Select(o => $"{o.Step}:{(o.Succeeded ? "done" : "failed")}")), ("snapshots", snapshots), ("notified", plan.Notify.ToString()));
        return new ResponseReport(plan, outcomes, snapshots, null);
    }

    /// <summary>Undoes a containment after a false alarm: the saved security groups back, the quarantine tag off. The instance stays stopped.</summary>
    public async Task<string> ReleaseAsync(ReleaseRequest request, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.FindingId) || string.IsNullOrWhiteSpace(request.InstanceId))
            throw new Json.MalformedEventException("a release names the findingId and the instanceId");
        var bytes = await evidence.GetAsync($"findings/{request.FindingId}/record.json", ct)
            ?? throw new Json.MalformedEventException($"there is no evidence record for finding {request.FindingId}: nothing to restore");
        var record = JsonSerializer.Deserialize(bytes, IncidentJsonContext.Default.EvidenceRecord)!;
        if (record.InstanceId != request.InstanceId)
            throw new Json.MalformedEventException($"finding {request.FindingId} concerns {record.InstanceId ?? "no instance"}, not {request.InstanceId}");
        // The instance is where the record says it was contained: this account, or a member account reached again through its role.
        var account = await members.StandingAsync(record.AccountId ?? policy.AccountId, ct);
        if (account.Kind == AccountKind.NotMember)
            throw new Json.MalformedEventException($"finding {request.FindingId} was contained in account {account.Label}, which is no longer one of Steward's member accounts ({members.Describe()}): release it there by hand");
        var ec2 = await _reach.ReachAsync(account, request.FindingId, $"instance {request.InstanceId}", "steward-release", ct);

        foreach (var (nic, groups) in record.SecurityGroupBackup) await ec2.SetSecurityGroupsAsync(nic, groups, ct);
        await ec2.UntagAsync(request.InstanceId, [ContainmentPlanner.QuarantineTag], ct);
        await ec2.TagAsync(request.InstanceId, new Dictionary<string, string> { [ContainmentPlanner.ReleasedTag] = $"{request.FindingId} {Now()}" }, ct);
        var restored = string.Join("; ", record.SecurityGroupBackup.Select(kv => $"{kv.Key} back to {string.Join(",", kv.Value)}"));
        await alerts.PublishAsync(new Alert(
            $"Steward released {request.InstanceId} (finding {record.FindingType})",
            $"Steward: {request.InstanceId} released, network restored; still stopped",
            $"Instance {request.InstanceId} in account {account.Label} was released from the containment of finding {request.FindingId} ({record.FindingType}).\n" +
            $"Reason given: {request.Reason ?? "none"}\nNetwork restored: {(restored.Length > 0 ? restored : "no interfaces had been isolated")}\n" +
            "The instance is still stopped, with termination protection on and its snapshots kept: start it when you are ready."), ct);
        log.Info("instance released", ("findingId", request.FindingId), ("instanceId", request.InstanceId), ("accountId", account.AccountId), ("restored", restored));
        return restored;
    }

    private async Task<string> RecordAsync(string prefix, byte[] rawEvent, InstanceFacts instance, EvidenceRecord record, CancellationToken ct)
    {
        var written = await Task.WhenAll(
            evidence.PutAsync(prefix + "finding.json", rawEvent, "application/json", ct),
            evidence.PutAsync(prefix + $"instance-{instance.InstanceId}.json", System.Text.Encoding.UTF8.GetBytes(instance.DescriptionJson), "application/json", ct));
        foreach (var o in written) record.Objects.Add(new RecordedObject(o.Key, o.VersionId, o.Sha256));
        return $"finding and instance description written to {evidence.Location(prefix)}";
    }

    private async Task<string> SnapshotAsync(IInstanceContainment ec2, ContainmentPlan plan, InstanceFacts instance, List<string> snapshots, CancellationToken ct)
    {
        // Every volume at once; the ids keep the volumes' order.
        var taken = await Task.WhenAll(instance.Volumes.Select(async volume =>
        {
            try
            {
                return (Id: await ec2.SnapshotAsync(volume.VolumeId, $"Steward evidence: {volume.VolumeId} ({volume.DeviceName}) of {instance.InstanceId}, finding {plan.FindingId}",
                    new Dictionary<string, string> { ["steward:finding"] = plan.FindingId, ["steward:instance"] = instance.InstanceId, ["steward:finding-type"] = plan.FindingType }, ct), Failure: (string?)null);
            }
            catch (DependencyException e) { return (Id: (string?)null, Failure: $"{volume.VolumeId}: {e.Code} {e.Reason}"); }
        }));
        snapshots.AddRange(taken.Select(t => t.Id).OfType<string>());
        var failures = taken.Select(t => t.Failure).OfType<string>().ToList();
        if (failures.Count > 0) throw new DependencyFailed("ec2", "SnapshotFailed", $"{string.Join("; ", failures)} (taken: {string.Join(", ", snapshots)})", 500);
        return instance.Volumes.Count == 0 ? "no EBS volumes attached" : $"{snapshots.Count} snapshot(s): {string.Join(", ", snapshots)}";
    }

    private async Task<string> ProtectAsync(IInstanceContainment ec2, InstanceFacts instance, CancellationToken ct)
    {
        await ec2.ProtectAsync(instance, ct);
        return "termination protection on, volumes kept on termination, shutdown stops";
    }

    private async Task<string> QuarantineAsync(IInstanceContainment ec2, ContainmentPlan plan, CancellationToken ct)
    {
        await ec2.TagAsync(plan.InstanceId!, new Dictionary<string, string> { [ContainmentPlanner.QuarantineTag] = $"{plan.FindingId} {plan.FindingType} {Now()}" }, ct);
        return $"tagged {ContainmentPlanner.QuarantineTag}";
    }

    /// <summary>An async method of ours, so that a failure is the task's, met where isolation awaits it, never thrown at the start.</summary>
    private static async Task<string> PrepareIsolationGroupAsync(IInstanceContainment ec2, string vpcId, CancellationToken ct) => await ec2.IsolationGroupAsync(vpcId, ct);

    private static async Task<string> IsolateAsync(IInstanceContainment ec2, InstanceFacts instance, Task<string>? isolationGroup, CancellationToken ct)
    {
        if (instance.VpcId is null || isolationGroup is null) throw new DependencyFailed("ec2", "NoVpc", $"{instance.InstanceId} is not in a VPC: it cannot be isolated by security group", 400);
        var isolation = await isolationGroup;
        await Task.WhenAll(instance.Interfaces.Select(nic => ec2.SetSecurityGroupsAsync(nic.NetworkInterfaceId, [isolation], ct)));
        return isolation;
    }

    /// <summary>Records the steps done on the instance's finding tag; a failure is a problem to report (returned), never a reason to stop.</summary>
    private static async Task<StepOutcome?> MarkDoneAsync(IInstanceContainment ec2, ContainmentPlan plan, IEnumerable<ResponseStep> done, CancellationToken ct)
    {
        var value = ContainmentPlanner.StepsTagValue(done.Distinct().Order());
        try { await ec2.TagAsync(plan.InstanceId!, new Dictionary<string, string> { [ContainmentPlanner.FindingTag(plan.FindingId)] = value }, ct); return null; }
        catch (DependencyException e) { return new StepOutcome(ResponseStep.Quarantine, false, $"could not record progress on the instance: {e.Message}"); }
    }

    private static readonly Task<StepOutcome?> NoProblem = Task.FromResult<StepOutcome?>(null);

    private static void AddProblem(List<StepOutcome> outcomes, StepOutcome? problem)
    {
        if (problem is not null) outcomes.Add(problem);
    }

    private async Task WriteRecordAsync(string prefix, EvidenceRecord record, List<StepOutcome> outcomes, List<string> snapshots, CancellationToken ct)
    {
        var current = record with
        {
            Outcomes = outcomes.Select(o => new RecordedOutcome(o.Step.ToString(), o.Succeeded, o.Detail)).ToList(),
            SnapshotIds = [.. record.SnapshotIds.Union(snapshots)],
        };
        try { await evidence.PutAsync(prefix + "record.json", JsonSerializer.SerializeToUtf8Bytes(current, IncidentJsonContext.Default.EvidenceRecord), "application/json", ct); }
        catch (DependencyException e) { log.Error("evidence record not written", ("findingId", record.FindingId), ("error", e.Message)); }
    }

    private async Task<StepOutcome> Attempt(ResponseStep step, Func<Task<string>> work)
    {
        try { return new StepOutcome(step, true, await work()); }
        catch (DependencyException e)
        {
            log.Error("step failed; the response goes on", ("step", step.ToString()), ("error", e.Message));
            return new StepOutcome(step, false, e.Message);
        }
    }

    private async Task<string> Contained(ResponseStep step, Func<Task<string>> work)
    {
        try { return await work(); }
        catch (DependencyException e)
        {
            log.Error("containment failed; the invocation fails so Lambda retries", ("step", step.ToString()), ("error", e.Message));
            throw new ContainmentFailed($"{step} failed: {e.Message}", e);
        }
    }

    private string Now() => clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
