using System.Text.Json;
using System.Text.Json.Nodes;
using Steward.Core.Incidents;
using Steward.Core.Incidents.Credentials;
using Steward.Core.Observability;
using Steward.Core.Ports;
using Steward.Testing;
using Steward.Tests.Instances;

namespace Steward.Tests.Incidents;

/// <summary>IAM in memory: users with keys and inline policies, roles with inline policies; every change written to <see cref="Calls"/>.</summary>
public sealed class FakeIam : IPrincipalContainment
{
    public Dictionary<string, (Dictionary<string, string> Keys, Dictionary<string, string> Policies, Dictionary<string, string> Tags)> Users { get; } = [];
    public Dictionary<string, Dictionary<string, string>> Roles { get; } = [];
    public List<string> Calls { get; } = [];

    public void AddUser(string name, params string[] keys) => Users[name] = (keys.ToDictionary(k => k, _ => "Active"), [], []);

    public Task<UserFacts?> DescribeUserAsync(string userName, CancellationToken ct) => Task.FromResult(Users.TryGetValue(userName, out var u)
        ? new UserFacts(userName, [.. u.Keys.Select(k => new AccessKeyFacts(k.Key, k.Value))], [.. u.Policies.Keys]) : null);

    public Task SetAccessKeyStatusAsync(string userName, string accessKeyId, bool active, CancellationToken ct)
    {
        Calls.Add($"key {accessKeyId} {(active ? "Active" : "Inactive")}");
        Users[userName].Keys[accessKeyId] = active ? "Active" : "Inactive";
        return Task.CompletedTask;
    }

    public Task PutUserPolicyAsync(string userName, string policyName, string document, CancellationToken ct) { Calls.Add("put-user-policy " + policyName); Users[userName].Policies[policyName] = document; return Task.CompletedTask; }
    public Task DeleteUserPolicyAsync(string userName, string policyName, CancellationToken ct) { Calls.Add("delete-user-policy " + policyName); Users[userName].Policies.Remove(policyName); return Task.CompletedTask; }
    public Task TagUserAsync(string userName, IReadOnlyDictionary<string, string> tags, CancellationToken ct) { Calls.Add("tag-user"); foreach (var t in tags) Users[userName].Tags[t.Key] = t.Value; return Task.CompletedTask; }
    public Task UntagUserAsync(string userName, IReadOnlyList<string> keys, CancellationToken ct) { Calls.Add("untag-user"); foreach (var k in keys) Users[userName].Tags.Remove(k); return Task.CompletedTask; }
    public Task<bool> RoleExistsAsync(string roleName, CancellationToken ct) => Task.FromResult(Roles.ContainsKey(roleName));
    public Task PutRolePolicyAsync(string roleName, string policyName, string document, CancellationToken ct) { Calls.Add("put-role-policy " + policyName); Roles[roleName][policyName] = document; return Task.CompletedTask; }
    public Task DeleteRolePolicyAsync(string roleName, string policyName, CancellationToken ct) { Calls.Add("delete-role-policy " + policyName); Roles[roleName].Remove(policyName); return Task.CompletedTask; }
}

