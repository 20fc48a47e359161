using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Steward.Core.Events;
using Steward.Core.Observability;
using Steward.Core.Organizations;
using Steward.Core.Ports;

namespace Steward.Core.Incidents.Buckets;

[JsonConverter(typeof(JsonStringEnumConverter<BucketStep>))]
public enum BucketStep
{
    /// <summary>The finding and the bucket's policy, ACL, public access block and tags written to the evidence bucket.</summary>
    RecordEvidence,
    /// <summary>All four of S3's Block Public Access settings on: no public ACL or policy takes effect.</summary>
    BlockPublicAccess,
    /// <summary>The bucket tagged <c>steward:quarantine</c> with the finding.</summary>
    Tag,
}

/// <summary>What to do about one S3 bucket finding.</summary>
public sealed record BucketPlan(string FindingId, string FindingType, double Severity, SeverityBand Band, ResponseLevel Level, string? Bucket,
    IReadOnlyList<BucketStep> Steps, IReadOnlyList<string> Reasons, bool DryRun, bool Sample, AccountStanding? Account = null);

/// <summary>
/// The evidence record of a bucket finding: what made the bucket public before Steward changed anything (kept from the
/// first delivery), and what it changed, so a release puts back exactly that.
/// </summary>
public sealed record BucketRecord
{
    [JsonPropertyName("kind")] public string Kind { get; init; } = "bucket";
    [JsonPropertyName("findingId")] public required string FindingId { get; init; }
    [JsonPropertyName("findingType")] public required string FindingType { get; init; }
    [JsonPropertyName("bucket")] public required string Bucket { get; init; }
    /// <summary>The account the bucket is in (absent in records written before organizations: the home account).</summary>
    [JsonPropertyName("accountId")] public string? AccountId { get; init; }
    [JsonPropertyName("blockBefore")] public PublicAccessBlockState? BlockBefore { get; init; }
    [JsonPropertyName("policyBefore")] public string? PolicyBefore { get; init; }
    [JsonPropertyName("aclBefore")] public string? AclBefore { get; init; }
    [JsonPropertyName("tagsBefore")] public Dictionary<string, string> TagsBefore { get; init; } = [];
    [JsonPropertyName("blocked")] public bool Blocked { get; init; }
    [JsonPropertyName("tagged")] public bool Tagged { get; init; }
    [JsonPropertyName("recordedAt")] public DateTimeOffset RecordedAt { get; init; }
    [JsonPropertyName("reasons")] public List<string> Reasons { get; init; } = [];
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = true)]
[JsonSerializable(typeof(BucketRecord))]
public sealed partial class BucketJsonContext : JsonSerializerContext;

