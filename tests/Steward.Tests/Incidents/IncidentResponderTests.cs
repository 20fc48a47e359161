using System.Security.Cryptography;
using System.Text.Json;
using Steward.Core.Incidents;
using Steward.Core.Json;

using Steward.Testing;

namespace Steward.Tests.Incidents;

public class IncidentResponderTests
{
    private readonly Bench _bench = new();
    private static readonly CancellationToken None = CancellationToken.None;
    private const string FindingId = "92c1a1d65b221e96d6a6fae27aaaae43";

    private Task<ResponseReport> Respond(System.Text.Json.Nodes.JsonObject e) => _bench.Responder.RespondAsync(Findings.Parse(e), Findings.Bytes(e), None);

    private EvidenceRecord Record() =>
        JsonSerializer.Deserialize(_bench.Evidence.Objects[$"findings/{FindingId}/record.json"][^1], IncidentJsonContext.Default.EvidenceRecord)!;

    [Fact]
    public async Task A_high_finding_is_preserved_contained_stopped_and_notified_in_the_playbook_s_order()
    {
        _bench.Ec2.Add(FakeContainment.Instance());
        var report = await Respond(Findings.About(Findings.CryptoMining, "i-0abc", 8));

        Assert.All(report.Outcomes, o => Assert.True(o.Succeeded, o.Detail));
        var calls = _bench.Ec2.Calls;
        int At(string call) => calls.FindIndex(c => c.StartsWith(call, StringComparison.Ordinal));
        // The preserve steps run at once (no order among them), all before anything is contained.
        foreach (var preserve in new[] { "put findings/" + FindingId + "/finding.json", "snapshot vol-root", "snapshot vol-data", "protect", "tag steward:quarantine" })
            Assert.True(At(preserve) >= 0 && At(preserve) < At("set-groups"), preserve);
        Assert.True(At("put findings/" + FindingId + "/record.json") < At("set-groups"), "the groups are backed up before they change");
        Assert.True(At("set-groups") < At("stop i-0abc"));
        Assert.True(At("stop i-0abc") < At("publish"));

        var instance = _bench.Ec2.Instances["i-0abc"];
        Assert.Equal(["sg-isolation"], instance.Interfaces.Single().SecurityGroupIds);
        Assert.Contains("i-0abc", _bench.Ec2.Stopped);
        Assert.Contains("i-0abc", _bench.Ec2.Protected);
        Assert.StartsWith(FindingId + " CryptoCurrency:EC2/BitcoinTool.B!DNS 2026-11-25T12:00:00Z", instance.Tags[ContainmentPlanner.QuarantineTag]);
        Assert.Equal("RecordEvidence+SnapshotVolumes+Protect+Quarantine+Isolate+Stop", instance.Tags[ContainmentPlanner.FindingTag(FindingId)]);
        Assert.All(_bench.Ec2.Snapshots, s => Assert.Equal(FindingId, s.Tags["steward:finding"]));
        Assert.Equal(2, _bench.Ec2.Snapshots.Count);

        var alert = Assert.Single(_bench.Alerts.Sent);
        Assert.Contains("isolated,stopped", alert.Sms);
        Assert.Contains("snap-root, snap-data", alert.Email);
    }

    [Fact]
    public async Task The_record_keeps_the_group_backup_and_the_SHA_256_of_each_evidence_object()
    {
        _bench.Ec2.Add(FakeContainment.Instance());
        await Respond(Findings.About(Findings.CryptoMining, "i-0abc", 8));

        var record = Record();
        Assert.Equal(["sg-web", "sg-ssh"], record.SecurityGroupBackup["eni-1"]);
        Assert.Equal("sg-isolation", record.IsolationGroupId);
        Assert.Equal(["snap-root", "snap-data"], record.SnapshotIds);
        Assert.Equal(2, record.Objects.Count);
        foreach (var o in record.Objects)
            Assert.Equal(o.Sha256, Convert.ToHexStringLower(SHA256.HashData(_bench.Evidence.Objects[o.Key][^1])));
        Assert.Contains(record.Outcomes, o => o.Step == "Stop" && o.Succeeded);
    }

    [Fact]
    public async Task A_failed_snapshot_is_reported_and_the_instance_is_still_isolated_and_stopped()
    {
        _bench.Ec2.Add(FakeContainment.Instance());
        _bench.Ec2.FailingVolumes.Add("vol-data");
        var report = await Respond(Findings.About(Findings.CryptoMining, "i-0abc", 8));

        Assert.Contains(report.Outcomes, o => o.Step == ResponseStep.SnapshotVolumes && !o.Succeeded && o.Detail.Contains("vol-data"));
        Assert.Contains("i-0abc", _bench.Ec2.Stopped);
        Assert.Equal(["sg-isolation"], _bench.Ec2.Instances["i-0abc"].Interfaces.Single().SecurityGroupIds);
        Assert.Contains("snapshots FAILED", Assert.Single(_bench.Alerts.Sent).Sms);
    }

