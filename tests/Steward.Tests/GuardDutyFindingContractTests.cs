using System.Text.Json;
using Steward.Core.Events;
using Steward.Core.Json;
using Steward.Testing;

namespace Steward.Tests;

/// <summary>Every GuardDuty fixture, real findings from five public sources, reads into the contract, field by field.</summary>
public class GuardDutyFindingContractTests
{
    private static GuardDutyFinding Raw(string file) =>
        JsonSerializer.Deserialize(Fixtures.Text("guardduty/" + file), StewardJsonContext.Default.GuardDutyFinding)!;

    private static EventBridgeEvent<GuardDutyFinding> Enveloped(string file) =>
        JsonSerializer.Deserialize(Fixtures.Text("guardduty/" + file), StewardJsonContext.Default.EventBridgeEventGuardDutyFinding)!;

    public static TheoryData<string> AllGuardDutyFixtures() => new(Fixtures.All("json").Where(f => f.StartsWith("guardduty")).Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(AllGuardDutyFixtures))]
    public void Every_fixture_reads_with_an_id_a_type_a_severity_and_a_resource_type(string file)
    {
        var finding = file.StartsWith("eb-") ? Enveloped(file).Detail! : Raw(file);
        Assert.False(string.IsNullOrWhiteSpace(finding.Id));
        Assert.Contains('/', finding.Type ?? "");
        Assert.InRange(finding.Severity, 0.1, 10);
        Assert.False(string.IsNullOrWhiteSpace(finding.Resource?.ResourceType));
        Assert.True(finding.Service!.Count >= 1);
    }

    [Fact]
    public void A_real_crypto_mining_finding_in_its_EventBridge_envelope_reads_whole()
    {
        var e = Enveloped("eb-real-cryptocurrency-ec2-bitcointool-b-dns.MASKED-TIMES.jbarreto7991.json");
        Assert.Equal(GuardDutyFinding.Source, e.Source);
        Assert.Equal(GuardDutyFinding.DetailType, e.DetailType);
        Assert.Null(FindingEvents.Reject(e));
        var f = e.Detail!;
        Assert.Equal("92c1a1d65b221e96d6a6fae27aaaae43", f.Id);
        Assert.Equal("CryptoCurrency:EC2/BitcoinTool.B!DNS", f.Type);
        Assert.Equal(8, f.Severity);
        Assert.Equal("Instance", f.Resource!.ResourceType);
        Assert.Equal("i-00aa97663294ffbbd", f.Resource.InstanceDetails!.InstanceId);
        Assert.Equal(278, f.Service!.Count);
        Assert.False(f.Service.Archived);
        // The author masked every time as XXXX-XX-XXTXX:XX:XXZ: unreadable times are null, not a failed event.
        Assert.Null(f.Resource.InstanceDetails.LaunchTime);
        Assert.Null(f.CreatedAt);
    }

    [Fact]
    public void An_instance_finding_carries_its_network_interfaces_security_groups_and_tags()
    {
        var instance = Raw("raw-unauthorizedaccess-ec2-sshbruteforce.panther.json").Resource!.InstanceDetails!;
        var nic = Assert.Single(instance.NetworkInterfaces!);
        Assert.StartsWith("eni-", nic.NetworkInterfaceId);
        Assert.StartsWith("vpc-", nic.VpcId);
        Assert.Equal("sg-0225c1ef2723cd87d", Assert.Single(nic.SecurityGroups!).GroupId);
        Assert.Single(instance.Tags!);

        // The 2017 format names no interface id at all: the responder must take interfaces from EC2, not from the finding.
        var legacy = Raw("raw-recon-ec2-portprobeunprotectedport-2017-legacy.TRANSCRIBED.sumologic-docs.json").Resource!.InstanceDetails!;
        var legacyNic = Assert.Single(legacy.NetworkInterfaces!);
        Assert.Null(legacyNic.NetworkInterfaceId);
        Assert.Equal("sg-67e3bb1d", Assert.Single(legacyNic.SecurityGroups!).GroupId);
        Assert.Equal(4, legacy.Tags!.Count);
    }

    [Fact]
    public void A_sample_finding_says_so_and_a_cloud_custodian_finding_without_interfaces_reads()
    {
        var f = Enveloped("eb-backdoor-ec2-cc-activity-b-dns.cloud-custodian.json").Detail!;
        Assert.Equal("i-99999999", f.Resource!.InstanceDetails!.InstanceId);
        Assert.Null(f.Resource.InstanceDetails.NetworkInterfaces);
        Assert.True(f.Service!.AdditionalInfo!.Sample);
    }

    [Fact]
    public void Legacy_2017_findings_with_epoch_launch_time_numeric_asn_and_plus0000_offsets_read()
    {
        var f = Raw("raw-recon-ec2-portprobeunprotectedport-2017-legacy.TRANSCRIBED.sumologic-docs.json");
        Assert.Equal("i-0d6c314027f74dc82", f.Resource!.InstanceDetails!.InstanceId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1481719450000), f.Resource.InstanceDetails.LaunchTime);
        Assert.NotNull(f.CreatedAt);
        Assert.Equal(TimeSpan.Zero, f.CreatedAt!.Value.Offset);
        Assert.Equal(743, f.Service!.Count);
    }

    [Fact]
    public void Epoch_millisecond_launch_time_reads_as_that_instant()
    {
        var f = Raw("raw-canary-ec2-stateless-integtest.aws-samples-automated-response.json");
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1492735675000), f.Resource!.InstanceDetails!.LaunchTime);
    }

    [Fact]
    public void A_finding_without_network_interfaces_still_reads()
    {
        var f = Raw("raw-trojan-ec2-dgadomainrequest-b.panther.json");
        Assert.Equal("Trojan:EC2/DGADomainRequest.B", f.Type);
        Assert.Null(f.Resource!.InstanceDetails!.NetworkInterfaces);
        Assert.Equal(new DateTimeOffset(2018, 8, 26, 14, 17, 23, TimeSpan.Zero), f.Resource.InstanceDetails.LaunchTime);
    }

    [Fact]
    public void An_access_key_finding_that_also_carries_instance_details_is_decided_by_resource_type()
    {
        var f = Raw("raw-recon-iamuser-maliciousipcaller-custom.aws-samples-automated-response.json");
        Assert.Equal("AccessKey", f.Resource!.ResourceType);
        Assert.Equal("i-99999999", f.Resource.InstanceDetails!.InstanceId);
        Assert.NotNull(f.Resource.AccessKeyDetails!.AccessKeyId);
        Assert.True(f.Service!.Archived);
    }

    [Theory]
    [InlineData("raw-pentest-s3-parrotlinux.aws-samples-automated-response.json", "S3Bucket")]
    [InlineData("raw-persistence-kubernetes-successfulanonymousaccess.TRANSCRIBED.elastic-integrations.json", "EKSCluster")]
    [InlineData("raw-credentialaccess-rds-anomalousbehavior-successfullogin.TRANSCRIBED.elastic-integrations.json", "RDSDBInstance")]
    [InlineData("raw-stealth-iamuser-loggingconfigurationmodified.panther.json", "AccessKey")]
    public void Non_instance_findings_name_their_resource_type(string file, string resourceType) =>
        Assert.Equal(resourceType, Raw(file).Resource!.ResourceType);

    [Fact]
    public void An_S3_finding_names_its_bucket()
    {
        var bucket = Assert.Single(Raw("raw-pentest-s3-parrotlinux.aws-samples-automated-response.json").Resource!.S3BucketDetails!);
        Assert.False(string.IsNullOrEmpty(bucket.Name));
    }

    [Fact]
    public void A_partial_envelope_without_source_is_rejected_with_the_reason()
    {
        var e = Enveloped("eb-partial-unauthorizedaccess-ec2-sshbruteforce.aws-samples-waf-acl.json");
        Assert.Equal("UnauthorizedAccess:EC2/SSHBruteForce", e.Detail!.Type);
        Assert.Equal("source is '(missing)', expected 'aws.guardduty'", FindingEvents.Reject(e));
    }

    [Fact]
    public void A_scheduled_event_is_not_a_finding()
    {
        var e = JsonSerializer.Deserialize(Fixtures.Text("eventbridge/scheduled-event.aws-lambda-dotnet.json"), StewardJsonContext.Default.EventBridgeEventGuardDutyFinding)!;
        Assert.Equal("source is 'aws.events', expected 'aws.guardduty'", FindingEvents.Reject(e));
    }
}