/// <summary>
/// Responds to an exposed or exfiltrated S3 bucket as AWS's runbooks do: the bucket's policy, ACL, public access block and
/// tags kept as evidence, then Block Public Access turned on (the policy and ACL are left as they were: with the block on,
/// neither can make it public) and the bucket tagged. A release puts back the block it had (or none) and its tags.
/// </summary>
/// <param name="accounts">S3 in the account the bucket is in: this one, or a member account through its member role.</param>
public sealed class BucketResponder(IAccountAccess<IBucketContainment> accounts, MemberAccounts members, IEvidenceStore evidence, IAlertPublisher alerts,
    ResponsePolicy policy, TimeProvider clock, StructuredLog log)
{
    public const string QuarantineTag = "steward:quarantine";

    /// <summary>A responder for its own account only.</summary>
    public BucketResponder(IBucketContainment s3, IEvidenceStore evidence, IAlertPublisher alerts, ResponsePolicy policy, TimeProvider clock, StructuredLog log)
        : this(new HomeAccountOnly<IBucketContainment>(policy.AccountId, s3), MemberAccounts.None(policy.AccountId), evidence, alerts, policy, clock, log) { }

    private readonly AccountReach<IBucketContainment> _reach = new(accounts, alerts, policy, log);

    /// <summary>Why the finding is only notified before S3 is asked anything, or null when the bucket must be looked up.</summary>
    public static string? WhyNotActed(EventBridgeEvent<GuardDutyFinding> e, ResponsePolicy policy, AccountStanding? account)
    {
        var f = e.Detail!;
        var region = f.Region ?? e.Region;
        return (f.Service?.AdditionalInfo?.Sample ?? false) ? "a sample finding (GuardDuty's generated examples) is never acted on: people are told"
            : account is not { Kind: AccountKind.Home or AccountKind.Member }
                ? $"the bucket is of account {account?.Label ?? "?"}, which is not this responder's {policy.AccountId} nor one of its member accounts: refused, nothing was touched; people are told"
            : region != policy.Region ? $"the bucket is in region {region ?? "?"}, not this responder's {policy.Region}: the responder deployed there acts on it; people are told"
            : BucketOf(f) is null ? "the finding names no bucket: people are told"
            : null;
    }

    private static string? BucketOf(GuardDutyFinding f) => f.Resource?.S3BucketDetails?.FirstOrDefault()?.Name is { Length: > 0 } b ? b : null;

    public static BucketPlan Plan(EventBridgeEvent<GuardDutyFinding> e, ResponsePolicy policy, AccountStanding? account, BucketFacts? facts)
    {
        var f = e.Detail!;
        var band = ResponsePolicy.BandOf(f.Severity);
        var level = policy.Levels[band];
        var sample = f.Service?.AdditionalInfo?.Sample ?? false;
        var bucket = BucketOf(f);
        var where = account?.Kind == AccountKind.Member ? $"member account {account.Label}" : "this account";
        var reasons = new List<string> { $"severity {f.Severity:0.#} is {band}: the policy for {band} is {level}" };
        var notify = WhyNotActed(e, policy, account) ?? (facts is null ? $"there is no bucket {bucket} in {where}: nothing to block" : null);
        if (notify is not null) { level = ResponseLevel.Notify; reasons.Add(notify); }
        else if (account!.Kind == AccountKind.Member && level > ResponseLevel.Notify) reasons.Add($"the bucket is in {where}: acted on through its member role");
        var steps = ResponseTable.Buckets.StepsAt(level);
        if (level == ResponseLevel.Contain && facts?.Block == PublicAccessBlockState.AllOn) reasons.Add($"{bucket} already blocks all public access: it stays so");
        return new BucketPlan(f.Id!, f.Type!, f.Severity, band, level, bucket, steps, reasons, policy.DryRun, sample, account);
    }

    public async Task<(BucketPlan Plan, IReadOnlyList<string> Done)> RespondAsync(EventBridgeEvent<GuardDutyFinding> e, byte[] rawEvent, CancellationToken ct)
    {
        var f = e.Detail!;
        var account = ContainmentPlanner.AccountOf(e) is { } accountId ? await members.StandingAsync(accountId, ct) : null;
        var s3 = WhyNotActed(e, policy, account) is null ? await _reach.ReachAsync(account!, f.Id!, $"bucket {BucketOf(f)}", "steward-finding", ct) : null;
        var facts = s3 is null ? null : await s3.DescribeAsync(BucketOf(f)!, ct);
        var plan = Plan(e, policy, account, facts);
        log.Info("bucket plan", ("findingId", plan.FindingId), ("findingType", plan.FindingType), ("bucket", plan.Bucket), ("accountId", account?.AccountId),
            ("responseLevel", plan.Level.ToString()), ("steps", plan.Steps.Select(s => s.ToString())), ("dryRun", plan.DryRun), ("reasons", plan.Reasons));
        if (plan.DryRun) return (plan, []);

        var prefix = $"findings/{plan.FindingId}/";
        var earlier = await evidence.GetAsync(prefix + "record.json", ct) is { } bytes ? JsonSerializer.Deserialize(bytes, BucketJsonContext.Default.BucketRecord) : null;
        // What an earlier delivery did is not done again (a retry, or GuardDuty's repeat): the block and the tags it kept stay the "before".
        IReadOnlyList<BucketStep> already = earlier is null ? [] : [BucketStep.RecordEvidence, .. earlier.Blocked ? [BucketStep.BlockPublicAccess] : Array.Empty<BucketStep>(),
            .. earlier.Tagged ? [BucketStep.Tag] : Array.Empty<BucketStep>()];
        if (plan.Steps.Intersect(already).ToList() is { Count: > 0 } repeated)
            plan = plan with { Steps = [.. plan.Steps.Except(repeated)], Reasons = [.. plan.Reasons, $"an earlier delivery of this finding already did: {string.Join(", ", repeated)}"] };
        var record = earlier ?? new BucketRecord
        {
            FindingId = plan.FindingId, FindingType = plan.FindingType, Bucket = plan.Bucket ?? "", AccountId = account?.AccountId, BlockBefore = facts?.Block, PolicyBefore = facts?.PolicyJson,
            AclBefore = facts?.AclJson, TagsBefore = new(facts?.Tags ?? new Dictionary<string, string>()), RecordedAt = clock.GetUtcNow(), Reasons = [.. plan.Reasons],
        };
        var done = new List<string>();
        if (plan.Steps.Contains(BucketStep.RecordEvidence))
        {
            await evidence.PutAsync(prefix + "finding.json", rawEvent, "application/json", ct);
            await WriteAsync(prefix, record, ct);
            done.Add($"the finding and {plan.Bucket}'s policy, ACL, public access block and tags kept at {evidence.Location(prefix)}");
        }
        if (plan.Steps.Contains(BucketStep.BlockPublicAccess))
        {
            await s3!.SetPublicAccessBlockAsync(plan.Bucket!, PublicAccessBlockState.AllOn, ct);
            record = record with { Blocked = true };
            await WriteAsync(prefix, record, ct);
            done.Add($"Block Public Access on for {plan.Bucket} (all four settings); its policy and ACL are kept as they were");
        }
        if (plan.Steps.Contains(BucketStep.Tag))
        {
            // S3 replaces a bucket's tags whole: the tags it had, and Steward's.
            var tags = new Dictionary<string, string>(facts!.Tags) { [QuarantineTag] = $"{plan.FindingId} {plan.FindingType} {Now()}" };
            await s3!.SetTagsAsync(plan.Bucket!, tags, ct);
            record = record with { Tagged = true };
            await WriteAsync(prefix, record, ct);
            done.Add($"{plan.Bucket} tagged {QuarantineTag}");
        }
        var count = Math.Max(1, f.Service?.Count ?? 1);
        if (Notices.ShouldTell(await Notices.CountToldAsync(evidence, plan.FindingId, ct), count, done.Count > 0))
        {
            await alerts.PublishAsync(Alert(plan, f, done), ct);
            await Notices.RecordAsync(evidence, plan.FindingId, count, clock.GetUtcNow(), ct);
        }
        log.Info("finding handled", ("findingId", plan.FindingId), ("bucket", plan.Bucket), ("done", done));
        return (plan, done);
    }

    /// <summary>Puts back what the record says was changed; null when the finding's record is not a bucket's.</summary>
    public async Task<string?> ReleaseAsync(string findingId, string? reason, CancellationToken ct)
    {
        if (await evidence.GetAsync($"findings/{findingId}/record.json", ct) is not { } bytes) return null;
        var record = JsonSerializer.Deserialize(bytes, BucketJsonContext.Default.BucketRecord);
        if (record is not { Kind: "bucket" }) return null;
        var account = await members.StandingAsync(record.AccountId ?? policy.AccountId, ct);
        if (account.Kind == AccountKind.NotMember)
            throw new Json.MalformedEventException($"finding {findingId} was contained in account {account.Label}, which is no longer one of Steward's member accounts ({members.Describe()}): release it there by hand");
        var s3 = await _reach.ReachAsync(account, findingId, $"bucket {record.Bucket}", "steward-release", ct);
        var undone = new List<string>();
        if (record.Blocked)
        {
            await s3.SetPublicAccessBlockAsync(record.Bucket, record.BlockBefore, ct);
            undone.Add(record.BlockBefore is null ? "its public access block removed, as it had none" : "its public access block as it was");
        }
        if (record.Tagged)
        {
            await s3.SetTagsAsync(record.Bucket, record.TagsBefore, ct);
            undone.Add("its tags as they were");
        }
        var restored = undone.Count > 0 ? string.Join("; ", undone) : "nothing had been changed";
        var sms = $"Steward: bucket {record.Bucket} released from {record.FindingType}";
        while (Encoding.UTF8.GetByteCount(sms) > AlertComposer.SmsBytes) sms = sms[..^1];
        await alerts.PublishAsync(new Alert($"Steward released bucket {record.Bucket} (finding {record.FindingType})", sms,
            $"Bucket {record.Bucket} in account {account.Label} was released from the containment of finding {findingId} ({record.FindingType}).\nReason given: {reason ?? "none"}\nRestored: {restored}\n"), ct);
        log.Info("bucket released", ("findingId", findingId), ("bucket", record.Bucket), ("restored", restored));
        return restored;
    }

    private Task WriteAsync(string prefix, BucketRecord record, CancellationToken ct) =>
        evidence.PutAsync(prefix + "record.json", JsonSerializer.SerializeToUtf8Bytes(record, BucketJsonContext.Default.BucketRecord), "application/json", ct);

    private static Alert Alert(BucketPlan plan, GuardDutyFinding f, IReadOnlyList<string> done)
    {
        var sample = plan.Sample ? "[SAMPLE] " : "";
        var bucket = plan.Bucket ?? "an unnamed bucket";
        var sms = $"{sample}Steward: bucket {bucket} {plan.FindingType} sev {plan.Severity:0.#} {plan.Band}: {(done.Count == 0 ? "notified only" : string.Join(",", plan.Steps))}";
        while (Encoding.UTF8.GetByteCount(sms) > AlertComposer.SmsBytes) sms = sms[..^1];
        var email = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{sample}GuardDuty finding {plan.FindingType}, severity {plan.Severity:0.#} ({plan.Band}), on bucket {bucket}.")
            .AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Title: {f.Title}").AppendLine(CultureInfo.InvariantCulture, $"Account: {plan.Account?.Label ?? "not named by the finding"}")
            .AppendLine(CultureInfo.InvariantCulture, $"Response: {plan.Level}").AppendLine().AppendLine("Why:");
        foreach (var r in plan.Reasons) email.AppendLine("  - " + r);
        if (done.Count > 0)
        {
            email.AppendLine().AppendLine("Done:");
            foreach (var d in done) email.AppendLine("  - " + d);
            email.AppendLine().AppendLine(CultureInfo.InvariantCulture,
                $"To release (puts back its public access block and tags): {{\"steward-action\":\"release\",\"findingId\":\"{plan.FindingId}\",\"reason\":\"…\"}} to the GuardDuty responder.");
        }
        email.AppendLine(CultureInfo.InvariantCulture, $"Finding id: {plan.FindingId}");
        var inAccount = plan.Account is { Kind: AccountKind.Member } member ? $" in {member.Label}" : "";
        return new Alert($"{sample}Steward GuardDuty {plan.Band} {plan.FindingType} on bucket {bucket}{inAccount}", sms, email.ToString());
    }

    private string Now() => clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