    [Fact]
    public async Task Evidence_that_cannot_be_written_does_not_hold_containment_up()
    {
        _bench.Ec2.Add(FakeContainment.Instance());
        _bench.Evidence.Fail = true;
        await Assert.ThrowsAsync<Steward.Core.Ports.DependencyFailed>(() => Respond(Findings.About(Findings.CryptoMining, "i-0abc", 8)));
        // The notice could not be recorded, so the invocation fails and is retried; the instance was contained first.
        Assert.Contains("i-0abc", _bench.Ec2.Stopped);
        Assert.Equal(["sg-isolation"], _bench.Ec2.Instances["i-0abc"].Interfaces.Single().SecurityGroupIds);
    }

    [Fact]
    public async Task A_failed_isolation_fails_the_invocation_and_the_retry_does_only_what_is_left()
    {
        _bench.Ec2.Add(FakeContainment.Instance());
        _bench.Ec2.FailIsolation = true;
        await Assert.ThrowsAsync<ContainmentFailed>(() => Respond(Findings.About(Findings.CryptoMining, "i-0abc", 8)));
        Assert.Empty(_bench.Ec2.Stopped);
        Assert.Equal("RecordEvidence+SnapshotVolumes+Protect+Quarantine", _bench.Ec2.Instances["i-0abc"].Tags[ContainmentPlanner.FindingTag(FindingId)]);

        _bench.Ec2.FailIsolation = false;
        var snapshotsBefore = _bench.Ec2.Snapshots.Count;
        var retry = await Respond(Findings.About(Findings.CryptoMining, "i-0abc", 8));
        Assert.Equal([ResponseStep.Isolate, ResponseStep.Stop], retry.Outcomes.Select(o => o.Step));
        Assert.Equal(snapshotsBefore, _bench.Ec2.Snapshots.Count);
        Assert.Contains("i-0abc", _bench.Ec2.Stopped);
        Assert.Equal(["sg-web", "sg-ssh"], Record().SecurityGroupBackup["eni-1"]);
    }

    [Fact]
    public async Task The_same_finding_again_changes_nothing_and_a_higher_count_is_told_once()
    {
        _bench.Ec2.Add(FakeContainment.Instance());
        await Respond(Findings.About(Findings.CryptoMining, "i-0abc", 8, count: 278));
        var calls = _bench.Ec2.Calls.Count;

        await Respond(Findings.About(Findings.CryptoMining, "i-0abc", 8, count: 278));
        Assert.Single(_bench.Alerts.Sent);
        Assert.Equal(["describe i-0abc"], _bench.Ec2.Calls.Skip(calls).ToList());

        await Respond(Findings.About(Findings.CryptoMining, "i-0abc", 8, count: 279));
        await Respond(Findings.About(Findings.CryptoMining, "i-0abc", 8, count: 279));
        Assert.Equal(2, _bench.Alerts.Sent.Count);
        Assert.Contains("update", _bench.Alerts.Sent[1].Subject);
        Assert.Equal(2, _bench.Ec2.Snapshots.Count);
    }

    [Fact]
    public async Task A_medium_finding_is_preserved_not_contained()
    {
        _bench.Ec2.Add(FakeContainment.Instance());
        await Respond(Findings.About(Findings.CryptoMining, "i-0abc", 5));
        Assert.Equal(2, _bench.Ec2.Snapshots.Count);
        Assert.Empty(_bench.Ec2.Stopped);
        Assert.Equal(["sg-web", "sg-ssh"], _bench.Ec2.Instances["i-0abc"].Interfaces.Single().SecurityGroupIds);
    }

    [Fact]
    public async Task A_notify_only_instance_is_preserved_and_the_email_says_why_it_was_not_stopped()
    {
        _bench.Ec2.Add(FakeContainment.Instance(tags: new() { [ContainmentPlanner.ExemptionTag] = ContainmentPlanner.NotifyOnly }));
        await Respond(Findings.About(Findings.CryptoMining, "i-0abc", 9.5));
        Assert.Empty(_bench.Ec2.Stopped);
        Assert.Contains("never isolated or stopped", Assert.Single(_bench.Alerts.Sent).Email);
    }

