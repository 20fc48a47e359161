using System.Security.Cryptography;
using System.Text;
using Amazon.EC2.Model;
using Amazon.S3.Model;
using Steward.Aws;
using Steward.Aws.Incidents;
using Steward.Core.Instances;
using Steward.Core.Ports;

namespace Steward.Integration.Tests;

/// <summary>The responder's adapters against moto: what EC2 and S3 hold after each playbook call.</summary>
public class IncidentAdapterTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    private AwsClients Clients => new(new AwsEnvironment(new DictionaryEnvironment(moto.AwsEnvironment)));
    private static readonly CancellationToken None = CancellationToken.None;

    private async Task<string> LaunchAsync()
    {
        var ec2 = Clients.Ec2();
        var image = await new Steward.Aws.Instances.SsmImageCatalog(Clients.Ssm(), ec2).ResolveAsync(Catalog.FindOperatingSystem("al2023")!.ImageParameter, None);
        var run = await ec2.RunInstancesAsync(new RunInstancesRequest { ImageId = image.ImageId, InstanceType = "t3.micro", MinCount = 1, MaxCount = 1 });
        return run.Reservation.Instances.Single().InstanceId;
    }

    [Fact]
    public async Task The_playbook_s_calls_leave_the_instance_protected_isolated_and_stopped()
    {
        var ec2 = Clients.Ec2();
        var containment = new Ec2Containment(ec2);
        var id = await LaunchAsync();
        var facts = (await containment.DescribeAsync(id, None))!;
        Assert.NotNull(facts.VpcId);
        var nic = Assert.Single(facts.Interfaces);
        Assert.NotEmpty(nic.SecurityGroupIds);
        var volume = Assert.Single(facts.Volumes);
        Assert.Contains(id, facts.DescriptionJson);

        var snapshot = await containment.SnapshotAsync(volume.VolumeId, "evidence", new Dictionary<string, string> { ["steward:finding"] = "f1" }, None);
        var described = (await ec2.DescribeSnapshotsAsync(new DescribeSnapshotsRequest { SnapshotIds = [snapshot] })).Snapshots.Single();
        Assert.Equal(volume.VolumeId, described.VolumeId);
        Assert.Contains(described.Tags, t => t.Key == "steward:finding" && t.Value == "f1");

        await containment.ProtectAsync(facts, None);
        var protection = await ec2.DescribeInstanceAttributeAsync(new DescribeInstanceAttributeRequest { InstanceId = id, Attribute = "disableApiTermination" });
        Assert.True(protection.InstanceAttribute.DisableApiTermination);
        var after = (await containment.DescribeAsync(id, None))!;
        Assert.False(after.Volumes.Single().DeleteOnTermination);

        var isolation = await containment.IsolationGroupAsync(facts.VpcId!, None);
        Assert.Equal(isolation, await containment.IsolationGroupAsync(facts.VpcId!, None)); // found again by tag, not made twice
        var group = (await ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { GroupIds = [isolation] })).SecurityGroups.Single();
        Assert.Empty(group.IpPermissions ?? []);
        Assert.Empty(group.IpPermissionsEgress ?? []);

        await containment.SetSecurityGroupsAsync(nic.NetworkInterfaceId, [isolation], None);
        await containment.StopAsync(id, None);
        await containment.TagAsync(id, new Dictionary<string, string> { ["steward:quarantine"] = "f1" }, None);
        var contained = (await containment.DescribeAsync(id, None))!;
        Assert.Equal([isolation], contained.Interfaces.Single().SecurityGroupIds);
        Assert.Contains(contained.State, new[] { "stopping", "stopped" });
        Assert.Equal("f1", contained.Tags["steward:quarantine"]);

        await containment.UntagAsync(id, ["steward:quarantine"], None);
        Assert.False((await containment.DescribeAsync(id, None))!.Tags.ContainsKey("steward:quarantine"));
    }

    [Fact]
    public async Task An_instance_that_does_not_exist_is_described_as_null() =>
        Assert.Null(await new Ec2Containment(Clients.Ec2()).DescribeAsync("i-99999999", None));

    [Fact]
    public async Task Evidence_is_stored_versioned_with_a_SHA_256_that_matches_what_S3_holds()
    {
        var s3 = Clients.S3();
        var bucket = "evidence-" + Guid.NewGuid().ToString("N")[..8];
        await s3.PutBucketAsync(bucket);
        await s3.PutBucketVersioningAsync(new PutBucketVersioningRequest { BucketName = bucket, VersioningConfig = new S3BucketVersioningConfig { Status = Amazon.S3.VersionStatus.Enabled } });
        var store = new S3EvidenceStore(s3, bucket);
        var content = Encoding.UTF8.GetBytes("{\"finding\":1}");

        var first = await store.PutAsync("findings/f1/record.json", content, "application/json", None);
        var second = await store.PutAsync("findings/f1/record.json", Encoding.UTF8.GetBytes("{\"finding\":2}"), "application/json", None);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), first.Sha256);
        Assert.NotNull(first.VersionId);
        Assert.NotEqual(first.VersionId, second.VersionId);
        Assert.Equal("{\"finding\":2}", Encoding.UTF8.GetString((await store.GetAsync("findings/f1/record.json", None))!));
        Assert.Null(await store.GetAsync("findings/none.json", None));
        Assert.Equal($"s3://{bucket}/findings/f1/", store.Location("findings/f1/"));
    }
}
