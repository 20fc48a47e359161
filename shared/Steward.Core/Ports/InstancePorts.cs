namespace Steward.Core.Ports;

/// <summary>The image an OS's public parameter points at today, and the device name its root volume must be mapped to.</summary>
public sealed record MachineImage(string ImageId, string RootDeviceName);

/// <summary>Resolves an OS's public SSM parameter to its current image.</summary>
public interface IImageCatalog
{
    /// <exception cref="DependencyFailed">The parameter or the image does not exist, or cannot be read.</exception>
    Task<MachineImage> ResolveAsync(string parameterName, CancellationToken cancellationToken);
}

/// <summary>Everything RunInstances needs, decided by the domain.</summary>
/// <param name="LaunchToken">EC2's ClientToken for this launch: the request number and the moment it was claimed, so a retry
/// of the same call (the SDK's own) launches once, and a number rebuilt after its server was decommissioned launches anew
/// (EC2 keeps a token past the termination of what it launched, and would answer with the terminated server).</param>
public sealed record LaunchSpec(
    string RequestNumber, string ImageId, string RootDeviceName, string InstanceType, int VolumeGiB,
    IReadOnlyDictionary<string, string> Tags, string LaunchToken);

/// <summary>A server as EC2 describes it, reduced to what Steward reports.</summary>
public sealed record ServerInstance(
    string InstanceId, string State, string InstanceType, string? PrivateIp, DateTimeOffset? LaunchTime,
    IReadOnlyDictionary<string, string> Tags, IReadOnlyList<string> VolumeIds);

/// <summary>The EC2 servers Steward builds and looks after.</summary>
public interface IInstanceFleet
{
    /// <exception cref="CapacityUnavailable">AWS has no capacity or the account is at a limit.</exception>
    Task<ServerInstance> LaunchAsync(LaunchSpec spec, CancellationToken cancellationToken);

    /// <summary>The instance built for a request number: a live one if any, else the most recently launched.</summary>
    Task<ServerInstance?> FindByRequestAsync(string requestNumber, CancellationToken cancellationToken);

    /// <summary>Snapshots every volume of the instance with the given tags; answers the snapshot ids.</summary>
    Task<IReadOnlyList<string>> SnapshotVolumesAsync(ServerInstance instance, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken);

    Task TerminateAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>Running instances that carry Steward's <c>ManagedBy</c> tag.</summary>
    Task<IReadOnlyList<ServerInstance>> FindRunningManagedAsync(CancellationToken cancellationToken);

    /// <summary>Stops the instance and adds the tags, in that order.</summary>
    Task StopAsync(string instanceId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken);
}

/// <summary>A user and key a caller may present with HTTP Basic auth.</summary>
public sealed record ApiCredential(string User, string Key)
{
    /// <summary>Never the key: records print themselves in logs and exceptions.</summary>
    public override string ToString() => $"ApiCredential {{ User = {User} }}";
}

/// <summary>The API keys in force (several at once, so a key can be rotated without downtime).</summary>
public interface IApiKeyStore
{
    Task<IReadOnlyList<ApiCredential>> GetAsync(CancellationToken cancellationToken);
}

/// <summary>An answer kept for a request number, replayed to a retry.</summary>
public sealed record StoredAnswer(int StatusCode, string Body);

/// <summary>What claiming a request number found.</summary>
public abstract record IdempotencyClaim
{
    /// <summary>The number was free (or its old record expired): the caller now owns it and must complete or release it.</summary>
    public sealed record Claimed : IdempotencyClaim;
    /// <summary>Another call holds the number and has not finished.</summary>
    public sealed record InProgress(string Fingerprint, string Summary) : IdempotencyClaim;
    /// <summary>An earlier call finished; its answer is kept.</summary>
    public sealed record Completed(string Fingerprint, string Summary, StoredAnswer Answer) : IdempotencyClaim;
}

/// <summary>
/// The idempotency record of each request number (Powertools' pattern): one conditional write claims a number, so
/// concurrent retries cannot both build; the finished answer is kept and replayed; a crashed claim expires.
/// </summary>
public interface IIdempotencyStore
{
    Task<IdempotencyClaim> ClaimAsync(string key, string fingerprint, string summary, DateTimeOffset now, CancellationToken cancellationToken);
    Task CompleteAsync(string key, StoredAnswer answer, DateTimeOffset now, CancellationToken cancellationToken);
    Task ReleaseAsync(string key, CancellationToken cancellationToken);
}

/// <summary>
/// Which account each request's server was built in, kept for as long as the server may be asked about (no expiry, unlike
/// an idempotency record): a status or decommission call names only the request number.
/// </summary>
public interface IServerPlacements
{
    /// <summary>Written before the server is launched, so a server never exists that Steward cannot find again.</summary>
    Task RecordAsync(string requestNumber, string accountId, CancellationToken cancellationToken);

    /// <summary>The account, or null for a server in Steward's own account (or never built).</summary>
    Task<string?> AccountOfAsync(string requestNumber, CancellationToken cancellationToken);
}

/// <summary>Tells people something: SNS in AWS.</summary>
public interface INotifier
{
    Task PublishAsync(string subject, string message, CancellationToken cancellationToken);

    /// <summary>The same, with message attributes (string values) that subscribers filter on: a team lead's filter policy selects their cost centre.</summary>
    Task PublishAsync(string subject, string message, IReadOnlyDictionary<string, string> attributes, CancellationToken cancellationToken);
}

/// <summary>AWS has no capacity for the request or the account is at a limit: retry later, or elsewhere.</summary>
public sealed class CapacityUnavailable(string service, string code, string message, Exception? inner = null)
    : DependencyException(service, code, message, inner);
