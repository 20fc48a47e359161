namespace Steward.Local.Costs;

/// <summary>
/// Realistic cost data for a newcomer's first report: 13 months of thirty services split over five cost centres (some of
/// it untagged), with a weekly rhythm (quieter weekends, a Monday batch job), steady growth, day-to-day noise, the last
/// days still estimated (the last one 80% filled in, as AWS leaves it), and one planted spike on the last day (a
/// p4d.24xlarge GPU server in the data team's EC2 bill), so the report has something to say. And what a real bill has
/// besides usage: a Compute Savings Plan (covered usage, its negation and the daily fee), AWS Support's fee and tax on the
/// 1st, and a promotional credit drawn down daily. Deterministic: the same end day gives the same numbers.
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

    /// <summary>Where the Savings Plan's recurring fee lands in Cost Explorer's SERVICE dimension.</summary>
    public const string SavingsPlanService = "Savings Plans for AWS Compute usage";
    public const string SupportService = "AWS Support (Business)";
    /// <summary>One account, moto's: a standalone account's bill (the report shows no accounts section for one).</summary>
    public const string Account = "123456789012";
    /// <summary>What a provisional day has reached when the report reads it: AWS is still filling it in.</summary>
    public const decimal ProvisionalShare = 0.8m;

    public static CostSource Generate(DateOnly lastDay, int months = 13, bool plantSpike = true)
    {
        var first = new DateOnly(lastDay.Year, lastDay.Month, 1).AddMonths(-months);
        // A one-year Compute Savings Plan bought four months ago covers 60% of the m6i fleet at 28% off.
        var savingsPlanFrom = lastDay.AddMonths(-4);
        var facts = new List<CostFact>();
        var usageByMonth = new Dictionary<DateOnly, Dictionary<string, decimal>>();
        for (var day = first; day <= lastDay; day = day.AddDays(1))
        {
            var age = lastDay.DayNumber - day.DayNumber;
            var estimated = age < 2;
            var filled = age == 0 ? ProvisionalShare : 1m;
            var month = new DateOnly(day.Year, day.Month, 1);
            if (day.Day == 1 && usageByMonth.TryGetValue(month.AddMonths(-1), out var lastMonth)) MonthStartCharges(facts, day, estimated, lastMonth);
            if (!usageByMonth.TryGetValue(month, out var thisMonth)) usageByMonth[month] = thisMonth = [];
            // About 2% growth a month, compounded from the first day.
            var growth = 1m + 0.02m * (day.DayNumber - first.DayNumber) / 30.4m;
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var planFee = 0m;
            foreach (var (service, daily, weekendFactor, usage) in Services)
            {
                var amount = daily * growth * (weekend ? weekendFactor : 1m) * filled;
                if (service == "AWS Glue" && day.DayOfWeek == DayOfWeek.Monday) amount *= 6m; // the Monday batch job: weekly, not an anomaly
                amount *= 1m + Noise(day, service) * 0.04m;
                thisMonth[service] = thisMonth.GetValueOrDefault(service) + amount;
                foreach (var (usageType, share) in usage)
                foreach (var (centre, centreShare) in CostCenters)
                {
                    var part = Math.Round(amount * share * centreShare, 10);
                    if (day >= savingsPlanFrom && usageType == "BoxUsage:m6i.large")
                    {
                        // Covered usage is billed at the on-demand rate and taken back by its negation; amortized it is the plan's rate.
                        var covered = Math.Round(part * 0.6m, 10);
                        facts.Add(Fact(day, estimated, service, usageType, centre, part - covered, part - covered, "Usage"));
                        facts.Add(Fact(day, estimated, service, usageType, centre, covered, Math.Round(covered * 0.72m, 10), "SavingsPlanCoveredUsage"));
                        facts.Add(Fact(day, estimated, service, usageType, centre, -covered, 0m, "SavingsPlanNegation"));
                        planFee += Math.Round(covered * 0.72m, 10);
                    }
                    else facts.Add(Fact(day, estimated, service, usageType, centre, part, part * 0.97m, "Usage"));
                }
            }
            // The plan's fee is billed each day, untagged; amortized it is already in the covered usage.
            if (planFee > 0) facts.Add(Fact(day, estimated, SavingsPlanService, "ComputeSP:1yrNoUpfront", "", planFee, 0m, "SavingsPlanRecurringFee"));
            // A promotional credit, drawn down each day of the last two months against EC2: 3% of its cost, untagged.
            if (day >= new DateOnly(lastDay.Year, lastDay.Month, 1).AddMonths(-1))
            {
                var credit = -Math.Round(Services[0].Daily * growth * (weekend ? Services[0].Weekend : 1m) * filled * 0.03m, 10);
                facts.Add(Fact(day, estimated, "Amazon Elastic Compute Cloud - Compute", "Credit", "", credit, credit, "Credit"));
            }
            if (plantSpike && day == lastDay)
                facts.Add(Fact(day, estimated, "Amazon Elastic Compute Cloud - Compute", SpikeUsageType, "data", SpikeAmount, SpikeAmount, "Usage"));
        }
        return new CostSource("generated", new HashSet<string> { Dimension.Service, Dimension.UsageType, Dimension.RecordType, Dimension.LinkedAccount, Dimension.Tag(TagKey) }, facts);
    }

    /// <summary>
    /// What lands on the 1st: AWS Support (Business) at its published tiers on last month's usage (10% of the first $10K,
    /// 7% to $80K, 5% to $250K, 3% above; at least $100), and tax at 7% of each service's month, both untagged.
    /// </summary>
    private static void MonthStartCharges(List<CostFact> facts, DateOnly day, bool estimated, Dictionary<string, decimal> lastMonth)
    {
        var usage = lastMonth.Values.Sum();
        var support = Math.Max(100m, Tier(usage, 0, 10_000, 0.10m) + Tier(usage, 10_000, 80_000, 0.07m) + Tier(usage, 80_000, 250_000, 0.05m) + Tier(usage, 250_000, decimal.MaxValue, 0.03m));
        facts.Add(Fact(day, estimated, SupportService, "Dollar", "", Math.Round(support, 2), Math.Round(support, 2), "Support"));
        foreach (var (service, amount) in lastMonth)
            facts.Add(Fact(day, estimated, service, "Tax", "", Math.Round(amount * 0.07m, 2), Math.Round(amount * 0.07m, 2), "Tax"));

        static decimal Tier(decimal amount, decimal from, decimal to, decimal rate) => amount <= from ? 0 : (Math.Min(amount, to) - from) * rate;
    }

    private static CostFact Fact(DateOnly day, bool estimated, string service, string usageType, string centre, decimal billed, decimal effective, string recordType) =>
        new(day, estimated, new Dictionary<string, string>
        {
            [Dimension.Service] = service, [Dimension.UsageType] = usageType, [Dimension.RecordType] = recordType, [Dimension.Tag(TagKey)] = centre,
            [Dimension.LinkedAccount] = Account,
        }, billed, effective);

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
