namespace Steward.Changes;

/// <summary>
/// What a resource is, in the words that decide its price, read from a template's properties or a plan's attributes.
/// The readers (<see cref="CloudFormation.CloudFormationResources"/>, <see cref="Terraform.TerraformResources"/>) build these;
/// <see cref="Pricer"/> prices them. One record a kind, whichever tool declared it.
/// </summary>
public abstract record Priceable;

/// <summary>An EBS volume. Type as AWS names it (gp2, gp3, io1, io2, st1, sc1, standard).</summary>
public sealed record Volume(string Type, decimal SizeGb, decimal? Iops = null, decimal? ThroughputMBps = null) : Priceable;

/// <summary>
/// An EC2 instance. The root volume is the AMI's unless the source sizes it: an AMI's size is not in a template or plan, so
/// <see cref="RootVolumeAssumed"/> says when 8 GB gp2 (Amazon Linux's and Infracost's assumption) stood in.
/// </summary>
public sealed record Ec2Instance(
    string InstanceType, string Tenancy, bool Windows, Volume RootVolume, bool RootVolumeAssumed,
    IReadOnlyList<Volume> Volumes, bool DetailedMonitoring, string? CpuCredits, bool PublicIpv4) : Priceable
{
    /// <summary>T2 bursts in standard mode unless told; T3, T3a and T4g in unlimited mode (EC2's defaults).</summary>
    public bool UnlimitedCredits => (CpuCredits ?? (InstanceType.StartsWith("t2.", StringComparison.Ordinal) ? "standard" : "unlimited")) == "unlimited"
                                    && InstanceType.StartsWith('t');
}

/// <summary>Instances an Auto Scaling group keeps running: its desired capacity, else its minimum.</summary>
public sealed record AutoScalingGroup(Ec2Instance Instance, int Count, string CountFrom) : Priceable;

public sealed record LambdaFunction(decimal MemoryMb, string Architecture, decimal EphemeralStorageMb) : Priceable;

public sealed record ApiGateway(bool Http) : Priceable;

public sealed record DynamoDbTable(bool OnDemand, decimal WriteCapacity, decimal ReadCapacity) : Priceable;

public sealed record S3Bucket : Priceable;

public sealed record NatGateway : Priceable;

public sealed record LoadBalancer(bool Network) : Priceable;

/// <summary>An Elastic IP or any other public IPv4 address (charged whether attached or not since 2024-02-01).</summary>
public sealed record PublicIpv4Address : Priceable;

public sealed record SnsTopic(bool Fifo) : Priceable;

public sealed record SqsQueue(bool Fifo) : Priceable;

public sealed record LogGroup : Priceable;

public sealed record MetricAlarm(bool HighResolution, int Metrics) : Priceable;

/// <summary>A KMS key by its spec: SYMMETRIC_DEFAULT, RSA_2048, RSA_3072, ECC_NIST_P256, HMAC_256, …</summary>
public sealed record KmsKey(string Spec) : Priceable;

public sealed record Secret : Priceable;

public sealed record StateMachine(bool Express) : Priceable;

/// <summary>
/// An RDS instance. Engine as RDS names it (mysql, postgres, mariadb, aurora-mysql, oracle-se2, sqlserver-web, …), and its
/// version, which decides Extended Support charges once the major version is past standard support. Storage without a
/// type and without provisioned IOPS is gp2, the default both CloudFormation and the Terraform provider document (gp2 and
/// gp3 cost the same per GB; gp3 adds IOPS only past its baseline).
/// </summary>
public sealed record RdsInstance(
    string InstanceClass, string Engine, string? EngineVersion, bool MultiAz, string StorageType, decimal StorageGb, decimal? Iops,
    int ReadReplicas = 0) : Priceable
{
    /// <summary>Lower case, as RDS names engines: CloudFormation takes <c>Engine: MySQL</c> (its engine names are case-insensitive).</summary>
    public string Engine { get; init; } = Engine.ToLowerInvariant();

    public string StorageType { get; init; } = StorageType.ToLowerInvariant();
}

/// <summary>A resource that costs nothing by AWS's price list (IAM, security groups, subscriptions …).</summary>
public sealed record FreeResource(string Why) : Priceable;

/// <summary>A resource this tool does not price yet: listed with the reason, never dropped.</summary>
public sealed record UnpricedResource(string Why) : Priceable;
