using System.Text.Json;
using Amazon.EC2;
using Amazon.EC2.Model;
using Steward.Core.Ports;

namespace Steward.Aws.Incidents;

/// <summary>The playbook's EC2 calls, through the EC2 SDK client.</summary>
public sealed class Ec2Containment(IAmazonEC2 ec2) : IInstanceContainment
{
    public const string IsolationTag = "steward:isolation";

    public static readonly IReadOnlyList<string> IamActions =
    [
        "ec2:DescribeInstances", "ec2:CreateSnapshot", "ec2:ModifyInstanceAttribute", "ec2:CreateTags", "ec2:DeleteTags",
        "ec2:DescribeSecurityGroups", "ec2:CreateSecurityGroup", "ec2:RevokeSecurityGroupEgress", "ec2:ModifyNetworkInterfaceAttribute",
        "ec2:StopInstances",
    ];

    public async Task<InstanceFacts?> DescribeAsync(string instanceId, CancellationToken ct)
    {
        DescribeInstancesResponse response;
        try { response = await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [instanceId] }, ct); }
        catch (AmazonEC2Exception e) when (e.ErrorCode is "InvalidInstanceID.NotFound" or "InvalidInstanceID.Malformed") { return null; }
        catch (AmazonEC2Exception e) { throw Ec2Errors.Translate(e); }
        catch (Exception e) when (Unreachable.Is(e)) { throw Unreachable.Translate("ec2", instanceId, e); }

        var i = (response.Reservations ?? []).SelectMany(r => r.Instances ?? []).FirstOrDefault();
        if (i is null) return null;
        var described = new Dictionary<string, object?>
        {
            ["InstanceId"] = i.InstanceId, ["State"] = i.State?.Name?.Value, ["InstanceType"] = i.InstanceType?.Value, ["ImageId"] = i.ImageId,
            ["LaunchTime"] = i.LaunchTime?.ToString("O"), ["VpcId"] = i.VpcId, ["SubnetId"] = i.SubnetId, ["PrivateIpAddress"] = i.PrivateIpAddress,
            ["PublicIpAddress"] = i.PublicIpAddress, ["IamInstanceProfile"] = i.IamInstanceProfile?.Arn, ["KeyName"] = i.KeyName,
            ["SecurityGroups"] = (i.SecurityGroups ?? []).Select(g => $"{g.GroupId} ({g.GroupName})").ToList(),
            ["NetworkInterfaces"] = (i.NetworkInterfaces ?? []).Select(n => new Dictionary<string, object?>
            {
                ["NetworkInterfaceId"] = n.NetworkInterfaceId, ["PrivateIpAddress"] = n.PrivateIpAddress, ["MacAddress"] = n.MacAddress,
                ["Groups"] = (n.Groups ?? []).Select(g => g.GroupId).ToList(),
            }).ToList(),
            ["Volumes"] = (i.BlockDeviceMappings ?? []).Select(b => $"{b.DeviceName} {b.Ebs?.VolumeId} deleteOnTermination={b.Ebs?.DeleteOnTermination}").ToList(),
            ["Tags"] = (i.Tags ?? []).ToDictionary(t => t.Key, t => t.Value),
        };
        return new InstanceFacts(
            i.InstanceId, i.State?.Name?.Value ?? "unknown", i.VpcId,
            (i.NetworkInterfaces ?? []).Select(n => new InterfaceFacts(n.NetworkInterfaceId, (n.Groups ?? []).Select(g => g.GroupId).ToList())).ToList(),
            (i.BlockDeviceMappings ?? []).Where(b => b.Ebs?.VolumeId is not null).Select(b => new VolumeFacts(b.Ebs.VolumeId, b.DeviceName, b.Ebs.DeleteOnTermination ?? true)).ToList(),
            i.IamInstanceProfile?.Arn, (i.Tags ?? []).ToDictionary(t => t.Key, t => t.Value),
            JsonSerializer.Serialize(described, DescriptionJsonContext.Default.DictionaryStringObject));
    }

    public async Task<string> SnapshotAsync(string volumeId, string description, IReadOnlyDictionary<string, string> tags, CancellationToken ct) =>
        (await Ec2Errors.Call(() => ec2.CreateSnapshotAsync(new CreateSnapshotRequest
        {
            VolumeId = volumeId, Description = description,
            TagSpecifications = [new TagSpecification { ResourceType = ResourceType.Snapshot, Tags = tags.Select(t => new Tag(t.Key, t.Value)).ToList() }],
        }, ct))).Snapshot.SnapshotId;

    /// <summary>Three attributes, three calls (EC2 takes one attribute per call), made at once.</summary>
    public async Task ProtectAsync(InstanceFacts instance, CancellationToken ct)
    {
        var calls = new List<Task>
        {
            Ec2Errors.Call(() => ec2.ModifyInstanceAttributeAsync(new ModifyInstanceAttributeRequest { InstanceId = instance.InstanceId, DisableApiTermination = true }, ct)),
            Ec2Errors.Call(() => ec2.ModifyInstanceAttributeAsync(new ModifyInstanceAttributeRequest { InstanceId = instance.InstanceId, InstanceInitiatedShutdownBehavior = "stop" }, ct)),
        };
        if (instance.Volumes.Count > 0)
            calls.Add(Ec2Errors.Call(() => ec2.ModifyInstanceAttributeAsync(new ModifyInstanceAttributeRequest
            {
                InstanceId = instance.InstanceId,
                BlockDeviceMappings = instance.Volumes.Select(v => new InstanceBlockDeviceMappingSpecification
                {
                    DeviceName = v.DeviceName, Ebs = new EbsInstanceBlockDeviceSpecification { VolumeId = v.VolumeId, DeleteOnTermination = false },
                }).ToList(),
            }, ct)));
        await Task.WhenAll(calls);
    }

    public Task TagAsync(string instanceId, IReadOnlyDictionary<string, string> tags, CancellationToken ct) =>
        Ec2Errors.Call(() => ec2.CreateTagsAsync(new CreateTagsRequest { Resources = [instanceId], Tags = tags.Select(t => new Tag(t.Key, t.Value)).ToList() }, ct));

    public Task UntagAsync(string instanceId, IReadOnlyList<string> keys, CancellationToken ct) =>
        Ec2Errors.Call(() => ec2.DeleteTagsAsync(new DeleteTagsRequest { Resources = [instanceId], Tags = keys.Select(k => new Tag { Key = k }).ToList() }, ct));

    public async Task<string> IsolationGroupAsync(string vpcId, CancellationToken ct)
    {
        var existing = await Ec2Errors.Call(() => ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest
        {
            Filters = [new Filter("vpc-id", [vpcId]), new Filter("tag:" + IsolationTag, ["true"])],
        }, ct));
        if (existing.SecurityGroups?.FirstOrDefault() is { } found) return found.GroupId;

        var created = await Ec2Errors.Call(() => ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest
        {
            VpcId = vpcId, GroupName = $"steward-isolation-{vpcId}",
            Description = "Steward incident isolation: no inbound or outbound traffic. Do not add rules.",
            TagSpecifications = [new TagSpecification { ResourceType = ResourceType.SecurityGroup, Tags = [new Tag(IsolationTag, "true"), new Tag("ManagedBy", "steward")] }],
        }, ct));
        // A new group allows all outbound traffic by default: take that rule away, or the instance could still call out.
        var group = (await Ec2Errors.Call(() => ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { GroupIds = [created.GroupId] }, ct))).SecurityGroups.Single();
        if (group.IpPermissionsEgress is { Count: > 0 } egress)
            await Ec2Errors.Call(() => ec2.RevokeSecurityGroupEgressAsync(new RevokeSecurityGroupEgressRequest { GroupId = created.GroupId, IpPermissions = egress }, ct));
        return created.GroupId;
    }

    public Task SetSecurityGroupsAsync(string networkInterfaceId, IReadOnlyList<string> groupIds, CancellationToken ct) =>
        Ec2Errors.Call(() => ec2.ModifyNetworkInterfaceAttributeAsync(new ModifyNetworkInterfaceAttributeRequest { NetworkInterfaceId = networkInterfaceId, Groups = [.. groupIds] }, ct));

    public Task StopAsync(string instanceId, CancellationToken ct) =>
        Ec2Errors.Call(() => ec2.StopInstancesAsync(new StopInstancesRequest { InstanceIds = [instanceId] }, ct));
}

[System.Text.Json.Serialization.JsonSourceGenerationOptions(WriteIndented = true)]
[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, object?>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(List<string>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(List<Dictionary<string, object?>>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class DescriptionJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
