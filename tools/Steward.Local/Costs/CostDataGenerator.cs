namespace Steward.Local.Costs;

/// <summary>
/// Realistic cost data for a newcomer's first report: 13 months of thirty services split over five cost centres (some of
/// it untagged), with a weekly rhythm (quieter weekends, a Monday batch job), steady growth, day-to-day noise, the last
/// days still estimated, and one planted spike on the last day (a p4d.24xlarge GPU server in the data team's EC2 bill),
/// so the report has something to say. Deterministic: the same end day gives the same numbers.
/// </summary>
public static class CostDataGenerator
{
    public const string TagKey = "CostCenter";
    public const string SpikeUsageType = "BoxUsage:p4d.24xlarge";
    public const decimal SpikeAmount = 880m;

    /// <summary>(service, base daily USD, weekend factor, usage types with their shares). The Monday job is AWS Glue.</summary>
    private static readonly (string Service, decimal Daily, decimal Weekend, (string UsageType, decimal Share)[] Usage)[] Services =
    [
        ("Amazon Elastic Compute Cloud - Compute", 920m, 0.7m, [("BoxUsage:m6i.large", 0.55m), ("BoxUsage:c6i.xlarge", 0.3m), ("BoxUsage:t3.medium", 0.15m)]),
        ("EC2 - Other", 185m, 0.9m, [("EBS:VolumeUsage.gp3", 0.6m), ("DataTransfer-Out-Bytes", 0.25m), ("EBS:SnapshotUsage", 0.15m)]),
        ("Amazon Relational Database Service", 410m, 0.95m, [("InstanceUsage:db.r6g.xlarge", 0.8m), ("RDS:GP3-Storage", 0.2m)]),
        ("Amazon Simple Storage Service", 225m, 1m, [("TimedStorage-ByteHrs", 0.8m), ("Requests-Tier1", 0.2m)]),
        ("AWS Lambda", 46m, 0.8m, [("Lambda-GB-Second-ARM", 0.85m), ("Request-ARM", 0.15m)]),
        ("Amazon DynamoDB", 62m, 0.85m, [("ReadRequestUnits", 0.5m), ("WriteRequestUnits", 0.35m), ("TimedStorage-ByteHrs", 0.15m)]),
        ("Amazon CloudFront", 84m, 1.1m, [("DataTransfer-Out-Bytes", 0.85m), ("Requests-HTTPS", 0.15m)]),
        ("Amazon Virtual Private Cloud", 36m, 1m, [("NatGateway-Hours", 0.6m), ("NatGateway-Bytes", 0.4m)]),
        ("AmazonCloudWatch", 55m, 0.95m, [("TimedStorage-ByteHrs", 0.3m), ("DataProcessing-Bytes", 0.7m)]),
        ("Amazon Elastic Container Service for Kubernetes", 76m, 1m, [("AmazonEKS-Hours:perCluster", 1m)]),
        ("Amazon Elastic Load Balancing", 41m, 0.9m, [("LoadBalancerUsage", 0.6m), ("LCUUsage", 0.4m)]),
        ("Amazon Simple Notification Service", 3.2m, 0.9m, [("Requests-Tier1", 1m)]),
        ("Amazon Simple Queue Service", 6.4m, 0.8m, [("Requests-RBP", 1m)]),
        ("AWS Key Management Service", 8.1m, 1m, [("KMS-Requests", 0.6m), ("KMS-Keys", 0.4m)]),
        ("Amazon Route 53", 4.3m, 1m, [("HostedZone", 0.5m), ("DNS-Queries", 0.5m)]),
        ("Amazon ElastiCache", 92m, 1m, [("NodeUsage:cache.r6g.large", 1m)]),
        ("Amazon Redshift", 150m, 1m, [("Node:ra3.xlplus", 1m)]),
        ("Amazon OpenSearch Service", 71m, 1m, [("ESInstance:r6g.large", 0.85m), ("ES:GP3-Storage", 0.15m)]),
        ("Amazon Elastic File System", 21m, 1m, [("TimedStorage-ByteHrs", 1m)]),
        ("Amazon API Gateway", 26m, 0.8m, [("ApiGatewayRequest", 1m)]),
        ("Amazon GuardDuty", 18m, 1m, [("PaidEventsAnalyzed", 0.7m), ("PaidS3DataEventsAnalyzed", 0.3m)]),
        ("Amazon SageMaker", 58m, 0.6m, [("Notebk:ml.t3.medium", 0.3m), ("Train:ml.g5.xlarge", 0.7m)]),
        ("Amazon Athena", 12m, 0.5m, [("DataScannedInTB", 1m)]),
        ("Amazon Kinesis", 31m, 1m, [("ShardHour", 0.7m), ("PutRequestPayloadUnits", 0.3m)]),
        ("AWS Glue", 9m, 1m, [("ETL-DPU-Hour", 1m)]),
        ("AWS Config", 9.5m, 1m, [("ConfigurationItemRecorded", 1m)]),
        ("AWS CloudTrail", 5.2m, 1m, [("PaidEventsRecorded", 1m)]),
        ("Amazon EC2 Container Registry (ECR)", 7.3m, 1m, [("TimedStorage-ByteHrs", 1m)]),
        ("AWS Secrets Manager", 4.1m, 1m, [("AWSSecretsManager-Secrets", 1m)]),
        ("AWS Backup", 15m, 1m, [("WarmStorage-ByteHrs", 1m)]),
    ];

