using Amazon.EC2;
using Amazon.EC2.Model;
using Steward.Core.Instances;
using Steward.Core.Ports;

namespace Steward.Aws.Instances;

/// <summary>Where servers are launched, from the template's parameters: empty means EC2's default (the default VPC).</summary>
public sealed record Ec2LaunchSettings(string? SubnetId, IReadOnlyList<string> SecurityGroupIds);

/// <summary>The EC2 servers Steward builds, through the EC2 SDK client.</summary>
public sealed class Ec2InstanceFleet(IAmazonEC2 ec2, Ec2LaunchSettings settings) : IInstanceFleet
{
    /// <summary>The EC2 actions this adapter calls; the template must grant exactly these (a test checks).</summary>
    public static readonly IReadOnlyList<string> IamActions =
        ["ec2:RunInstances", "ec2:CreateTags", "ec2:DescribeInstances", "ec2:CreateSnapshot", "ec2:TerminateInstances", "ec2:StopInstances"];

    public async Task<ServerInstance> LaunchAsync(LaunchSpec spec, CancellationToken ct)
    {
        var tags = spec.Tags.Select(t => new Tag(t.Key, t.Value)).ToList();
        var request = new RunInstancesRequest
        {
            ImageId = spec.ImageId,
            InstanceType = InstanceType.FindValue(spec.InstanceType),
            MinCount = 1,
            MaxCount = 1,
            // EC2 itself refuses to launch twice for one token (the SDK's retries of this call share it); the idempotency
            // table covers concurrent and later calls.
            ClientToken = spec.LaunchToken,
            BlockDeviceMappings =
            [
                new BlockDeviceMapping
                {
                    DeviceName = spec.RootDeviceName,
                    Ebs = new EbsBlockDevice { VolumeSize = spec.VolumeGiB, VolumeType = VolumeType.Gp3, Encrypted = true, DeleteOnTermination = true },
                },
            ],
            MetadataOptions = new InstanceMetadataOptionsRequest { HttpTokens = HttpTokensState.Required, HttpEndpoint = InstanceMetadataEndpointState.Enabled, HttpPutResponseHopLimit = 1 },
            // Tagged in the same call that creates them: no instance or volume ever exists untagged.
            TagSpecifications = [new TagSpecification { ResourceType = ResourceType.Instance, Tags = tags }, new TagSpecification { ResourceType = ResourceType.Volume, Tags = tags }],
        };
        if (!string.IsNullOrEmpty(settings.SubnetId)) request.SubnetId = settings.SubnetId;
        if (settings.SecurityGroupIds.Count > 0) request.SecurityGroupIds = [.. settings.SecurityGroupIds];

        var response = await Ec2Errors.Call(() => ec2.RunInstancesAsync(request, ct));
        return ToServer(response.Reservation.Instances.Single());
    }

    public async Task<ServerInstance?> FindByRequestAsync(string requestNumber, CancellationToken ct)
    {
        var found = await DescribeAsync([new Filter("tag:" + InstanceTags.ServiceNowRequest, [requestNumber])], ct);
        return found.OrderBy(i => i.State is "terminated" or "shutting-down" ? 1 : 0).ThenByDescending(i => i.LaunchTime).FirstOrDefault();
    }

    public async Task<IReadOnlyList<string>> SnapshotVolumesAsync(ServerInstance instance, IReadOnlyDictionary<string, string> tags, CancellationToken ct)
    {
        var ids = new List<string>();
        foreach (var volume in instance.VolumeIds)
        {
            var response = await Ec2Errors.Call(() => ec2.CreateSnapshotAsync(new CreateSnapshotRequest
            {
                VolumeId = volume,
                Description = $"Steward final snapshot of {volume} of {instance.InstanceId}",
                TagSpecifications = [new TagSpecification { ResourceType = ResourceType.Snapshot, Tags = tags.Select(t => new Tag(t.Key, t.Value)).ToList() }],
            }, ct));
            ids.Add(response.Snapshot.SnapshotId);
        }
        return ids;
    }

    public Task TerminateAsync(string instanceId, CancellationToken ct) =>
        Ec2Errors.Call(() => ec2.TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = [instanceId] }, ct));

    public Task<IReadOnlyList<ServerInstance>> FindRunningManagedAsync(CancellationToken ct) =>
        DescribeAsync([new Filter("tag:" + InstanceTags.ManagedBy, [InstanceTags.ManagedByValue]), new Filter("instance-state-name", ["running"])], ct);

    public async Task StopAsync(string instanceId, IReadOnlyDictionary<string, string> tags, CancellationToken ct)
    {
        await Ec2Errors.Call(() => ec2.StopInstancesAsync(new StopInstancesRequest { InstanceIds = [instanceId] }, ct));
        await Ec2Errors.Call(() => ec2.CreateTagsAsync(new CreateTagsRequest { Resources = [instanceId], Tags = tags.Select(t => new Tag(t.Key, t.Value)).ToList() }, ct));
    }

    private async Task<IReadOnlyList<ServerInstance>> DescribeAsync(List<Filter> filters, CancellationToken ct)
    {
        var servers = new List<ServerInstance>();
        string? token = null;
        do
        {
            var page = await Ec2Errors.Call(() => ec2.DescribeInstancesAsync(new DescribeInstancesRequest { Filters = filters, NextToken = token }, ct));
            servers.AddRange((page.Reservations ?? []).SelectMany(r => r.Instances ?? []).Select(ToServer));
            token = page.NextToken;
        } while (!string.IsNullOrEmpty(token));
        return servers;
    }

    private static ServerInstance ToServer(Instance i) => new(
        i.InstanceId, i.State?.Name?.Value ?? "unknown", i.InstanceType?.Value ?? "", i.PrivateIpAddress,
        i.LaunchTime is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null,
        (i.Tags ?? []).ToDictionary(t => t.Key, t => t.Value),
        (i.BlockDeviceMappings ?? []).Where(b => b.Ebs?.VolumeId is not null).Select(b => b.Ebs.VolumeId).ToList());
}
