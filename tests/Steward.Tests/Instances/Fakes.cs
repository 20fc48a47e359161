using Steward.Core.Instances;
using Steward.Core.Ports;
using Steward.Testing;

namespace Steward.Tests.Instances;

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;
    public override DateTimeOffset GetUtcNow() => Now;
}

public sealed class FakeImages : IImageCatalog
{
    public List<string> Asked { get; } = [];
    public Exception? Failure { get; set; }

    public Task<MachineImage> ResolveAsync(string parameterName, CancellationToken ct)
    {
        Asked.Add(parameterName);
        return Failure is null ? Task.FromResult(new MachineImage("ami-" + Math.Abs(parameterName.GetHashCode()).ToString("x8"), "/dev/xvda")) : Task.FromException<MachineImage>(Failure);
    }
}

/// <summary>EC2 in memory: enough of it to see what the domain asked for.</summary>
public sealed class FakeFleet(TimeProvider clock) : IInstanceFleet
{
    private int _next;
    public List<ServerInstance> Instances { get; } = [];
    public List<LaunchSpec> Launches { get; } = [];
    public List<string> Terminated { get; } = [];
    public List<(string Id, IReadOnlyDictionary<string, string> Tags)> Stopped { get; } = [];
    public List<(string Volume, IReadOnlyDictionary<string, string> Tags)> Snapshots { get; } = [];
    public Exception? LaunchFailure { get; set; }
    public HashSet<string> FailToStop { get; } = [];

    public Task<ServerInstance> LaunchAsync(LaunchSpec spec, CancellationToken ct)
    {
        if (LaunchFailure is not null) return Task.FromException<ServerInstance>(LaunchFailure);
        Launches.Add(spec);
        var n = Interlocked.Increment(ref _next);
        var instance = new ServerInstance($"i-{n:x17}", "pending", spec.InstanceType, $"10.0.0.{n}", clock.GetUtcNow(), spec.Tags, [$"vol-{n:x17}"]);
        Instances.Add(instance);
        return Task.FromResult(instance);
    }

    public Task<ServerInstance?> FindByRequestAsync(string requestNumber, CancellationToken ct) =>
        Task.FromResult(Instances.Where(i => i.Tags.GetValueOrDefault(InstanceTags.ServiceNowRequest) == requestNumber)
            .OrderBy(i => i.State is "terminated" or "shutting-down" ? 1 : 0).ThenByDescending(i => i.LaunchTime).FirstOrDefault());

    public Task<IReadOnlyList<string>> SnapshotVolumesAsync(ServerInstance instance, IReadOnlyDictionary<string, string> tags, CancellationToken ct)
    {
        foreach (var v in instance.VolumeIds) Snapshots.Add((v, tags));
        return Task.FromResult<IReadOnlyList<string>>(instance.VolumeIds.Select(v => "snap-" + v[4..]).ToList());
    }

    public Task TerminateAsync(string instanceId, CancellationToken ct)
    {
        Terminated.Add(instanceId);
        Replace(instanceId, i => i with { State = "shutting-down" });
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ServerInstance>> FindRunningManagedAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ServerInstance>>(Instances.Where(i => i.State == "running" && i.Tags.GetValueOrDefault(InstanceTags.ManagedBy) == "steward").ToList());

    public Task StopAsync(string instanceId, IReadOnlyDictionary<string, string> tags, CancellationToken ct)
    {
        if (FailToStop.Contains(instanceId)) return Task.FromException(new DependencyFailed("ec2", "IncorrectInstanceState", "cannot stop", 400));
        Stopped.Add((instanceId, tags));
        Replace(instanceId, i => i with { State = "stopped", Tags = new Dictionary<string, string>(i.Tags.Concat(tags)) });
        return Task.CompletedTask;
    }

    public void SetState(string instanceId, string state) => Replace(instanceId, i => i with { State = state });

    private void Replace(string id, Func<ServerInstance, ServerInstance> change)
    {
        var index = Instances.FindIndex(i => i.InstanceId == id);
        Instances[index] = change(Instances[index]);
    }
}

/// <summary>The idempotency table's semantics in memory: one claim wins, answers are kept, a crashed claim expires.</summary>
public sealed class FakeIdempotencyStore : IIdempotencyStore
{
    private readonly Lock _gate = new();
    public Dictionary<string, (string Fingerprint, string Summary, StoredAnswer? Answer, DateTimeOffset ClaimExpires)> Records { get; } = [];
    public List<string> Released { get; } = [];

