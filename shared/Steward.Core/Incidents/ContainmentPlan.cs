namespace Steward.Core.Incidents;

/// <summary>The playbook's steps, in the order they are carried out.</summary>
public enum ResponseStep
{
    /// <summary>Finding and instance description written to the evidence bucket.</summary>
    RecordEvidence,
    /// <summary>Every attached EBS volume snapshotted, tagged with the finding id.</summary>
    SnapshotVolumes,
    /// <summary>Termination protection on, volumes kept on termination, shutdown stops.</summary>
    Protect,
    /// <summary>The instance tagged <c>steward:quarantine</c> with the finding id, type and time.</summary>
    Quarantine,
    /// <summary>Security groups backed up, every interface moved to the VPC's isolation group.</summary>
    Isolate,
    Stop,
}

/// <summary>What to do about one finding: decided from the finding, the policy and what the instance's tags say was done.</summary>
public sealed record ContainmentPlan
{
    public required string FindingId { get; init; }
    public required string FindingType { get; init; }
    public required double Severity { get; init; }
    public required SeverityBand Band { get; init; }
    public required ResponseLevel Level { get; init; }
    /// <summary>The instance acted on, for instance findings of this account and region.</summary>
    public string? InstanceId { get; init; }
    /// <summary>The instance the finding names, whether or not it is acted on: people must know which machine it is about.</summary>
    public string? NamedInstanceId { get; init; }
    /// <summary>Steps still to carry out, in order; empty when nothing changes in EC2.</summary>
    public required IReadOnlyList<ResponseStep> Steps { get; init; }
    /// <summary>Steps an earlier delivery of the same finding already carried out (from the instance's tags).</summary>
    public IReadOnlyList<ResponseStep> AlreadyDone { get; init; } = [];
    /// <summary>Whether people hear of this delivery: the first time, when more was done, or when GuardDuty counted more.</summary>
    public required NotifyKind Notify { get; init; }
    /// <summary>Why the plan is what it is, in words for the log and the email.</summary>
    public required IReadOnlyList<string> Reasons { get; init; }
    /// <summary>The account the finding is about, and whether it is home or a member (null when the finding names none).</summary>
    public Organizations.AccountStanding? Account { get; init; }
    public bool DryRun { get; init; }
    public bool Sample { get; init; }
    public long Count { get; init; }
}

public enum NotifyKind { None, Full, Update }
