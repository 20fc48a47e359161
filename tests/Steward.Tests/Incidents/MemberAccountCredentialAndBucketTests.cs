using System.Text.Json;
using System.Text.Json.Nodes;
using Steward.Core.Incidents;
using Steward.Core.Incidents.Buckets;
using Steward.Core.Incidents.Credentials;
using Steward.Core.Observability;
using Steward.Core.Organizations;
using Steward.Core.Ports;
using Steward.Testing;
using Steward.Tests.Instances;

namespace Steward.Tests.Incidents;

/// <summary>One fake per account (IAM, S3, ...); a member whose role cannot be assumed fails as STS would.</summary>
public sealed class FakeAccountsOf<T>(string home, Func<T> make) : IAccountAccess<T>
{
    public Dictionary<string, T> Accounts { get; } = [];
    public HashSet<string> Unreachable { get; } = [];
    public List<(string Account, string Session)> Sessions { get; } = [];

    public T In(string account) => Accounts.TryGetValue(account, out var f) ? f : Accounts[account] = make();

    public Task<T> InAsync(string accountId, string sessionName, CancellationToken ct)
    {
        Sessions.Add((accountId, sessionName));
        if (accountId != home && Unreachable.Contains(accountId))
            throw new DependencyFailed("sts", "AccessDenied", $"account {accountId} is not set up for Steward: arn:aws:iam::{accountId}:role/StewardMember-GuardDutyResponder cannot be assumed", 403);
        return Task.FromResult(In(accountId));
    }
}

/// <summary>S3 buckets in memory: each bucket's public access block and tags.</summary>
public sealed class FakeBuckets : IBucketContainment
{
    public Dictionary<string, (PublicAccessBlockState? Block, Dictionary<string, string> Tags)> Buckets { get; } = [];

    public Task<BucketFacts?> DescribeAsync(string bucket, CancellationToken ct) => Task.FromResult(Buckets.TryGetValue(bucket, out var b)
        ? new BucketFacts(bucket, "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\"}]}", "{}", b.Block, b.Tags) : null);

    /// <summary>Every change, in order.</summary>
    public List<string> Calls { get; } = [];

    public Task SetPublicAccessBlockAsync(string bucket, PublicAccessBlockState? state, CancellationToken ct)
    {
        Calls.Add("block " + bucket);
        Buckets[bucket] = (state, Buckets[bucket].Tags);
        return Task.CompletedTask;
    }

    public Task SetTagsAsync(string bucket, IReadOnlyDictionary<string, string> tags, CancellationToken ct)
    {
        Calls.Add("tag " + bucket);
        Buckets[bucket] = (Buckets[bucket].Block, new(tags));
        return Task.CompletedTask;
    }
}

