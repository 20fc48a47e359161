using System.Security.Cryptography;
using Steward.Core.Incidents;
using Steward.Core.Observability;
using Steward.Core.Ports;
using Steward.Testing;
using Steward.Tests.Instances;

namespace Steward.Tests.Incidents;

/// <summary>EC2 in memory for the playbook's calls; every call is written to <see cref="Calls"/> in order.</summary>
public sealed class FakeContainment : IInstanceContainment
{
    public Dictionary<string, InstanceFacts> Instances { get; } = [];
    public List<string> Calls { get; } = [];
    public List<(string Volume, IReadOnlyDictionary<string, string> Tags)> Snapshots { get; } = [];
    public HashSet<string> Protected { get; } = [];
    public HashSet<string> Stopped { get; } = [];
    public Dictionary<string, string> IsolationGroups { get; } = [];
    public HashSet<string> FailingVolumes { get; } = [];
    public bool FailIsolation { get; set; }

    public static InstanceFacts Instance(string id = "i-0abc", Dictionary<string, string>? tags = null) => new(
        id, "running", "vpc-1", [new InterfaceFacts("eni-1", ["sg-web", "sg-ssh"])],
        [new VolumeFacts("vol-root", "/dev/xvda", true), new VolumeFacts("vol-data", "/dev/sdf", true)],
        "arn:aws:iam::123456789012:instance-profile/app", tags ?? [], "{\"InstanceId\":\"" + id + "\"}");

    public void Add(InstanceFacts instance) => Instances[instance.InstanceId] = instance;

    public Task<InstanceFacts?> DescribeAsync(string instanceId, CancellationToken ct)
    {
        Calls.Add("describe " + instanceId);
        return Task.FromResult(Instances.GetValueOrDefault(instanceId));
    }

    public Task<string> SnapshotAsync(string volumeId, string description, IReadOnlyDictionary<string, string> tags, CancellationToken ct)
    {
        Calls.Add("snapshot " + volumeId);
        if (FailingVolumes.Contains(volumeId)) throw new DependencyFailed("ec2", "IncorrectState", $"{volumeId} is busy", 400);
        Snapshots.Add((volumeId, tags));
        return Task.FromResult("snap-" + volumeId[4..]);
    }

    public Task ProtectAsync(InstanceFacts instance, CancellationToken ct)
    {
        Calls.Add("protect " + instance.InstanceId);
        Protected.Add(instance.InstanceId);
        return Task.CompletedTask;
    }

    public Task TagAsync(string instanceId, IReadOnlyDictionary<string, string> tags, CancellationToken ct)
    {
        Calls.Add("tag " + string.Join(",", tags.Keys));
        var i = Instances[instanceId];
        Instances[instanceId] = i with { Tags = new Dictionary<string, string>(i.Tags.Concat(tags).GroupBy(t => t.Key).Select(g => g.Last())) };
        return Task.CompletedTask;
    }

    public Task UntagAsync(string instanceId, IReadOnlyList<string> keys, CancellationToken ct)
    {
        Calls.Add("untag " + string.Join(",", keys));
        var i = Instances[instanceId];
        Instances[instanceId] = i with { Tags = i.Tags.Where(t => !keys.Contains(t.Key)).ToDictionary() };
        return Task.CompletedTask;
    }

    public Task<string> IsolationGroupAsync(string vpcId, CancellationToken ct)
    {
        Calls.Add("isolation-group " + vpcId);
        if (FailIsolation) throw new DependencyFailed("ec2", "UnauthorizedOperation", "not allowed", 403);
        return Task.FromResult(IsolationGroups.TryGetValue(vpcId, out var g) ? g : IsolationGroups[vpcId] = "sg-isolation");
    }

    public Task SetSecurityGroupsAsync(string networkInterfaceId, IReadOnlyList<string> groupIds, CancellationToken ct)
    {
        Calls.Add($"set-groups {networkInterfaceId} {string.Join(",", groupIds)}");
        foreach (var (id, i) in Instances.ToList())
            Instances[id] = i with { Interfaces = i.Interfaces.Select(n => n.NetworkInterfaceId == networkInterfaceId ? n with { SecurityGroupIds = groupIds } : n).ToList() };
        return Task.CompletedTask;
    }

    public Task StopAsync(string instanceId, CancellationToken ct)
    {
        Calls.Add("stop " + instanceId);
        Stopped.Add(instanceId);
        return Task.CompletedTask;
    }
}

public sealed class FakeEvidence(List<string> calls) : IEvidenceStore
{
    public Dictionary<string, List<byte[]>> Objects { get; } = [];
    public bool Fail { get; set; }

    public Task<EvidenceObject> PutAsync(string key, byte[] content, string contentType, CancellationToken ct)
    {
        calls.Add("put " + key);
        if (Fail) throw new DependencyFailed("s3", "AccessDenied", "denied", 403);
        if (!Objects.TryGetValue(key, out var versions)) Objects[key] = versions = [];
        versions.Add(content);
        return Task.FromResult(new EvidenceObject("evidence", key, "v" + versions.Count, Convert.ToHexStringLower(SHA256.HashData(content))));
    }

    public Task<byte[]?> GetAsync(string key, CancellationToken ct) => Task.FromResult(Objects.TryGetValue(key, out var v) ? v[^1] : null);

    public string Location(string key) => "s3://evidence/" + key;
}

public sealed class RecordingAlerts(List<string> calls) : IAlertPublisher
{
    public List<Alert> Sent { get; } = [];
    public bool Fail { get; set; }

    public Task PublishAsync(Alert alert, CancellationToken ct)
    {
        calls.Add("publish");
        if (Fail) throw new DependencyFailed("sns", "InternalError", "try again", 500);
        Sent.Add(alert);
        return Task.CompletedTask;
    }
}

public sealed class FakeFailedEvents(List<string> calls) : IFailedEventStore
{
    public List<(string Body, string Function, string Reason)> Kept { get; } = [];
    public bool Fail { get; set; }

    public Task<string> KeepAsync(byte[] rawEvent, string function, string reason, CancellationToken ct)
    {
        calls.Add("keep");
        if (Fail) throw new DependencyFailed("sqs", "InternalError", "try again", 500);
        Kept.Add((System.Text.Encoding.UTF8.GetString(rawEvent), function, reason));
        return Task.FromResult($"failed-events (message {Kept.Count})");
    }
}

/// <summary>The responder wired to fakes, as the function wires it to AWS; account 123456789012, us-east-1.</summary>
public sealed class Bench
{
    public FakeContainment Ec2 { get; } = new();
    public FakeEvidence Evidence { get; }
    public RecordingAlerts Alerts { get; }
    public FakeFailedEvents FailedEvents { get; }
    public StringWriter Log { get; } = new CheckedLogWriter();
    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    public IncidentResponder Responder { get; }

    public Bench(bool dryRun = false, IReadOnlyDictionary<SeverityBand, ResponseLevel>? levels = null)
    {
        Evidence = new FakeEvidence(Ec2.Calls);
        Alerts = new RecordingAlerts(Ec2.Calls);
        FailedEvents = new FakeFailedEvents(Ec2.Calls);
        Responder = new IncidentResponder(Ec2, Evidence, Alerts, FailedEvents, new ResponsePolicy("123456789012", "us-east-1", dryRun, levels ?? ResponsePolicy.DefaultLevels),
            Clock, new StructuredLog(Log, Clock, "GuardDutyResponder"));
    }
}
