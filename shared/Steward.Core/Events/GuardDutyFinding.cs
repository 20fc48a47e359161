using System.Text.Json.Serialization;
using Steward.Core.Json;

namespace Steward.Core.Events;

/// <summary>
/// A GuardDuty finding: what EventBridge carries in <c>detail</c> for <c>source = aws.guardduty</c>,
/// <c>detail-type = GuardDuty Finding</c>. Typed are the fields the responder decides on; the rest is tolerated and ignored.
/// Real findings vary more than the documentation says (epoch or ISO times, numbers as strings, blocks missing or null),
/// so the lenient converters below read every variant seen in the fixtures instead of failing the whole event.
/// </summary>
public sealed record GuardDutyFinding
{
    public const string Source = "aws.guardduty";
    public const string DetailType = "GuardDuty Finding";

    [JsonPropertyName("schemaVersion")] public string? SchemaVersion { get; init; }
    [JsonPropertyName("accountId")] public string? AccountId { get; init; }
    [JsonPropertyName("region")] public string? Region { get; init; }
    [JsonPropertyName("partition")] public string? Partition { get; init; }
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("arn")] public string? Arn { get; init; }
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("title")] public string? Title { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }

    /// <summary>0.1–10: Low below 4, Medium below 7, High from 7, Critical (attack sequences) from 9.</summary>
    [JsonPropertyName("severity"), JsonConverter(typeof(LenientNumberConverter<double>))] public double Severity { get; init; }

    [JsonPropertyName("createdAt"), JsonConverter(typeof(LenientTimestampConverter))] public DateTimeOffset? CreatedAt { get; init; }
    [JsonPropertyName("updatedAt"), JsonConverter(typeof(LenientTimestampConverter))] public DateTimeOffset? UpdatedAt { get; init; }
    [JsonPropertyName("resource")] public FindingResource? Resource { get; init; }
    [JsonPropertyName("service")] public FindingService? Service { get; init; }
}

public sealed record FindingResource
{
    /// <summary><c>Instance</c>, <c>AccessKey</c>, <c>S3Bucket</c>, <c>EKSCluster</c>, <c>RDSDBInstance</c>, …: what was acted against.</summary>
    [JsonPropertyName("resourceType")] public string? ResourceType { get; init; }
    /// <summary>Present for instance findings, and sometimes for others too: decide by <see cref="ResourceType"/>, not by this.</summary>
    [JsonPropertyName("instanceDetails")] public InstanceDetails? InstanceDetails { get; init; }
    [JsonPropertyName("accessKeyDetails")] public AccessKeyDetails? AccessKeyDetails { get; init; }
    [JsonPropertyName("s3BucketDetails")] public List<S3BucketDetails>? S3BucketDetails { get; init; }
    [JsonPropertyName("eksClusterDetails")] public S3BucketDetails? EksClusterDetails { get; init; }
    [JsonPropertyName("kubernetesDetails")] public KubernetesDetails? KubernetesDetails { get; init; }
}

/// <summary>Who and what a Kubernetes finding is about, as far as the alert needs to say.</summary>
public sealed record KubernetesDetails
{
    [JsonPropertyName("kubernetesUserDetails")] public KubernetesUser? User { get; init; }
    [JsonPropertyName("kubernetesWorkloadDetails")] public KubernetesWorkload? Workload { get; init; }
}

public sealed record KubernetesUser
{
    [JsonPropertyName("username")] public string? Username { get; init; }
}

public sealed record KubernetesWorkload
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("namespace")] public string? Namespace { get; init; }
    [JsonPropertyName("type")] public string? Type { get; init; }
}