    [Fact]
    public async Task A_non_instance_finding_touches_no_instance_and_tells_people_once()
    {
        var e = Findings.Event("guardduty/eb-unauthorizedaccess-iamuser-toripcaller.cloud-custodian.json");
        await Respond(e);
        await Respond(e);
        Assert.DoesNotContain(_bench.Ec2.Calls, c => c.StartsWith("describe") || c.StartsWith("tag") || c.StartsWith("stop"));
        Assert.Contains("no instance", Assert.Single(_bench.Alerts.Sent).Sms);
    }

    /// <summary>Findings Steward does not act on, each still about a named instance people must be able to find.</summary>
    public static TheoryData<string, string> NotActedOn() => new()
    {
        { "another account", """{"accountId":"999999999999"}""" },
        { "no account", """{"accountId":null}""" },
        { "another region", """{"region":"eu-west-1"}""" },
        { "the notify-only Low band", """{"severity":2}""" },
        { "a finding about another resource type", """{"resource":{"resourceType":"AccessKey"}}""" },
        { "a sample finding", """{"service":{"additionalInfo":{"sample":true}}}""" },
    };

    [Theory]
    [MemberData(nameof(NotActedOn))]
    public async Task A_finding_not_acted_on_still_names_its_instance_in_the_SMS_and_the_email(string why, string change)
    {
        _bench.Ec2.Add(FakeContainment.Instance());
        var e = Findings.About(Findings.CryptoMining, "i-0abc", 8);
        var detail = e["detail"]!.AsObject();
        foreach (var (key, value) in System.Text.Json.Nodes.JsonNode.Parse(change)!.AsObject())
        {
            if (value is System.Text.Json.Nodes.JsonObject inner && detail[key] is System.Text.Json.Nodes.JsonObject target)
                foreach (var (k, v) in inner) target[k] = v?.DeepClone();
            else detail[key] = value?.DeepClone();
        }
        if (why == "no account") e["account"] = null;
        var report = await Respond(e);

        Assert.Empty(report.Outcomes);
        Assert.DoesNotContain(_bench.Ec2.Calls, c => c.StartsWith("stop") || c.StartsWith("set-groups"));
        var alert = Assert.Single(_bench.Alerts.Sent);
        Assert.Contains("i-0abc", alert.Sms);
        Assert.Contains("Instance: i-0abc", alert.Email);
        Assert.Contains("i-0abc", alert.Subject);
        Assert.DoesNotContain("no instance", alert.Sms + alert.Email);
    }

    [Fact]
    public async Task A_dry_run_reads_and_reports_and_changes_nothing()
    {
        var bench = new Bench(dryRun: true);
        bench.Ec2.Add(FakeContainment.Instance());
        var e = Findings.About(Findings.CryptoMining, "i-0abc", 8);
        var report = await bench.Responder.RespondAsync(Findings.Parse(e), Findings.Bytes(e), None);
        Assert.Equal(6, report.Plan!.Steps.Count);
        Assert.Equal(["describe i-0abc"], bench.Ec2.Calls);
        Assert.Empty(bench.Alerts.Sent);
        Assert.Contains("\"dryRun\":true", bench.Log.ToString());
    }

    [Fact]
    public async Task A_release_restores_the_saved_groups_and_lifts_the_quarantine()
    {
        _bench.Ec2.Add(FakeContainment.Instance());
        await Respond(Findings.About(Findings.CryptoMining, "i-0abc", 8));

        await _bench.Responder.ReleaseAsync(new ReleaseRequest { StewardAction = "release", FindingId = FindingId, InstanceId = "i-0abc", Reason = "red team exercise" }, None);

        var instance = _bench.Ec2.Instances["i-0abc"];
        Assert.Equal(["sg-web", "sg-ssh"], instance.Interfaces.Single().SecurityGroupIds);
        Assert.False(instance.Tags.ContainsKey(ContainmentPlanner.QuarantineTag));
        Assert.True(instance.Tags.ContainsKey(ContainmentPlanner.ReleasedTag));
        Assert.Contains("red team exercise", _bench.Alerts.Sent[^1].Email);
    }

    [Theory]
    [InlineData("nope", "i-0abc", "no evidence record for finding nope")]
    [InlineData(FindingId, "i-other", "concerns i-0abc, not i-other")]
    public async Task A_release_that_names_the_wrong_finding_or_instance_changes_nothing(string finding, string instance, string expected)
    {
        _bench.Ec2.Add(FakeContainment.Instance());
        await Respond(Findings.About(Findings.CryptoMining, "i-0abc", 8));
        var calls = _bench.Ec2.Calls.Count;
        var e = await Assert.ThrowsAsync<MalformedEventException>(() =>
            _bench.Responder.ReleaseAsync(new ReleaseRequest { StewardAction = "release", FindingId = finding, InstanceId = instance }, None));
        Assert.Contains(expected, e.Message);
        Assert.Equal(calls, _bench.Ec2.Calls.Count);
    }
}
