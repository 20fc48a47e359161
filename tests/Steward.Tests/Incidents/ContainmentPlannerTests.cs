using Steward.Core.Incidents;
using Steward.Core.Ports;
using Steward.Testing;


namespace Steward.Tests.Incidents;

public class ContainmentPlannerTests
{
    private static readonly ResponsePolicy Policy = new("123456789012", "us-east-1", false, ResponsePolicy.DefaultLevels);

    private static ContainmentPlan PlanFor(System.Text.Json.Nodes.JsonObject e, InstanceFacts? instance, long notified = 0, ResponsePolicy? policy = null)
    {
        var triage = ContainmentPlanner.Triage(Findings.Parse(e), policy ?? Policy);
        return ContainmentPlanner.Plan(triage, instance, notified, policy ?? Policy);
    }

    [Theory]
    [InlineData(0.1, SeverityBand.Low)]
    [InlineData(3.9, SeverityBand.Low)]
    [InlineData(4.0, SeverityBand.Medium)]
    [InlineData(6.9, SeverityBand.Medium)]
    [InlineData(7.0, SeverityBand.High)]
    [InlineData(8.9, SeverityBand.High)]
    [InlineData(9.0, SeverityBand.Critical)]
    public void Severity_bands_follow_GuardDuty(double severity, SeverityBand band) => Assert.Equal(band, ResponsePolicy.BandOf(severity));

    [Theory]
    [InlineData(8.0, ResponseLevel.Contain, 6)]
    [InlineData(5.0, ResponseLevel.Preserve, 4)]
    [InlineData(2.0, ResponseLevel.Notify, 0)]
    public void By_default_High_is_contained_Medium_preserved_and_Low_notified(double severity, ResponseLevel level, int steps)
    {
        var plan = PlanFor(Findings.About(Findings.CryptoMining, "i-0abc", severity), FakeContainment.Instance());
        Assert.Equal(level, plan.Level);
        Assert.Equal(steps, plan.Steps.Count);
        Assert.Equal(NotifyKind.Full, plan.Notify);
    }

    [Fact]
    public void The_policy_per_band_comes_from_the_template()
    {
        var levels = new Dictionary<SeverityBand, ResponseLevel>(ResponsePolicy.DefaultLevels) { [SeverityBand.Low] = ResponseLevel.Contain };
        var plan = PlanFor(Findings.About(Findings.CryptoMining, "i-0abc", 2.0), FakeContainment.Instance(), policy: Policy with { Levels = levels });
        Assert.Equal(ResponseLevel.Contain, plan.Level);
    }

    [Fact]
    public void A_notify_only_instance_is_preserved_and_never_isolated_or_stopped_and_the_reason_is_said()
    {
        var instance = FakeContainment.Instance(tags: new() { [ContainmentPlanner.ExemptionTag] = ContainmentPlanner.NotifyOnly });
        var plan = PlanFor(Findings.About(Findings.CryptoMining, "i-0abc", 8.0), instance);
        Assert.Equal(ResponseLevel.Preserve, plan.Level);
        Assert.DoesNotContain(ResponseStep.Isolate, plan.Steps);
        Assert.DoesNotContain(ResponseStep.Stop, plan.Steps);
        Assert.Contains(plan.Reasons, r => r.Contains("steward:response=notify-only"));
    }

    [Theory]
    [InlineData("guardduty/eb-unauthorizedaccess-iamuser-toripcaller.cloud-custodian.json", "AccessKey")]
    [InlineData("guardduty/raw-pentest-s3-parrotlinux.aws-samples-automated-response.json", "S3Bucket")]
    [InlineData("guardduty/raw-persistence-kubernetes-successfulanonymousaccess.TRANSCRIBED.elastic-integrations.json", "EKSCluster")]
    [InlineData("guardduty/raw-credentialaccess-rds-anomalousbehavior-successfullogin.TRANSCRIBED.elastic-integrations.json", "RDSDBInstance")]
    public void Non_instance_findings_only_notify(string fixture, string resourceType)
    {
        var e = Findings.Event(fixture);
        e["detail"]!["service"]!["archived"] = false;
        var plan = PlanFor(e, null);
        Assert.Equal(ResponseLevel.Notify, plan.Level);
        Assert.Null(plan.InstanceId);
        Assert.Empty(plan.Steps);
        // A Kubernetes finding says what to do inside the cluster instead (RuntimeFindingTests).
        Assert.Contains(plan.Reasons, r => r.Contains(resourceType == "EKSCluster" ? "a Kubernetes finding" : $"a {resourceType} finding changes nothing in EC2"));
    }