public sealed record InstanceDetails
{
    [JsonPropertyName("instanceId")] public string? InstanceId { get; init; }
    [JsonPropertyName("instanceType")] public string? InstanceType { get; init; }
    [JsonPropertyName("instanceState")] public string? InstanceState { get; init; }
    [JsonPropertyName("imageId")] public string? ImageId { get; init; }
    [JsonPropertyName("availabilityZone")] public string? AvailabilityZone { get; init; }
    [JsonPropertyName("launchTime"), JsonConverter(typeof(LenientTimestampConverter))] public DateTimeOffset? LaunchTime { get; init; }
    [JsonPropertyName("iamInstanceProfile")] public IamInstanceProfile? IamInstanceProfile { get; init; }
    [JsonPropertyName("networkInterfaces")] public List<FindingNetworkInterface>? NetworkInterfaces { get; init; }
    [JsonPropertyName("tags")] public List<FindingTag>? Tags { get; init; }
}

public sealed record IamInstanceProfile
{
    [JsonPropertyName("arn")] public string? Arn { get; init; }
    [JsonPropertyName("id")] public string? Id { get; init; }
}

public sealed record FindingNetworkInterface
{
    [JsonPropertyName("networkInterfaceId")] public string? NetworkInterfaceId { get; init; }
    [JsonPropertyName("subnetId")] public string? SubnetId { get; init; }
    [JsonPropertyName("vpcId")] public string? VpcId { get; init; }
    [JsonPropertyName("privateIpAddress")] public string? PrivateIpAddress { get; init; }
    [JsonPropertyName("publicIp")] public string? PublicIp { get; init; }
    [JsonPropertyName("securityGroups")] public List<FindingSecurityGroup>? SecurityGroups { get; init; }
}

public sealed record FindingSecurityGroup
{
    [JsonPropertyName("groupId")] public string? GroupId { get; init; }
    [JsonPropertyName("groupName")] public string? GroupName { get; init; }
}

public sealed record FindingTag
{
    [JsonPropertyName("key")] public string? Key { get; init; }
    [JsonPropertyName("value")] public string? Value { get; init; }
}

public sealed record AccessKeyDetails
{
    [JsonPropertyName("accessKeyId")] public string? AccessKeyId { get; init; }
    [JsonPropertyName("principalId")] public string? PrincipalId { get; init; }
    [JsonPropertyName("userName")] public string? UserName { get; init; }
    [JsonPropertyName("userType")] public string? UserType { get; init; }
}

public sealed record S3BucketDetails
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("arn")] public string? Arn { get; init; }
}

public sealed record FindingService
{
    [JsonPropertyName("serviceName")] public string? ServiceName { get; init; }
    [JsonPropertyName("detectorId")] public string? DetectorId { get; init; }
    /// <summary>Grows each time GuardDuty re-sends an updated finding with the same id.</summary>
    [JsonPropertyName("count"), JsonConverter(typeof(LenientNumberConverter<long>))] public long Count { get; init; }
    [JsonPropertyName("archived"), JsonConverter(typeof(LenientBooleanConverter))] public bool Archived { get; init; }
    [JsonPropertyName("resourceRole")] public string? ResourceRole { get; init; }
    /// <summary>Which GuardDuty feature found it: <c>RuntimeMonitoring</c> for the agent on an instance or a cluster's nodes.</summary>
    [JsonPropertyName("featureName")] public string? FeatureName { get; init; }
    [JsonPropertyName("eventFirstSeen"), JsonConverter(typeof(LenientTimestampConverter))] public DateTimeOffset? EventFirstSeen { get; init; }
    [JsonPropertyName("eventLastSeen"), JsonConverter(typeof(LenientTimestampConverter))] public DateTimeOffset? EventLastSeen { get; init; }
    [JsonPropertyName("action")] public FindingAction? Action { get; init; }
    [JsonPropertyName("additionalInfo")] public FindingAdditionalInfo? AdditionalInfo { get; init; }
}

public sealed record FindingAction
{
    [JsonPropertyName("actionType")] public string? ActionType { get; init; }
}

public sealed record FindingAdditionalInfo
{
    /// <summary>True on findings made by GuardDuty's "generate sample findings".</summary>
    [JsonPropertyName("sample"), JsonConverter(typeof(LenientBooleanConverter))] public bool Sample { get; init; }
}