/// <summary>Compromised credentials (GuardDuty's AccessKey findings), from the fixtures' IAM-user findings made to name this account's principals.</summary>
public class CredentialResponseTests
{
    private const string Fixture = "guardduty/eb-unauthorizedaccess-iamuser-toripcaller.cloud-custodian.json";
    private readonly FakeIam _iam = new();
    private readonly List<string> _calls = [];
    private readonly FakeEvidence _evidence;
    private readonly RecordingAlerts _alerts;
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));
    private readonly StringWriter _log = new CheckedLogWriter();

    public CredentialResponseTests()
    {
        _evidence = new FakeEvidence(_calls);
        _alerts = new RecordingAlerts(_calls);
    }

    private CredentialResponder Responder(bool dryRun = false) => new(_iam, _evidence, _alerts,
        new ResponsePolicy("123456789012", "us-east-1", dryRun, ResponsePolicy.DefaultLevels), "steward-prod-", _clock, new StructuredLog(_log, _clock, "GuardDutyResponder"));

    /// <summary>The fixture's finding (a sample as published), made a real one about <paramref name="user"/> of this account.</summary>
    private static JsonObject Finding(string user, string key, string userType = "IAMUser", double severity = 8, bool sample = false)
    {
        var e = Findings.Event(Fixture);
        var d = e["detail"]!.AsObject();
        d["accountId"] = "123456789012";
        d["region"] = "us-east-1";
        d["severity"] = severity;
        d["resource"]!["accessKeyDetails"] = new JsonObject { ["accessKeyId"] = key, ["principalId"] = "AIDAEXAMPLE", ["userName"] = user, ["userType"] = userType };
        d["service"]!["additionalInfo"] = new JsonObject { ["sample"] = sample };
        return e;
    }

    private Task<CredentialReport> Respond(JsonObject e) => Responder().RespondAsync(Findings.Parse(e), Findings.Bytes(e), CancellationToken.None);

    private CredentialRecord Record(string findingId) =>
        JsonSerializer.Deserialize(_evidence.Objects[$"findings/{findingId}/record.json"][^1], CredentialJsonContext.Default.CredentialRecord)!;

    [Fact]
    public async Task A_high_finding_on_a_user_s_key_keeps_the_evidence_deactivates_the_key_denies_the_user_and_tags_it()
    {
        _iam.AddUser("build-bot", "AKIAEXAMPLE0000001", "AKIAEXAMPLE0000002");
        var e = Finding("build-bot", "AKIAEXAMPLE0000001");
        var report = await Respond(e);

        var (keys, policies, tags) = _iam.Users["build-bot"];
        Assert.Equal("Inactive", keys["AKIAEXAMPLE0000001"]);
        Assert.Equal("Active", keys["AKIAEXAMPLE0000002"]); // denied by the policy, not deactivated: its owner may still need to rotate it
        var policy = Assert.Single(policies);
        Assert.Equal(CredentialPlanner.PolicyName(report.Plan.FindingId), policy.Key);
        Assert.Contains("\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"", policy.Value);
        Assert.StartsWith(report.Plan.FindingId, tags[CredentialPlanner.QuarantineTag]);

        var record = Record(report.Plan.FindingId);
        Assert.Equal(["AKIAEXAMPLE0000001:Active", "AKIAEXAMPLE0000002:Active"], record.KeysBefore.Select(k => $"{k.AccessKeyId}:{k.Status}"));
        Assert.Equal(["AKIAEXAMPLE0000001"], record.DeactivatedKeys);
        var alert = Assert.Single(_alerts.Sent);
        Assert.Contains("build-bot", alert.Subject);
        Assert.Contains("\"steward-action\":\"release\"", alert.Email);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(alert.Sms) <= AlertComposer.SmsBytes);
    }

    [Fact]
    public async Task A_release_restores_exactly_what_was_changed_and_a_retry_before_it_keeps_the_original_state()
    {
        _iam.AddUser("build-bot", "AKIAEXAMPLE0000001");
        var e = Finding("build-bot", "AKIAEXAMPLE0000001");
        var report = await Respond(e);
        await Respond(e); // Lambda's retry, or GuardDuty's repeat: the "before" must still be the state before Steward

        Assert.Equal("Active", Record(report.Plan.FindingId).KeysBefore.Single().Status);
        var restored = await Responder().ReleaseAsync(report.Plan.FindingId, "false alarm", CancellationToken.None);

        var (keys, policies, tags) = _iam.Users["build-bot"];
        Assert.Equal("Active", keys["AKIAEXAMPLE0000001"]);
        Assert.Empty(policies);
        Assert.Empty(tags);
        Assert.Contains("access key AKIAEXAMPLE0000001 active again", restored);
    }

    [Fact]
    public async Task A_sample_finding_changes_nothing_and_is_told_as_a_sample()
    {
        _iam.AddUser("GeneratedFindingUserName", "GeneratedFindingAccessKeyId");
        var report = await Respond(Finding("GeneratedFindingUserName", "GeneratedFindingAccessKeyId", sample: true));

        Assert.Equal(ResponseLevel.Notify, report.Plan.Level);
        Assert.Empty(_iam.Calls);
        Assert.DoesNotContain(_evidence.Objects.Keys, k => k.EndsWith("record.json", StringComparison.Ordinal));
        Assert.StartsWith("[SAMPLE] ", Assert.Single(_alerts.Sent).Subject);
    }

    [Fact]
    public async Task The_root_user_is_never_changed_and_people_are_told_what_to_do()
    {
        var report = await Respond(Finding("root", "AKIAROOTEXAMPLE00001", userType: "Root"));
        Assert.Equal(ResponseLevel.Notify, report.Plan.Level);
        Assert.Empty(_iam.Calls);
        Assert.Contains("Steward never changes the root user", Assert.Single(_alerts.Sent).Email);
    }

    [Fact]
    public async Task An_assumed_role_s_older_sessions_are_revoked_but_Steward_s_own_role_is_never_touched()
    {
        _iam.Roles["ci-deployer"] = [];
        _iam.Roles["steward-prod-GuardDutyResponderFunctionRole-ABC"] = [];
        var revoked = await Respond(Finding("ci-deployer", "ASIAEXAMPLE0000001", userType: "AssumedRole"));
        var own = await Respond(Finding("steward-prod-GuardDutyResponderFunctionRole-ABC", "ASIAEXAMPLE0000002", userType: "AssumedRole"));

        var policy = Assert.Single(_iam.Roles["ci-deployer"]).Value;
        Assert.Contains("\"aws:TokenIssueTime\":\"2026-12-04T12:00:00Z\"", policy);
        Assert.Contains(revoked.Plan.Reasons, r => r.Contains("temporary credentials (ASIAEXAMPLE0000001) cannot be deactivated"));
        Assert.Empty(_iam.Roles["steward-prod-GuardDutyResponderFunctionRole-ABC"]);
        Assert.Equal(ResponseLevel.Notify, own.Plan.Level);
        Assert.Contains(own.Plan.Reasons, r => r.Contains("is Steward's own"));

        await Responder().ReleaseAsync(revoked.Plan.FindingId, null, CancellationToken.None);
        Assert.Empty(_iam.Roles["ci-deployer"]);
    }

    [Fact]
    public async Task A_medium_finding_keeps_the_evidence_and_tags_the_user_but_leaves_its_access_alone()
    {
        _iam.AddUser("analyst", "AKIAEXAMPLE0000003");
        await Respond(Finding("analyst", "AKIAEXAMPLE0000003", severity: 5));
        Assert.Equal(["tag-user"], _iam.Calls);
        Assert.Equal("Active", _iam.Users["analyst"].Keys["AKIAEXAMPLE0000003"]);
    }

    [Fact]
    public async Task A_dry_run_plans_and_changes_nothing()
    {
        _iam.AddUser("build-bot", "AKIAEXAMPLE0000001");
        var e = Finding("build-bot", "AKIAEXAMPLE0000001");
        var report = await Responder(dryRun: true).RespondAsync(Findings.Parse(e), Findings.Bytes(e), CancellationToken.None);
        Assert.Equal([CredentialStep.RecordEvidence, CredentialStep.DeactivateKey, CredentialStep.DenyUser, CredentialStep.Tag], report.Plan.Steps);
        Assert.Empty(_iam.Calls);
        Assert.Empty(_evidence.Objects);
    }

    /// <summary>
    /// As for an instance: GuardDuty's repeats of a finding (the same id, a higher <c>service.count</c>) and Lambda's retries
    /// do nothing twice; people hear of a higher count once, and a role's sessions are never revoked a second time (that
    /// would deny the sessions begun since, after the cause was fixed).
    /// </summary>
    [Fact]
    public async Task A_repeat_of_the_finding_does_nothing_twice_and_tells_people_of_a_higher_count_once()
    {
        _iam.Roles["ci-deployer"] = [];
        var e = Finding("ci-deployer", "ASIAEXAMPLE0000001", userType: "AssumedRole");
        await Respond(e);
        var first = Assert.Single(_iam.Roles["ci-deployer"]).Value;
        var changes = _iam.Calls.Count;

        _clock.Now += TimeSpan.FromHours(6);
        var retried = await Respond(e);                    // the same delivery again
        e["detail"]!["service"]!["count"] = 4;
        var repeated = await Respond(e);                   // GuardDuty's update six hours on
        await Respond(e);                                  // and its retry

        Assert.Equal(changes, _iam.Calls.Count);
        Assert.Equal(first, Assert.Single(_iam.Roles["ci-deployer"]).Value); // still the first response's TokenIssueTime
        Assert.Empty(retried.Plan.Steps);
        Assert.Contains(repeated.Plan.Reasons, r => r.Contains("an earlier delivery of this finding already did: RecordEvidence, RevokeRoleSessions"));
        Assert.Equal(2, _alerts.Sent.Count);               // the response, then the count of 4 once
    }
}
