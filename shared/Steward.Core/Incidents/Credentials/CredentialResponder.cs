using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Steward.Core.Events;
using Steward.Core.Observability;
using Steward.Core.Organizations;
using Steward.Core.Ports;

namespace Steward.Core.Incidents.Credentials;

/// <summary>
/// The evidence record of a credential finding, at <c>findings/{id}/record.json</c> beside the finding: the principal's
/// state before Steward changed anything (kept from the first delivery, so a retry never records its own changes as the
/// "before"), and what was changed, so a release undoes exactly that.
/// </summary>
public sealed record CredentialRecord
{
    [JsonPropertyName("kind")] public string Kind { get; init; } = "credentials";
    [JsonPropertyName("findingId")] public required string FindingId { get; init; }
    [JsonPropertyName("findingType")] public required string FindingType { get; init; }
    [JsonPropertyName("principalKind")] public required PrincipalKind PrincipalKind { get; init; }
    [JsonPropertyName("principal")] public required string Principal { get; init; }
    /// <summary>The account the principal is in (absent in records written before organizations: the home account).</summary>
    [JsonPropertyName("accountId")] public string? AccountId { get; init; }
    [JsonPropertyName("accessKeyId")] public string? AccessKeyId { get; init; }
    [JsonPropertyName("keysBefore")] public List<AccessKeyFacts> KeysBefore { get; init; } = [];
    [JsonPropertyName("inlinePoliciesBefore")] public List<string> InlinePoliciesBefore { get; init; } = [];
    [JsonPropertyName("deactivatedKeys")] public List<string> DeactivatedKeys { get; init; } = [];
    /// <summary>The inline policy Steward attached (on the user, or on the role), if it did.</summary>
    [JsonPropertyName("policyName")] public string? PolicyName { get; init; }
    [JsonPropertyName("tagged")] public bool Tagged { get; init; }
    /// <summary>The steps carried out, each written once it succeeded: a retry or a repeat of the finding does only the rest.</summary>
    [JsonPropertyName("stepsDone")] public List<CredentialStep> StepsDone { get; init; } = [];
    [JsonPropertyName("recordedAt")] public DateTimeOffset RecordedAt { get; init; }
    [JsonPropertyName("reasons")] public List<string> Reasons { get; init; } = [];
    [JsonPropertyName("objects")] public List<RecordedObject> Objects { get; init; } = [];
}

/// <summary>What a credential response did, for the invocation's answer.</summary>
public sealed record CredentialReport(CredentialPlan Plan, IReadOnlyList<string> Done);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = true)]
[JsonSerializable(typeof(CredentialRecord))]
public sealed partial class CredentialJsonContext : JsonSerializerContext;