    /// <summary>Who pays: most cost is tagged with a cost centre; some is not, as in every real account ("" is untagged).</summary>
    private static readonly (string CostCenter, decimal Share)[] CostCenters = [("payments", 0.34m), ("search", 0.24m), ("data", 0.2m), ("platform", 0.13m), ("", 0.09m)];

    public static CostSource Generate(DateOnly lastDay, int months = 13, bool plantSpike = true)
    {
        var first = new DateOnly(lastDay.Year, lastDay.Month, 1).AddMonths(-months);
        var facts = new List<CostFact>();
        for (var day = first; day <= lastDay; day = day.AddDays(1))
        {
            var age = lastDay.DayNumber - day.DayNumber;
            var estimated = age < 2;
            // About 2% growth a month, compounded from the first day.
            var growth = 1m + 0.02m * (day.DayNumber - first.DayNumber) / 30.4m;
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            foreach (var (service, daily, weekendFactor, usage) in Services)
            {
                var amount = daily * growth * (weekend ? weekendFactor : 1m);
                if (service == "AWS Glue" && day.DayOfWeek == DayOfWeek.Monday) amount *= 6m; // the Monday batch job: weekly, not an anomaly
                amount *= 1m + Noise(day, service) * 0.04m;
                foreach (var (usageType, share) in usage)
                foreach (var (centre, centreShare) in CostCenters)
                {
                    var part = Math.Round(amount * share * centreShare, 10);
                    facts.Add(Fact(day, estimated, service, usageType, centre, part));
                }
            }
            if (plantSpike && day == lastDay)
                facts.Add(Fact(day, estimated, "Amazon Elastic Compute Cloud - Compute", SpikeUsageType, "data", SpikeAmount));
        }
        return new CostSource("generated", new HashSet<string> { Dimension.Service, Dimension.UsageType, Dimension.Tag(TagKey) }, facts);
    }

    private static CostFact Fact(DateOnly day, bool estimated, string service, string usageType, string centre, decimal amount) =>
        new(day, estimated, new Dictionary<string, string> { [Dimension.Service] = service, [Dimension.UsageType] = usageType, [Dimension.Tag(TagKey)] = centre },
            amount, amount * 0.97m);

    /// <summary>A repeatable number in [-1, 1] for a day and a service (no Random: the same day reads the same).</summary>
    private static decimal Noise(DateOnly day, string service)
    {
        // FNV-1a over the service's characters, seeded with the day (string.GetHashCode differs per process).
        var h = (uint)day.DayNumber * 2654435761u;
        foreach (var c in service) h = (h ^ c) * 16777619u;
        h ^= h >> 13; h *= 0x5bd1e995; h ^= h >> 15;
        return (h % 2001) / 1000m - 1m;
    }
}
