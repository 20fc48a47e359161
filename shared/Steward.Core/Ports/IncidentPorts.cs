namespace Steward.Core.Ports;

/// <summary>One network interface of an instance and the security groups it had.</summary>
public sealed record InterfaceFacts(string NetworkInterfaceId, IReadOnlyList<string> SecurityGroupIds);

/// <summary>One EBS volume attached to an instance.</summary>
public sealed record VolumeFacts(string VolumeId, string DeviceName, bool DeleteOnTermination);

/// <summary>An instance as EC2 describes it at the moment of the response, with EC2's own JSON kept whole for the evidence.</summary>
public sealed record InstanceFacts(
    string InstanceId, string State, string? VpcId, IReadOnlyList<InterfaceFacts> Interfaces, IReadOnlyList<VolumeFacts> Volumes,
    string? IamInstanceProfileArn, IReadOnlyDictionary<string, string> Tags, string DescriptionJson);

/// <summary>The EC2 side of an incident response: every call the playbook makes on a compromised instance.</summary>
public interface IInstanceContainment
{
    /// <summary>Null when the instance does not exist (sample findings name <c>i-99999999</c>).</summary>
    Task<InstanceFacts?> DescribeAsync(string instanceId, CancellationToken ct);
    Task<string> SnapshotAsync(string volumeId, string description, IReadOnlyDictionary<string, string> tags, CancellationToken ct);
    /// <summary>Termination protection on, <c>DeleteOnTermination</c> off on every volume, shutdown behaviour <c>stop</c>.</summary>
    Task ProtectAsync(InstanceFacts instance, CancellationToken ct);
    Task TagAsync(string instanceId, IReadOnlyDictionary<string, string> tags, CancellationToken ct);
    Task UntagAsync(string instanceId, IReadOnlyList<string> keys, CancellationToken ct);
    /// <summary>The VPC's isolation group (no inbound, no outbound rules), created the first time, found by tag after.</summary>
    Task<string> IsolationGroupAsync(string vpcId, CancellationToken ct);
    Task SetSecurityGroupsAsync(string networkInterfaceId, IReadOnlyList<string> groupIds, CancellationToken ct);
    Task StopAsync(string instanceId, CancellationToken ct);
}

/// <summary>One access key of an IAM user and its status (Active or Inactive).</summary>
public sealed record AccessKeyFacts(string AccessKeyId, string Status);

/// <summary>An IAM user as IAM describes it at the moment of the response: its keys and the names of its inline policies.</summary>
public sealed record UserFacts(string UserName, IReadOnlyList<AccessKeyFacts> AccessKeys, IReadOnlyList<string> InlinePolicies);

/// <summary>
/// The IAM side of a response to compromised credentials: a user's keys and inline policies, a role's inline policies, and
/// Steward's tags on either. Every change has its undo, for the release.
/// </summary>
public interface IPrincipalContainment
{
    /// <summary>Null when there is no such user (sample findings name <c>GeneratedFindingUserName</c>).</summary>
    Task<UserFacts?> DescribeUserAsync(string userName, CancellationToken ct);
    Task SetAccessKeyStatusAsync(string userName, string accessKeyId, bool active, CancellationToken ct);
    Task PutUserPolicyAsync(string userName, string policyName, string document, CancellationToken ct);
    Task DeleteUserPolicyAsync(string userName, string policyName, CancellationToken ct);
    Task TagUserAsync(string userName, IReadOnlyDictionary<string, string> tags, CancellationToken ct);
    Task UntagUserAsync(string userName, IReadOnlyList<string> keys, CancellationToken ct);
    /// <summary>False when there is no such role.</summary>
    Task<bool> RoleExistsAsync(string roleName, CancellationToken ct);
    Task PutRolePolicyAsync(string roleName, string policyName, string document, CancellationToken ct);
    Task DeleteRolePolicyAsync(string roleName, string policyName, CancellationToken ct);
}

/// <summary>A bucket's Block Public Access settings (S3's four switches).</summary>
public sealed record PublicAccessBlockState(bool BlockPublicAcls, bool IgnorePublicAcls, bool BlockPublicPolicy, bool RestrictPublicBuckets)
{
    public static readonly PublicAccessBlockState AllOn = new(true, true, true, true);
}

/// <summary>A bucket as S3 describes it at the moment of the response: what makes it public, and its tags.</summary>
/// <param name="Block">Its Block Public Access configuration; null when it has none.</param>
public sealed record BucketFacts(string Bucket, string? PolicyJson, string AclJson, PublicAccessBlockState? Block, IReadOnlyDictionary<string, string> Tags);

/// <summary>The S3 side of a response to an exposed bucket: its public access block and its tags, each put back on release.</summary>
public interface IBucketContainment
{
    /// <summary>Null when there is no such bucket in this account (sample findings name <c>bucketName</c>).</summary>
    Task<BucketFacts?> DescribeAsync(string bucket, CancellationToken ct);
    /// <summary>Sets the bucket's Block Public Access; null removes the configuration (as it was before, when it had none).</summary>
    Task SetPublicAccessBlockAsync(string bucket, PublicAccessBlockState? state, CancellationToken ct);
    /// <summary>Replaces the bucket's whole tag set (S3 has no merge); an empty set removes the tags.</summary>
    Task SetTagsAsync(string bucket, IReadOnlyDictionary<string, string> tags, CancellationToken ct);
}

/// <summary>An object written to the evidence bucket: where, which version, and its SHA-256 for the chain of custody.</summary>
public sealed record EvidenceObject(string Bucket, string Key, string? VersionId, string Sha256);

/// <summary>The evidence bucket (versioned, encrypted).</summary>
public interface IEvidenceStore
{
    Task<EvidenceObject> PutAsync(string key, byte[] content, string contentType, CancellationToken ct);
    /// <summary>Null when there is no such object.</summary>
    Task<byte[]?> GetAsync(string key, CancellationToken ct);
    string Location(string key);
}

/// <summary>A notification with a text per channel: an SMS that stands alone in 140 bytes, and the detail for email.</summary>
public sealed record Alert(string Subject, string Sms, string Email);

public interface IAlertPublisher
{
    Task PublishAsync(Alert alert, CancellationToken ct);
}

/// <summary>
/// Where events that cannot be handled are kept for people to inspect and replay (the stack's failed-events queue, where
/// Lambda and EventBridge put theirs too).
/// </summary>
public interface IFailedEventStore
{
    /// <returns>Where the event now is, for the alert and the log.</returns>
    Task<string> KeepAsync(byte[] rawEvent, string function, string reason, CancellationToken ct);
}