/// <summary>
/// Responds to compromised credentials as AWS's runbooks do, evidence first and everything reversible: the user's state
/// kept, the access key the finding names deactivated (never deleted), a deny-everything inline policy on the user, the
/// user tagged; for an assumed role, the role's older sessions denied. A failed change fails the invocation (Lambda
/// retries it; every step is safe to repeat), and people are told what was done, what was kept and how to release it.
/// </summary>
/// <param name="accounts">IAM in the account the principal is in: this one, or a member account through its member role.</param>
/// <param name="protectedRolePrefixes">Steward's own roles begin with one of them: never revoked.</param>
public sealed class CredentialResponder(IAccountAccess<IPrincipalContainment> accounts, MemberAccounts members, IEvidenceStore evidence, IAlertPublisher alerts,
    ResponsePolicy policy, IReadOnlyList<string> protectedRolePrefixes, TimeProvider clock, StructuredLog log)
{
    /// <summary>A responder for its own account only.</summary>
    public CredentialResponder(IPrincipalContainment iam, IEvidenceStore evidence, IAlertPublisher alerts, ResponsePolicy policy, string protectedRolePrefix, TimeProvider clock, StructuredLog log)
        : this(new HomeAccountOnly<IPrincipalContainment>(policy.AccountId, iam), MemberAccounts.None(policy.AccountId), evidence, alerts, policy, [protectedRolePrefix], clock, log) { }

    private readonly AccountReach<IPrincipalContainment> _reach = new(accounts, alerts, policy, log);

    public async Task<CredentialReport> RespondAsync(EventBridgeEvent<GuardDutyFinding> e, byte[] rawEvent, CancellationToken ct)
    {
        var f = e.Detail!;
        var details = f.Resource?.AccessKeyDetails;
        var kind = CredentialPlanner.KindOf(details?.UserType);
        var name = details?.UserName;
        var account = ContainmentPlanner.AccountOf(e) is { } accountId ? await members.StandingAsync(accountId, ct) : null;
        // Only a finding that could be acted on makes Steward look the principal up (a sample names a user that is not there),
        // and only then is a member account's role assumed.
        var iam = CredentialPlanner.WhyNotActed(e, policy, protectedRolePrefixes, account) is null
            ? await _reach.ReachAsync(account!, f.Id!, $"{(kind == PrincipalKind.IamUser ? "IAM user" : "role")} {name}", "steward-finding", ct) : null;
        var user = iam is not null && kind == PrincipalKind.IamUser ? await iam.DescribeUserAsync(name!, ct) : null;
        var roleExists = iam is not null && kind == PrincipalKind.AssumedRole && await iam.RoleExistsAsync(name!, ct);
        var plan = CredentialPlanner.Plan(e, policy, protectedRolePrefixes, account, user, roleExists);
        log.Info("credential plan", ("findingId", plan.FindingId), ("findingType", plan.FindingType), ("principalKind", plan.Kind.ToString()), ("principal", plan.Principal),
            ("accessKeyId", plan.AccessKeyId), ("accountId", account?.AccountId), ("responseLevel", plan.Level.ToString()), ("steps", plan.Steps.Select(s => s.ToString())),
            ("dryRun", plan.DryRun), ("reasons", plan.Reasons));
        if (plan.DryRun) return new CredentialReport(plan, []);

        var prefix = $"findings/{plan.FindingId}/";
        var earlier = await evidence.GetAsync(prefix + "record.json", ct) is { } bytes ? JsonSerializer.Deserialize(bytes, CredentialJsonContext.Default.CredentialRecord) : null;
        if (earlier is { StepsDone.Count: > 0 } && plan.Steps.Intersect(earlier.StepsDone).ToList() is { Count: > 0 } already)
        {
            // Never again: a second revocation would also deny the sessions begun since the first, after the cause was fixed.
            plan = plan with { Steps = [.. plan.Steps.Except(already)], Reasons = [.. plan.Reasons, $"an earlier delivery of this finding already did: {string.Join(", ", already)}"] };
        }
        var done = new List<string>();
        var record = earlier ?? new CredentialRecord
        {
            FindingId = plan.FindingId, FindingType = plan.FindingType, PrincipalKind = plan.Kind, Principal = plan.Principal ?? "", AccountId = account?.AccountId, AccessKeyId = plan.AccessKeyId,
            KeysBefore = [.. user?.AccessKeys ?? []], InlinePoliciesBefore = [.. user?.InlinePolicies ?? []], RecordedAt = clock.GetUtcNow(), Reasons = [.. plan.Reasons],
        };
        if (plan.Steps.Contains(CredentialStep.RecordEvidence))
        {
            var finding = await evidence.PutAsync(prefix + "finding.json", rawEvent, "application/json", ct);
            record = record with { Objects = [.. record.Objects.Where(o => o.Key != finding.Key), new RecordedObject(finding.Key, finding.VersionId, finding.Sha256)], StepsDone = [.. record.StepsDone, CredentialStep.RecordEvidence] };
            // The state before anything changes is on record before the first change.
            await WriteAsync(prefix, record, ct);
            done.Add($"the finding and {plan.Principal}'s keys and inline policies kept at {evidence.Location(prefix)}");
        }
        if (plan.Steps.Contains(CredentialStep.DeactivateKey))
        {
            await iam!.SetAccessKeyStatusAsync(plan.Principal!, plan.AccessKeyId!, active: false, ct);
            record = record with { DeactivatedKeys = [.. record.DeactivatedKeys.Union([plan.AccessKeyId!])], StepsDone = [.. record.StepsDone, CredentialStep.DeactivateKey] };
            await WriteAsync(prefix, record, ct);
            done.Add($"access key {plan.AccessKeyId} deactivated (not deleted)");
        }
        if (plan.Steps.Contains(CredentialStep.DenyUser))
        {
            record = record with { PolicyName = CredentialPlanner.PolicyName(plan.FindingId) };
            await WriteAsync(prefix, record, ct);
            await iam!.PutUserPolicyAsync(plan.Principal!, record.PolicyName, CredentialPlanner.DenyAll(), ct);
            record = record with { StepsDone = [.. record.StepsDone, CredentialStep.DenyUser] };
            await WriteAsync(prefix, record, ct);
            done.Add($"inline policy {record.PolicyName} denies {plan.Principal} everything (its other keys and console sign-in too)");
        }
        if (plan.Steps.Contains(CredentialStep.RevokeRoleSessions))
        {
            record = record with { PolicyName = CredentialPlanner.PolicyName(plan.FindingId) };
            await WriteAsync(prefix, record, ct);
            await iam!.PutRolePolicyAsync(plan.Principal!, record.PolicyName, CredentialPlanner.DenyOlderSessions(clock.GetUtcNow()), ct);
            record = record with { StepsDone = [.. record.StepsDone, CredentialStep.RevokeRoleSessions] };
            await WriteAsync(prefix, record, ct);
            done.Add($"role {plan.Principal}'s sessions issued before {Now()} denied (inline policy {record.PolicyName}); new sessions work");
        }
        if (plan.Steps.Contains(CredentialStep.Tag))
        {
            await iam!.TagUserAsync(plan.Principal!, new Dictionary<string, string> { [CredentialPlanner.QuarantineTag] = $"{plan.FindingId} {plan.FindingType} {Now()}" }, ct);
            record = record with { Tagged = true, StepsDone = [.. record.StepsDone, CredentialStep.Tag] };
            await WriteAsync(prefix, record, ct);
            done.Add($"{plan.Principal} tagged {CredentialPlanner.QuarantineTag}");
        }

        var count = Math.Max(1, f.Service?.Count ?? 1);
        if (Notices.ShouldTell(await Notices.CountToldAsync(evidence, plan.FindingId, ct), count, done.Count > 0))
        {
            await alerts.PublishAsync(Alert(plan, f, done, plan.Steps.Count > 0 ? evidence.Location(prefix) : null), ct);
            await Notices.RecordAsync(evidence, plan.FindingId, count, clock.GetUtcNow(), ct);
        }
        log.Info("finding handled", ("findingId", plan.FindingId), ("principal", plan.Principal), ("done", done));
        return new CredentialReport(plan, done);
    }

    /// <summary>
    /// Undoes what the record says was done: the keys Steward deactivated active again, its policy gone, its tag off. Null
    /// when the finding's record is not a credential's (or there is none).
    /// </summary>
    public async Task<string?> ReleaseAsync(string findingId, string? reason, CancellationToken ct)
    {
        if (await evidence.GetAsync($"findings/{findingId}/record.json", ct) is not { } bytes) return null;
        var record = JsonSerializer.Deserialize(bytes, CredentialJsonContext.Default.CredentialRecord);
        if (record is not { Kind: "credentials" }) return null;
        // The principal is where the record says it was contained: this account, or a member account reached again through its role.
        var account = await members.StandingAsync(record.AccountId ?? policy.AccountId, ct);
        if (account.Kind == AccountKind.NotMember)
            throw new Json.MalformedEventException($"finding {findingId} was contained in account {account.Label}, which is no longer one of Steward's member accounts ({members.Describe()}): release it there by hand");
        var iam = await _reach.ReachAsync(account, findingId, record.Principal, "steward-release", ct);
        var undone = new List<string>();
        foreach (var key in record.DeactivatedKeys)
        {
            await iam.SetAccessKeyStatusAsync(record.Principal, key, active: true, ct);
            undone.Add($"access key {key} active again");
        }
        if (record.PolicyName is { } policyName)
        {
            if (record.PrincipalKind == PrincipalKind.AssumedRole) await iam.DeleteRolePolicyAsync(record.Principal, policyName, ct);
            else await iam.DeleteUserPolicyAsync(record.Principal, policyName, ct);
            undone.Add($"inline policy {policyName} removed from {record.Principal}");
        }
        if (record.Tagged)
        {
            await iam.UntagUserAsync(record.Principal, [CredentialPlanner.QuarantineTag], ct);
            undone.Add($"tag {CredentialPlanner.QuarantineTag} removed");
        }
        var restored = undone.Count > 0 ? string.Join("; ", undone) : "nothing had been changed";
        var sms = $"Steward: {record.Principal} released from finding {record.FindingType}: {(undone.Count > 0 ? "access restored" : "nothing had changed")}";
        while (Encoding.UTF8.GetByteCount(sms) > AlertComposer.SmsBytes) sms = sms[..^1];
        await alerts.PublishAsync(new Alert($"Steward released {record.Principal} (finding {record.FindingType})", sms,
            $"{record.Principal} in account {account.Label} was released from the containment of finding {findingId} ({record.FindingType}).\nReason given: {reason ?? "none"}\nRestored: {restored}\n" +
            "Rotate its keys before trusting it again: the evidence stays in the bucket."), ct);
        log.Info("credentials released", ("findingId", findingId), ("principal", record.Principal), ("restored", restored));
        return restored;
    }

    private Task WriteAsync(string prefix, CredentialRecord record, CancellationToken ct) =>
        evidence.PutAsync(prefix + "record.json", JsonSerializer.SerializeToUtf8Bytes(record, CredentialJsonContext.Default.CredentialRecord), "application/json", ct);

    private Alert Alert(CredentialPlan plan, GuardDutyFinding f, IReadOnlyList<string> done, string? location)
    {
        var sample = plan.Sample ? "[SAMPLE] " : "";
        var who = plan.Principal ?? "an unknown principal";
        var did = done.Count == 0 ? (plan.DryRun ? "dry run, nothing changed" : "notified only")
            : string.Join(",", plan.Steps.Select(s => s switch
            {
                CredentialStep.RecordEvidence => "evidence", CredentialStep.DeactivateKey => "key off", CredentialStep.DenyUser => "denied",
                CredentialStep.RevokeRoleSessions => "sessions revoked", _ => "tagged",
            }));
        var sms = $"{sample}Steward: {who} {plan.FindingType} sev {plan.Severity:0.#} {plan.Band}: {did}";
        while (Encoding.UTF8.GetByteCount(sms) > AlertComposer.SmsBytes) sms = sms[..^1];
        var email = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{sample}GuardDuty finding {plan.FindingType}, severity {plan.Severity:0.#} ({plan.Band}), on {plan.Kind} {who}{(plan.AccessKeyId is null ? "" : ", access key " + plan.AccessKeyId)}.")
            .AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Title: {f.Title}").AppendLine(CultureInfo.InvariantCulture, $"Account: {plan.Account?.Label ?? "not named by the finding"}")
            .AppendLine(CultureInfo.InvariantCulture, $"Response: {plan.Level}").AppendLine().AppendLine("Why:");
        foreach (var r in plan.Reasons) email.AppendLine("  - " + r);
        if (done.Count > 0)
        {
            email.AppendLine().AppendLine("Done:");
            foreach (var d in done) email.AppendLine("  - " + d);
            email.AppendLine().AppendLine(CultureInfo.InvariantCulture,
                $"To release (restores exactly what was changed): {{\"steward-action\":\"release\",\"findingId\":\"{plan.FindingId}\",\"reason\":\"…\"}} to the GuardDuty responder.");
        }
        if (location is not null) email.AppendLine(CultureInfo.InvariantCulture, $"Evidence: {location}");
        email.AppendLine(CultureInfo.InvariantCulture, $"Finding id: {plan.FindingId}");
        var inAccount = plan.Account is { Kind: AccountKind.Member } member ? $" in {member.Label}" : "";
        return new Alert($"{sample}Steward GuardDuty {plan.Band} {plan.FindingType} on {who}{inAccount}", sms, email.ToString());
    }

    private string Now() => clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