/// <summary>
/// Compromised credentials and exposed buckets in a member account of an organization: acted on there, through the
/// member role, with the evidence in the hub; a non-member's changed nowhere; an unreachable member told loudly; the
/// member roles themselves never revoked; each release made in the account the record names.
/// </summary>
public class MemberAccountCredentialAndBucketTests
{
    private const string Home = "123456789012";
    private const string Payments = "111111111111";
    private const string Stranger = "333333333333";
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly List<string> _calls = [];
    private readonly FakeAccountsOf<FakeIam> _iam = new(Home, () => new FakeIam());
    private readonly FakeAccountsOf<FakeBuckets> _s3 = new(Home, () => new FakeBuckets());
    private readonly FakeEvidence _evidence;
    private readonly RecordingAlerts _alerts;
    private readonly FakeDirectory _directory = new((Home, "Security tooling"), (Payments, "Payments prod"));
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));
    private readonly ResponsePolicy _policy = new(Home, "us-east-1", false, ResponsePolicy.DefaultLevels);

    public MemberAccountCredentialAndBucketTests()
    {
        _evidence = new FakeEvidence(_calls);
        _alerts = new RecordingAlerts(_calls);
    }

    private StructuredLog Log => new(new CheckedLogWriter(), _clock, "GuardDutyResponder");
    private MemberAccounts Members => MemberAccounts.Parse(Home, Payments, _directory);

    private CredentialResponder Credentials() =>
        new(_iam.Select(i => (IPrincipalContainment)i), Members, _evidence, _alerts, _policy, ["steward-prod-", "StewardMember-"], _clock, Log);

    private BucketResponder Buckets() => new(_s3.Select(b => (IBucketContainment)b), Members, _evidence, _alerts, _policy, _clock, Log);

    /// <summary>The fixtures' real findings, made to name a principal or bucket of <paramref name="account"/>, on the hub's bus.</summary>
    private static JsonObject CredentialFinding(string account, string user, string key, string userType = "IAMUser")
    {
        var e = Findings.Event("guardduty/eb-unauthorizedaccess-iamuser-toripcaller.cloud-custodian.json");
        var d = e["detail"]!.AsObject();
        (d["accountId"], d["region"], d["severity"], d["id"]) = (account, "us-east-1", 8, "f" + Guid.NewGuid().ToString("N")[..12]);
        e["account"] = Home;
        d["resource"]!["accessKeyDetails"] = new JsonObject { ["accessKeyId"] = key, ["principalId"] = "AIDAEXAMPLE", ["userName"] = user, ["userType"] = userType };
        d["service"]!["additionalInfo"] = new JsonObject { ["sample"] = false };
        return e;
    }

    private static JsonObject BucketFinding(string account, string bucket)
    {
        var e = Findings.Event("guardduty/raw-pentest-s3-parrotlinux.aws-samples-automated-response.json");
        var d = e["detail"]!.AsObject();
        (d["accountId"], d["region"], d["severity"], d["id"], d["type"]) = (account, "us-east-1", 8, "b" + Guid.NewGuid().ToString("N")[..12], "Policy:S3/BucketAnonymousAccessGranted");
        e["account"] = Home;
        d["resource"]!["s3BucketDetails"]![0]!["name"] = bucket;
        d["service"]!["additionalInfo"] = new JsonObject { ["sample"] = false };
        return e;
    }

    [Fact]
    public async Task A_member_account_s_user_is_contained_there_and_released_there_with_the_evidence_in_the_hub()
    {
        _iam.In(Payments).AddUser("deploy-bot", "AKIAPAYMENTS000001");
        _iam.In(Home).AddUser("deploy-bot", "AKIAPAYMENTS000001"); // the same name at home must not be touched
        var e = CredentialFinding(Payments, "deploy-bot", "AKIAPAYMENTS000001");

        var report = await Credentials().RespondAsync(Findings.Parse(e), Findings.Bytes(e), None);

        Assert.Equal("Inactive", _iam.In(Payments).Users["deploy-bot"].Keys["AKIAPAYMENTS000001"]);
        Assert.Single(_iam.In(Payments).Users["deploy-bot"].Policies);
        Assert.Empty(_iam.In(Home).Calls);
        Assert.Contains((Payments, $"steward-finding-{report.Plan.FindingId}"), _iam.Sessions);
        var record = JsonSerializer.Deserialize(_evidence.Objects[$"findings/{report.Plan.FindingId}/record.json"][^1], CredentialJsonContext.Default.CredentialRecord)!;
        Assert.Equal(Payments, record.AccountId);
        var alert = Assert.Single(_alerts.Sent);
        Assert.EndsWith("in Payments prod (111111111111)", alert.Subject);
        Assert.Contains("Account: Payments prod (111111111111)", alert.Email);

        var restored = await Credentials().ReleaseAsync(report.Plan.FindingId, "rotated", None);

        Assert.Equal("Active", _iam.In(Payments).Users["deploy-bot"].Keys["AKIAPAYMENTS000001"]);
        Assert.Empty(_iam.In(Payments).Users["deploy-bot"].Policies);
        Assert.Contains((Payments, $"steward-release-{report.Plan.FindingId}"), _iam.Sessions);
        Assert.Empty(_iam.In(Home).Calls);
        Assert.Contains("active again", restored);
    }

    [Fact]
    public async Task A_non_member_account_s_credentials_are_not_reached_and_people_are_told()
    {
        var e = CredentialFinding(Stranger, "deploy-bot", "AKIASTRANGER000001");

        var report = await Credentials().RespondAsync(Findings.Parse(e), Findings.Bytes(e), None);

        Assert.Equal(ResponseLevel.Notify, report.Plan.Level);
        Assert.Empty(_iam.Sessions);
        Assert.Contains(report.Plan.Reasons, r => r.Contains("not this responder's 123456789012 nor one of its member accounts"));
        Assert.DoesNotContain(_evidence.Objects.Keys, k => k.EndsWith("record.json", StringComparison.Ordinal));
        Assert.Single(_alerts.Sent);
    }

    [Fact]
    public async Task An_unreachable_member_fails_the_invocation_and_says_the_user_is_not_contained()
    {
        _iam.Unreachable.Add(Payments);
        var e = CredentialFinding(Payments, "deploy-bot", "AKIAPAYMENTS000001");

        await Assert.ThrowsAsync<ContainmentFailed>(() => Credentials().RespondAsync(Findings.Parse(e), Findings.Bytes(e), None));

        var alert = Assert.Single(_alerts.Sent);
        Assert.Contains("IAM user deploy-bot NOT contained", alert.Subject);
        Assert.Contains("Payments prod (111111111111)", alert.Subject);
        Assert.Empty(_evidence.Objects);
    }

    [Fact]
    public async Task A_member_role_of_Steward_s_is_never_revoked_even_when_a_finding_names_it()
    {
        _iam.In(Payments).Roles["StewardMember-GuardDutyResponder"] = [];
        var e = CredentialFinding(Payments, "StewardMember-GuardDutyResponder", "ASIAPAYMENTS000001", "AssumedRole");

        var report = await Credentials().RespondAsync(Findings.Parse(e), Findings.Bytes(e), None);

        Assert.Equal(ResponseLevel.Notify, report.Plan.Level);
        Assert.Empty(_iam.Sessions); // not even looked up
        Assert.Empty(_iam.In(Payments).Roles["StewardMember-GuardDutyResponder"]);
        Assert.Contains(report.Plan.Reasons, r => r.Contains("is Steward's own or an AWS service's"));
    }

    [Fact]
    public async Task A_member_account_s_bucket_is_blocked_there_and_its_release_puts_back_what_it_had()
    {
        _s3.In(Payments).Buckets["payments-exports"] = (null, new() { ["team"] = "payments" });
        var e = BucketFinding(Payments, "payments-exports");

        var (plan, _) = await Buckets().RespondAsync(Findings.Parse(e), Findings.Bytes(e), None);

        Assert.Equal(PublicAccessBlockState.AllOn, _s3.In(Payments).Buckets["payments-exports"].Block);
        Assert.Contains(BucketResponder.QuarantineTag, _s3.In(Payments).Buckets["payments-exports"].Tags.Keys);
        Assert.False(_s3.Accounts.ContainsKey(Home));
        var record = JsonSerializer.Deserialize(_evidence.Objects[$"findings/{plan.FindingId}/record.json"][^1], BucketJsonContext.Default.BucketRecord)!;
        Assert.Equal(Payments, record.AccountId);
        Assert.EndsWith("in Payments prod (111111111111)", Assert.Single(_alerts.Sent).Subject);

        await Buckets().ReleaseAsync(plan.FindingId, "made private by its owner", None);

        Assert.Null(_s3.In(Payments).Buckets["payments-exports"].Block);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "payments" }, _s3.In(Payments).Buckets["payments-exports"].Tags);
        Assert.Contains((Payments, $"steward-release-{plan.FindingId}"), _s3.Sessions);
    }

    [Fact]
    public async Task A_release_is_refused_when_the_account_is_no_longer_a_member()
    {
        _s3.In(Payments).Buckets["payments-exports"] = (null, []);
        var e = BucketFinding(Payments, "payments-exports");
        var (plan, _) = await Buckets().RespondAsync(Findings.Parse(e), Findings.Bytes(e), None);

        var later = new BucketResponder(_s3.Select(b => (IBucketContainment)b), MemberAccounts.None(Home), _evidence, _alerts, _policy, _clock, Log);
        var refused = await Assert.ThrowsAsync<Steward.Core.Json.MalformedEventException>(() => later.ReleaseAsync(plan.FindingId, null, None));

        Assert.Contains("no longer one of Steward's member accounts", refused.Message);
        Assert.Equal(PublicAccessBlockState.AllOn, _s3.In(Payments).Buckets["payments-exports"].Block);
    }
}