    [Fact]
    public void An_access_key_finding_carrying_instance_details_touches_no_instance()
    {
        var e = Findings.Event("guardduty/raw-recon-iamuser-maliciousipcaller-custom.aws-samples-automated-response.json");
        e["detail"]!["service"]!["archived"] = false;
        var triage = ContainmentPlanner.Triage(Findings.Parse(e), Policy);
        Assert.Null(triage.InstanceId);
    }

    [Fact]
    public void An_instance_of_another_account_is_not_acted_on()
    {
        var plan = PlanFor(Findings.Event(Findings.CryptoMining), FakeContainment.Instance("i-00aa97663294ffbbd"));
        Assert.Equal(ResponseLevel.Notify, plan.Level);
        Assert.Contains(plan.Reasons, r => r.Contains("account XXXXXXXXXXXX"));
    }

    [Fact]
    public void An_archived_finding_is_ignored() =>
        Assert.Equal("the finding is archived",
            ContainmentPlanner.Triage(Findings.Parse(Findings.Event("guardduty/raw-pentest-s3-parrotlinux.aws-samples-automated-response.json")), Policy).IgnoreReason);

    [Fact]
    public void A_sample_finding_never_acts_on_an_instance()
    {
        var e = Findings.About("guardduty/eb-backdoor-ec2-cc-activity-b-dns.cloud-custodian.json", "i-0abc", 8.0);
        var plan = PlanFor(e, FakeContainment.Instance());
        Assert.True(plan.Sample);
        Assert.Equal(ResponseLevel.Notify, plan.Level);
    }

    [Fact]
    public void A_missing_instance_only_notifies() =>
        Assert.Contains(PlanFor(Findings.About(Findings.CryptoMining, "i-gone"), null).Reasons, r => r.Contains("i-gone does not exist"));

    [Fact]
    public void A_re_sent_finding_does_only_what_is_left_and_tells_people_of_a_higher_count_once()
    {
        var all = "RecordEvidence+SnapshotVolumes+Protect+Quarantine+Isolate+Stop";
        var instance = FakeContainment.Instance(tags: new() { [ContainmentPlanner.FindingTag("92c1a1d65b221e96d6a6fae27aaaae43")] = all });

        var same = PlanFor(Findings.About(Findings.CryptoMining, "i-0abc", count: 278), instance, notified: 278);
        Assert.Empty(same.Steps);
        Assert.Equal(NotifyKind.None, same.Notify);

        var more = PlanFor(Findings.About(Findings.CryptoMining, "i-0abc", count: 279), instance, notified: 278);
        Assert.Empty(more.Steps);
        Assert.Equal(NotifyKind.Update, more.Notify);
    }

    [Fact]
    public void An_escalated_finding_adds_the_steps_its_new_band_needs()
    {
        var instance = FakeContainment.Instance(tags: new() { [ContainmentPlanner.FindingTag("92c1a1d65b221e96d6a6fae27aaaae43")] = "RecordEvidence+SnapshotVolumes+Protect+Quarantine" });
        var plan = PlanFor(Findings.About(Findings.CryptoMining, "i-0abc", 8.5), instance, notified: 278);
        Assert.Equal([ResponseStep.Isolate, ResponseStep.Stop], plan.Steps);
        Assert.Equal(NotifyKind.Full, plan.Notify);
    }
}