    public Task<IdempotencyClaim> ClaimAsync(string key, string fingerprint, string summary, DateTimeOffset now, CancellationToken ct)
    {
        lock (_gate)
        {
            if (Records.TryGetValue(key, out var r) && (r.Answer is not null || r.ClaimExpires > now))
                return Task.FromResult<IdempotencyClaim>(r.Answer is { } a ? new IdempotencyClaim.Completed(r.Fingerprint, r.Summary, a) : new IdempotencyClaim.InProgress(r.Fingerprint, r.Summary));
            Records[key] = (fingerprint, summary, null, now.AddMinutes(2));
            return Task.FromResult<IdempotencyClaim>(new IdempotencyClaim.Claimed());
        }
    }

    public Task CompleteAsync(string key, StoredAnswer answer, DateTimeOffset now, CancellationToken ct)
    {
        lock (_gate) Records[key] = Records[key] with { Answer = answer };
        return Task.CompletedTask;
    }

    public Task ReleaseAsync(string key, CancellationToken ct)
    {
        lock (_gate)
        {
            Records.Remove(key);
            Released.Add(key);
        }
        return Task.CompletedTask;
    }
}

public sealed class RecordingNotifier : INotifier
{
    public List<(string Subject, string Message)> Sent { get; } = [];
    /// <summary>Each message's attributes, in the order sent (none for a message sent without).</summary>
    public List<IReadOnlyDictionary<string, string>> Attributes { get; } = [];

    public Task PublishAsync(string subject, string message, CancellationToken ct) => PublishAsync(subject, message, new Dictionary<string, string>(), ct);

    public Task PublishAsync(string subject, string message, IReadOnlyDictionary<string, string> attributes, CancellationToken ct)
    {
        lock (Sent)
        {
            Sent.Add((subject, message));
            Attributes.Add(attributes);
        }
        return Task.CompletedTask;
    }
}

public sealed class StaticKeys : IApiKeyStore
{
    private readonly ApiCredential[] _keys;

    /// <summary>The keys are credentials: the log checks make sure none is ever logged.</summary>
    public StaticKeys(params ApiCredential[] keys)
    {
        _keys = keys;
        foreach (var k in keys) LogLines.Secret(k.Key);
    }

    public Task<IReadOnlyList<ApiCredential>> GetAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<ApiCredential>>(_keys);
}

/// <summary>The domain wired to fakes, as the function's composition root wires it to AWS.</summary>
public sealed class Desk
{
    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    public FakeImages Images { get; } = new();
    public FakeFleet Fleet { get; }
    public FakeIdempotencyStore Idempotency { get; } = new();
    public RecordingNotifier Notifier { get; } = new();
    public InstanceLifecycle Lifecycle { get; }
    public RecordingOutbox Outbox { get; } = new();

    public static readonly RequestDefaults Defaults = new("unallocated", "unassigned", "unassigned", "unspecified", 90);

    public Desk(decimal ceiling = 500m)
    {
        Fleet = new FakeFleet(Clock);
        Lifecycle = new InstanceLifecycle(Images, Fleet, Idempotency, Notifier, PriceTable.Load("us-east-1"), new InstanceRequestsOptions(ceiling, Defaults), Clock, Outbox);
    }
}

/// <summary>The request items' outbox in memory: every update, in the order sent.</summary>
public sealed class RecordingOutbox : Steward.Core.Instances.RequestItems.IRequestItemOutbox
{
    public List<Steward.Core.Instances.RequestItems.RequestItemUpdate> Sent { get; } = [];
    public Task SendAsync(Steward.Core.Instances.RequestItems.RequestItemUpdate update, CancellationToken ct) { Sent.Add(update); return Task.CompletedTask; }
}
