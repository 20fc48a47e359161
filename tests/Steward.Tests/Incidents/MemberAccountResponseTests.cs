using System.Text.Json;
using Steward.Core.Incidents;
using Steward.Core.Observability;
using Steward.Core.Organizations;
using Steward.Core.Ports;
using Steward.Testing;
using Steward.Tests.Instances;

namespace Steward.Tests.Incidents;

/// <summary>Organizations as the directory answers them: names, or a failure on demand.</summary>
public sealed class FakeDirectory(params (string Id, string Name)[] accounts) : IAccountDirectory
{
    public int Reads { get; private set; }
    public bool Fail { get; set; }

    public Task<IReadOnlyDictionary<string, string>> NamesAsync(CancellationToken ct)
    {
        Reads++;
        if (Fail) throw new DependencyFailed("organizations", "AccessDeniedException", "not allowed to list the organization's accounts", 400);
        return Task.FromResult<IReadOnlyDictionary<string, string>>(accounts.ToDictionary(a => a.Id, a => a.Name));
    }
}

/// <summary>EC2 per account, each account its own fake; a member whose role cannot be assumed fails as STS would.</summary>
public sealed class FakeAccounts(string home, List<string> calls) : IAccountAccess<IInstanceContainment>
{
    public Dictionary<string, FakeContainment> Ec2 { get; } = [];
    public HashSet<string> Unreachable { get; } = [];
    public List<(string Account, string Session)> Sessions { get; } = [];

    public FakeContainment In(string account) => Ec2.TryGetValue(account, out var f) ? f : Ec2[account] = new FakeContainment();

    public Task<IInstanceContainment> InAsync(string accountId, string sessionName, CancellationToken ct)
    {
        calls.Add($"reach {accountId}");
        if (accountId != home) Sessions.Add((accountId, sessionName));
        if (Unreachable.Contains(accountId))
            throw new DependencyFailed("sts", "AccessDenied", $"account {accountId} is not set up for Steward: arn:aws:iam::{accountId}:role/StewardMember-GuardDutyResponder cannot be assumed", 403);
        return Task.FromResult<IInstanceContainment>(In(accountId));
    }
}

public class MemberAccountResponseTests
{
    private const string Home = "123456789012";
    private const string Payments = "111111111111";
    private const string Stranger = "333333333333";
    private const string FindingId = "92c1a1d65b221e96d6a6fae27aaaae43";
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly List<string> _calls = [];
    private readonly FakeAccounts _accounts;
    private readonly FakeEvidence _evidence;
    private readonly RecordingAlerts _alerts;
    private readonly FakeDirectory _directory = new((Home, "Security tooling"), (Payments, "Payments prod"), ("222222222222", "Data lake"));
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));

    public MemberAccountResponseTests()
    {
        _accounts = new FakeAccounts(Home, _calls);
        _evidence = new FakeEvidence(_calls);
        _alerts = new RecordingAlerts(_calls);
    }

    private IncidentResponder Responder(string members) => new(_accounts, MemberAccounts.Parse(Home, members, _directory), _evidence, _alerts,
        new FakeFailedEvents(_calls), new ResponsePolicy(Home, "us-east-1", false, ResponsePolicy.DefaultLevels), _clock,
        new StructuredLog(new CheckedLogWriter(), _clock, "GuardDutyResponder"));

    /// <summary>A real finding, about an instance of <paramref name="account"/>, delivered on the hub's bus (the event's account is the hub's).</summary>
    private static System.Text.Json.Nodes.JsonObject FindingIn(string account, string instanceId = "i-0abc")
    {
        var e = Findings.About(Findings.CryptoMining, instanceId, 8);
        e["detail"]!["accountId"] = account;
        return e;
    }

    private static Task<ResponseReport> Respond(IncidentResponder r, System.Text.Json.Nodes.JsonObject e) => r.RespondAsync(Findings.Parse(e), Findings.Bytes(e), None);

    [Fact]
    public async Task A_member_account_s_instance_is_contained_there_with_the_evidence_kept_here_and_the_alert_naming_the_account()
    {
        _accounts.In(Payments).Add(FakeContainment.Instance());
        var report = await Respond(Responder(Payments), FindingIn(Payments));

        Assert.Equal(ResponseLevel.Contain, report.Plan!.Level);
        var member = _accounts.Ec2[Payments];
        Assert.Contains("i-0abc", member.Stopped);
        Assert.Equal(["sg-isolation"], member.Instances["i-0abc"].Interfaces.Single().SecurityGroupIds);
        Assert.False(_accounts.Ec2.ContainsKey(Home), "nothing in the hub's own EC2 was asked");
        // One session for the finding, named for it.
        Assert.Equal([(Payments, "steward-finding-" + FindingId)], _accounts.Sessions.Distinct());

        var record = JsonSerializer.Deserialize(_evidence.Objects[$"findings/{FindingId}/record.json"][^1], IncidentJsonContext.Default.EvidenceRecord)!;
        Assert.Equal((Payments, "us-east-1"), (record.AccountId, record.Region));
        var alert = Assert.Single(_alerts.Sent);
        Assert.Contains("in Payments prod (111111111111)", alert.Subject);
        Assert.Contains("Account and region: Payments prod (111111111111) (a member account) us-east-1", alert.Email);
    }

    [Fact]
    public async Task A_finding_in_an_account_that_is_not_a_member_changes_nothing_and_says_so()
    {
        _accounts.In(Stranger).Add(FakeContainment.Instance());
        var report = await Respond(Responder(Payments), FindingIn(Stranger));

        Assert.Equal(ResponseLevel.Notify, report.Plan!.Level);
        Assert.DoesNotContain(_calls, c => c.StartsWith("reach", StringComparison.Ordinal));
        Assert.Empty(_accounts.Ec2[Stranger].Calls);
        Assert.Contains(report.Plan!.Reasons, r => r.Contains("account 333333333333, which is not this responder's 123456789012 nor one of its member accounts: refused, nothing was touched"));
        Assert.Contains("(not a member account: Steward does not act there)", Assert.Single(_alerts.Sent).Email);
    }

    [Fact]
    public async Task A_member_whose_role_cannot_be_assumed_fails_the_invocation_and_people_are_told_which_account()
    {
        _accounts.Unreachable.Add(Payments);
        var failed = await Assert.ThrowsAsync<ContainmentFailed>(() => Respond(Responder(Payments), FindingIn(Payments)));

        Assert.Contains("Payments prod (111111111111) cannot be reached", failed.Message);
        var alert = Assert.Single(_alerts.Sent);
        Assert.Contains("NOT contained", alert.Subject);
        Assert.Contains("deploy member/template.yaml there", alert.Email);
        Assert.Contains("StewardMember-GuardDutyResponder cannot be assumed", alert.Email);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(alert.Sms) <= AlertComposer.SmsBytes);
        Assert.DoesNotContain(_calls, c => c.StartsWith("put ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_whole_organization_is_read_once_and_an_account_outside_it_is_refused()
    {
        _accounts.In("222222222222").Add(FakeContainment.Instance("i-0def"));
        var responder = Responder(MemberAccounts.WholeOrganization);

        var inside = await Respond(responder, FindingIn("222222222222", "i-0def"));
        var outside = await Respond(responder, FindingIn(Stranger, "i-0fff"));

        Assert.Equal(ResponseLevel.Contain, inside.Plan!.Level);
        Assert.Contains("i-0def", _accounts.Ec2["222222222222"].Stopped);
        Assert.Equal(ResponseLevel.Notify, outside.Plan!.Level);
        Assert.Equal(1, _directory.Reads);
    }

    [Fact]
    public async Task When_the_organization_cannot_be_read_the_invocation_fails_and_the_next_one_reads_it_again()
    {
        var members = MemberAccounts.Parse(Home, "organization", _directory);
        _directory.Fail = true;
        await Assert.ThrowsAsync<DependencyFailed>(() => members.StandingAsync(Payments, None));
        _directory.Fail = false;
        Assert.Equal(AccountKind.Member, (await members.StandingAsync(Payments, None)).Kind);
        Assert.Equal(2, _directory.Reads);
    }

    [Fact]
    public async Task Listed_members_without_Organizations_are_named_by_id()
    {
        _directory.Fail = true;
        var standing = await MemberAccounts.Parse(Home, "111111111111, 222222222222", _directory).StandingAsync(Payments, None);
        Assert.Equal((AccountKind.Member, "111111111111"), (standing.Kind, standing.Label));
    }

    [Theory]
    [InlineData("11111111111", "'11111111111'")]
    [InlineData("111111111111,payments", "'payments'")]
    [InlineData("111111111111;222222222222", "'111111111111;222222222222'")]
    public void A_member_list_that_is_not_account_ids_is_refused_at_start_naming_the_entry(string text, string named)
    {
        var e = Assert.Throws<ConfigurationException>(() => MemberAccounts.Parse(Home, text, _directory));
        Assert.Contains(named, e.Message);
        Assert.Contains("MEMBER_ACCOUNTS", e.Message);
    }

    [Fact]
    public async Task A_release_acts_in_the_account_the_record_says_the_instance_was_contained_in()
    {
        _accounts.In(Payments).Add(FakeContainment.Instance());
        var responder = Responder(Payments);
        await Respond(responder, FindingIn(Payments));

        var restored = await responder.ReleaseAsync(new ReleaseRequest { StewardAction = "release", FindingId = FindingId, InstanceId = "i-0abc", Reason = "false alarm" }, None);

        Assert.Equal("eni-1 back to sg-web,sg-ssh", restored);
        Assert.Equal(["sg-web", "sg-ssh"], _accounts.Ec2[Payments].Instances["i-0abc"].Interfaces.Single().SecurityGroupIds);
        Assert.Contains((Payments, "steward-release-" + FindingId), _accounts.Sessions);
        Assert.Contains("in account Payments prod (111111111111) was released", _alerts.Sent[^1].Email);
    }

    [Fact]
    public async Task A_release_for_an_account_no_longer_a_member_is_refused_and_touches_nothing()
    {
        _accounts.In(Payments).Add(FakeContainment.Instance());
        await Respond(Responder(Payments), FindingIn(Payments));
        var calls = _accounts.Ec2[Payments].Calls.Count;

        var refused = await Assert.ThrowsAsync<Steward.Core.Json.MalformedEventException>(() =>
            Responder("222222222222").ReleaseAsync(new ReleaseRequest { StewardAction = "release", FindingId = FindingId, InstanceId = "i-0abc" }, None));
        Assert.Contains("no longer one of Steward's member accounts", refused.Message);
        Assert.Equal(calls, _accounts.Ec2[Payments].Calls.Count);
    }
}
