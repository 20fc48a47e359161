using Steward.Core.Pricing;

namespace Steward.Changes;

/// <summary>
/// Prices what a resource is (<see cref="Priceable"/>) from the catalog and the usage file, in Infracost's component names
/// and units so people who know Infracost's tables read ours. Hourly things count <see cref="PriceCatalog.HoursPerMonth"/>
/// hours; usage-based lines without usage keep their price and no quantity.
/// </summary>
public sealed class Pricer(PriceCatalog catalog, DateOnly asOf)
{
    private decimal Hours => catalog.HoursPerMonth;

    public PriceCatalog Catalog => catalog;

    /// <summary>
    /// A resource priced, free or not priced. One whose fixed charge has no price here (an instance type the catalog does
    /// not hold, as <c>t9.mega</c> or a type of another region) is not priced, whatever its other lines cost: it is never
    /// "$0.00" among the priced, and its note says which price was not found where.
    /// </summary>
    public PricedResource Price(string name, string type, Priceable what, ResourceUsage usage)
    {
        var priced = PriceOf(name, type, what, usage);
        if (priced.Pricing != Pricing.Priced || !priced.AllComponents.Any(c => c.PriceNotFound && !c.UsageBased)) return priced;
        var missing = priced.AllComponents.Where(c => c.PriceNotFound && !c.UsageBased).Select(c => c.Name);
        return priced with
        {
            Pricing = Pricing.NotPriced,
            Notes = [$"price not found in {catalog.Region}: {string.Join("; ", missing)}", .. priced.Notes],
        };
    }

    private PricedResource PriceOf(string name, string type, Priceable what, ResourceUsage usage) => what switch
    {
        FreeResource f => PricedResource.Free(name, type, f.Why),
        UnpricedResource u => PricedResource.NotPriced(name, type, u.Why),
        Ec2Instance i => Instance(name, type, i, usage),
        AutoScalingGroup g => AutoScaling(name, type, g, usage),
        Volume v => new PricedResource(name, type) { Components = VolumeComponents(v, usage) },
        LambdaFunction f => Lambda(name, type, f, usage),
        ApiGateway a => Api(name, type, a, usage),
        DynamoDbTable t => DynamoDb(name, type, t, usage),
        S3Bucket => S3(name, type, usage),
        NatGateway => new PricedResource(name, type)
        {
            Components =
            [
                new("NAT gateway", "hours", Hours, catalog.Price("natGateway.hour")),
                Usage("Data processed", "GB", usage["monthly_data_processed_gb"], catalog.Price("natGateway.dataProcessed")),
            ],
        },
        LoadBalancer lb => Balancer(name, type, lb, usage),
        PublicIpv4Address => new PricedResource(name, type)
        {
            Components = [new("Public IPv4 address", "hours", usage["monthly_hrs"] ?? Hours, catalog.Price("ec2.publicIpv4"))],
            Notes = ["AWS charges every public IPv4 address by the hour, attached or not, since 2024-02-01"],
        },
        SnsTopic t => Sns(name, type, t, usage),
        SqsQueue q => new PricedResource(name, type)
        {
            Components = [Usage("Requests", "1M requests", Millions(usage["monthly_requests"] * Chunks(usage)), catalog.Price(q.Fifo ? "sqs.fifo.requests" : "sqs.standard.requests"))],
        },
        LogGroup => new PricedResource(name, type)
        {
            Components =
            [
                Usage("Data ingested", "GB", usage["monthly_data_ingested_gb"], catalog.Price("logs.ingestion")),
                Usage("Archival Storage", "GB", usage["storage_gb"], catalog.Price("logs.storage")),
                Usage("Insights queries data scanned", "GB", usage["monthly_data_scanned_gb"], catalog.Price("logs.insights")),
            ],
        },
        MetricAlarm a => new PricedResource(name, type)
        {
            Components = [new(a.HighResolution ? "High resolution" : "Standard resolution", "alarm metrics", a.Metrics,
                catalog.Price(a.HighResolution ? "cloudwatch.alarm.highResolution" : "cloudwatch.alarm.standard"))],
        },
        KmsKey k => Kms(name, type, k),
        Secret => new PricedResource(name, type)
        {
            Components =
            [
                new("Secret", "months", 1, catalog.Price("secretsmanager.secret")),
                Usage("API requests", "10k requests", Per(usage["monthly_requests"], 10_000), catalog.Price("secretsmanager.requests")),
            ],
        },
        StateMachine s => StepFunctions(name, type, s, usage),
        RdsInstance r => Rds(name, type, r, usage),
        _ => PricedResource.NotPriced(name, type, $"no pricing for {what.GetType().Name}"),
    };

    private static CostComponent Usage(string name, string unit, decimal? quantity, decimal price) => new(name, unit, quantity, price, UsageBased: true);
    private static decimal? Millions(decimal? n) => Per(n, 1_000_000);

    /// <summary>SQS and SNS bill a request per 64 KB of payload: a 128 KB message is two requests.</summary>
    private static decimal Chunks(ResourceUsage usage) => usage["request_size_kb"] is > 64 and var kb ? Math.Ceiling(kb / 64) : 1;
    private static decimal? Per(decimal? n, decimal unit) => n / unit;

    private PricedResource Instance(string name, string type, Ec2Instance i, ResourceUsage usage)
    {
        var hours = usage["monthly_hrs"] ?? Hours;
        var components = new List<CostComponent>();
        var notes = new List<string>();
        // A template or plan names an AMI, not its OS: the usage file's operating_system (Infracost's key) says Windows.
        i = i with { Windows = i.Windows || usage.Says("operating_system", "windows") };
        var os = i.Windows ? "Windows" : "Linux/UNIX";
        var rate = catalog.InstanceType(i.InstanceType);
        if (i.Tenancy == "host")
            notes.Add("runs on a Dedicated Host: the host is billed (aws_ec2_host / AWS::EC2::Host), not the instance");
        else if (i.Tenancy == "dedicated")
            components.Add(new($"Instance usage ({os}, on-demand, dedicated, {i.InstanceType})", "hours", hours, 0) { PriceNotFound = true });
        else if (usage.Says("reserved_instance_payment_option", "all_upfront"))
        {
            // All upfront: nothing recurs by the hour; the upfront payment is a purchase, not a monthly cost of this change.
            components.Add(new($"Instance usage ({os}, reserved, {i.InstanceType})", "hours", hours, 0));
            notes.Add("a Reserved Instance paid all upfront: no hourly charge; the upfront payment is not counted");
        }
        else if (usage.Any && (usage.Says("reserved_instance_payment_option", "no_upfront") || usage.Says("reserved_instance_payment_option", "partial_upfront")))
        {
            components.Add(new($"Instance usage ({os}, reserved, {i.InstanceType})", "hours", hours, 0) { PriceNotFound = true });
            notes.Add("Reserved Instance rates with no or partial upfront payment are not in the catalog");
        }
        else if (rate is null || (i.Windows && rate.Windows is null))
            components.Add(new($"Instance usage ({os}, on-demand, {i.InstanceType})", "hours", hours, 0) { PriceNotFound = true });
        else
            components.Add(new($"Instance usage ({os}, on-demand, {i.InstanceType})", "hours", hours, i.Windows ? rate.Windows!.Value : rate.Linux));
        if (components.Any(c => c.PriceNotFound) && notes.Count == 0)
            notes.Add($"{i.InstanceType} ({os}, {i.Tenancy} tenancy) is not in the {catalog.Region} catalog: refresh it with `steward-cost prices refresh`");
        if (!i.Windows && !usage.Says("operating_system", "linux"))
            notes.Add("priced as Linux: the source names an image, not its OS (a usage file's operating_system: windows prices Windows)");
        if (i.DetailedMonitoring) components.Add(new("EC2 detailed monitoring", "metrics", 7, catalog.Price("ec2.detailedMonitoring")));
        if (i.UnlimitedCredits && usage["monthly_cpu_credit_hrs"] is > 0 and var creditHours)
        {
            var family = i.InstanceType.StartsWith("t2.", StringComparison.Ordinal) ? "t2" : "t3";
            components.Add(Usage("CPU credits", "vCPU-hours", creditHours * (usage["vcpu_count"] ?? 2), catalog.Price($"ec2.cpuCredits.{family}")));
        }
        if (i.PublicIpv4) components.Add(new("Public IPv4 address", "hours", hours, catalog.Price("ec2.publicIpv4")));
        if (i.RootVolumeAssumed) notes.Add($"root volume: the AMI's size is not in the source; assumed {i.RootVolume.SizeGb} GB {i.RootVolume.Type}");
        var parts = new List<PricedResource> { new("root_block_device", "volume") { Components = VolumeComponents(i.RootVolume, ResourceUsage.None) } };
        parts.AddRange(i.Volumes.Select((v, n) => new PricedResource($"ebs_block_device[{n}]", "volume") { Components = VolumeComponents(v, ResourceUsage.None) }));
        return new PricedResource(name, type) { Components = components, Parts = parts, Notes = notes };
    }

    private PricedResource AutoScaling(string name, string type, AutoScalingGroup g, ResourceUsage usage)
    {
        var one = Instance(name, type, g.Instance, usage);
        Func<CostComponent, CostComponent> times = c => c with { MonthlyQuantity = c.MonthlyQuantity * g.Count };
        return one with
        {
            Components = one.Components.Select(times).ToList(),
            Parts = one.Parts.Select(p => p with { Components = p.Components.Select(times).ToList() }).ToList(),
            Notes = [$"{g.Count} instance(s): the group's {g.CountFrom}", .. one.Notes],
        };
    }

    private List<CostComponent> VolumeComponents(Volume v, ResourceUsage usage)
    {
        var type = v.Type.ToLowerInvariant();
        var label = type switch
        {
            "gp2" or "gp3" => $"Storage (general purpose SSD, {type})",
            "io1" or "io2" => $"Storage (provisioned IOPS SSD, {type})",
            "st1" => "Storage (throughput optimized HDD, st1)",
            "sc1" => "Storage (cold HDD, sc1)",
            "standard" => "Storage (magnetic)",
            _ => null,
        };
        if (label is null) return [new($"Storage ({v.Type})", "GB", v.SizeGb, 0) { PriceNotFound = true }];
        var list = new List<CostComponent> { new(label, "GB", v.SizeGb, catalog.Price($"ebs.{type}.storage")) };
        switch (type)
        {
            case "gp3":
                var freeThroughput = catalog.Entry("ebs.gp3.throughput").FreeQuantity ?? 125;
                var freeIops = catalog.Entry("ebs.gp3.iops").FreeQuantity ?? 3000;
                if (v.ThroughputMBps is { } t && t > freeThroughput) list.Add(new("Provisioned throughput", "Mbps", t - freeThroughput, catalog.Price("ebs.gp3.throughput")));
                if (v.Iops is { } gi && gi > freeIops) list.Add(new("Provisioned IOPS", "IOPS", gi - freeIops, catalog.Price("ebs.gp3.iops")));
                break;
            case "io1" or "io2":
                foreach (var tier in catalog.Tiered($"ebs.{type}.iops", v.Iops ?? 0))
                    list.Add(new("Provisioned IOPS", "IOPS", tier.Quantity, tier.Price));
                break;
            case "standard":
                list.Add(Usage("I/O requests", "1M request", Millions(usage["monthly_standard_io_requests"]), catalog.Price("ebs.standard.io")));
                break;
        }
        return list;
    }

    private PricedResource Lambda(string name, string type, LambdaFunction f, ResourceUsage usage)
    {
        var arm = f.Architecture == "arm64";
        var requests = usage["monthly_requests"];
        var seconds = requests * usage["request_duration_ms"] / 1000;
        var gbSeconds = seconds * f.MemoryMb / 1024;
        var components = new List<CostComponent> { Usage("Requests", "1M requests", Millions(requests), catalog.Price("lambda.requests")) };
        var ephemeral = catalog.Entry("lambda.ephemeralStorage");
        var extraEphemeralGb = Math.Max(0, f.EphemeralStorageMb / 1024 - (ephemeral.FreeQuantity ?? 0.5m));
        if (gbSeconds is null || extraEphemeralGb > 0)
            components.Add(Usage("Ephemeral storage", "GB-seconds", seconds * extraEphemeralGb, ephemeral.Usd!.Value));
        var key = arm ? "lambda.arm64.duration" : "lambda.x86_64.duration";
        if (gbSeconds is null)
            components.Add(Usage($"Duration (first {Billions(catalog.Entry(key).Tiers![0].UpTo!.Value)})", "GB-seconds", null, catalog.Price(key)));
        else
            foreach (var tier in catalog.Tiered(key, gbSeconds.Value).Where(t => t.Quantity > 0))
                components.Add(Usage(TierName("Duration", tier, Billions), "GB-seconds", tier.Quantity, tier.Price));
        return new PricedResource(name, type) { Components = components };
    }

    private static string Billions(decimal n) => $"{n / 1_000_000_000:0.##}B";
    private static string MillionsLabel(decimal n) => n >= 1000 ? $"{n / 1000:0.##}B" : $"{n:0.##}M";

    /// <summary>Infracost's tier names: "first 6B", "next 9B", "over 15B".</summary>
    private static string TierName(string what, TierCharge tier, Func<decimal, string> label) =>
        tier.UpTo is null ? $"{what} (over {label(tier.From)})"
        : tier.From == 0 ? $"{what} (first {label(tier.UpTo.Value)})"
        : $"{what} (next {label(tier.UpTo.Value - tier.From)})";

    private PricedResource Api(string name, string type, ApiGateway a, ResourceUsage usage)
    {
        var key = a.Http ? "apigateway.http.requests" : "apigateway.rest.requests";
        var millions = Millions(usage["monthly_requests"]);
        var components = millions is null
            ? [Usage(TierName("Requests", catalog.Tiered(key, 0)[0], MillionsLabel), "1M requests", null, catalog.Price(key))]
            : catalog.Tiered(key, millions.Value).Where(t => t.Quantity > 0 || millions == 0)
                .Select(t => Usage(TierName("Requests", t, MillionsLabel), "1M requests", t.Quantity, t.Price)).ToList();
        return new PricedResource(name, type) { Components = components };
    }

    private PricedResource DynamoDb(string name, string type, DynamoDbTable t, ResourceUsage usage)
    {
        var c = new List<CostComponent>();
        if (t.OnDemand)
        {
            c.Add(Usage("Write request unit (WRU)", "WRUs", usage["monthly_write_request_units"], catalog.Price("dynamodb.wru") / 1_000_000));
            c.Add(Usage("Read request unit (RRU)", "RRUs", usage["monthly_read_request_units"], catalog.Price("dynamodb.rru") / 1_000_000));
        }
        else
        {
            c.Add(new("Write capacity unit (WCU)", "WCU", t.WriteCapacity, catalog.Price("dynamodb.wcu") * Hours));
            c.Add(new("Read capacity unit (RCU)", "RCU", t.ReadCapacity, catalog.Price("dynamodb.rcu") * Hours));
        }
        c.Add(Usage("Data storage", "GB", usage["storage_gb"], catalog.Price("dynamodb.storage")));
        c.Add(Usage("Point-In-Time Recovery (PITR) backup storage", "GB", usage["pitr_backup_storage_gb"], catalog.Price("dynamodb.pitr")));
        c.Add(Usage("On-demand backup storage", "GB", usage["on_demand_backup_storage_gb"], catalog.Price("dynamodb.backup")));
        c.Add(Usage("Table data restored", "GB", usage["monthly_data_restored_gb"], catalog.Price("dynamodb.restore")));
        c.Add(Usage("Streams read request unit (sRRU)", "sRRUs", usage["monthly_streams_read_request_units"], catalog.Price("dynamodb.streamsRead")));
        return new PricedResource(name, type) { Components = c };
    }

    /// <summary>S3 by storage class, as Infracost groups it; only classes the usage file mentions, Standard always.</summary>
    private PricedResource S3(string name, string type, ResourceUsage usage)
    {
        (string Label, string Usage, string Class)[] classes =
        [
            ("Standard", "standard", "STANDARD"), ("Intelligent tiering", "intelligent_tiering", "INTELLIGENT_TIERING"),
            ("Standard - infrequent access", "standard_infrequent_access", "STANDARD_IA"), ("One zone - infrequent access", "one_zone_infrequent_access", "ONEZONE_IA"),
            ("Glacier flexible retrieval", "glacier_flexible_retrieval", "GLACIER"), ("Glacier deep archive", "glacier_deep_archive", "DEEP_ARCHIVE"),
        ];
        var parts = new List<PricedResource>();
        foreach (var (label, key, storageClass) in classes)
        {
            var cls = storageClass;
            decimal? U(string k) => usage[$"{key}.{k}"];
            if (cls != "STANDARD" && !new[] { "storage_gb", "frequent_access_storage_gb", "monthly_tier_1_requests" }.Any(k => U(k) is not null)) continue;
            var c = new List<CostComponent>();
            var storageKey = $"s3.{cls}.storage";
            var gb = U(cls == "INTELLIGENT_TIERING" ? "frequent_access_storage_gb" : "storage_gb");
            var storageName = cls == "INTELLIGENT_TIERING" ? "Storage (frequent access)" : "Storage";
            if (gb is null) c.Add(Usage(storageName, "GB", null, catalog.Price(storageKey)));
            else c.AddRange(catalog.Tiered(storageKey, gb.Value).Select(t => Usage(storageName, "GB", t.Quantity, t.Price)));
            if (cls == "INTELLIGENT_TIERING")
            {
                c.Add(Usage("Monitoring and automation", "1k objects", Per(U("monitored_objects"), 1000), catalog.Price("s3.INTELLIGENT_TIERING.monitoring")));
                cls = "STANDARD"; // its requests are priced as Standard's
            }
            if (catalog.Has($"s3.{cls}.tier1"))
            {
                c.Add(Usage("PUT, COPY, POST, LIST requests", "1k requests", Per(U("monthly_tier_1_requests"), 1000), catalog.Price($"s3.{cls}.tier1")));
                c.Add(Usage("GET, SELECT, and all other requests", "1k requests", Per(U("monthly_tier_2_requests"), 1000), catalog.Price($"s3.{cls}.tier2")));
            }
            if (catalog.Has($"s3.{cls}.retrieval")) c.Add(Usage("Retrievals", "GB", U("monthly_data_retrieval_gb"), catalog.Price($"s3.{cls}.retrieval")));
            if (catalog.Has($"s3.{cls}.selectScanned"))
            {
                c.Add(Usage("Select data scanned", "GB", U("monthly_select_data_scanned_gb"), catalog.Price($"s3.{cls}.selectScanned")));
                c.Add(Usage("Select data returned", "GB", U("monthly_select_data_returned_gb"), catalog.Price($"s3.{cls}.selectReturned")));
            }
            parts.Add(new PricedResource(label, "storage class") { Components = c });
        }
        return new PricedResource(name, type) { Parts = parts };
    }

    /// <summary>
    /// LCUs from the usage file, the largest of AWS's four dimensions: processed GB (1 GB an hour a LCU), new connections
    /// (25 a second for an ALB, 800 for an NLB), active connections (3,000 a minute, 100,000 for an NLB) and rule
    /// evaluations (1,000 a second). Monthly totals in the file, except active connections (the average).
    /// </summary>
    private PricedResource Balancer(string name, string type, LoadBalancer lb, ResourceUsage usage)
    {
        var seconds = Hours * 3600;
        decimal? lcu = null;
        if (usage.Any)
            lcu = new[]
            {
                (usage["processed_bytes_gb"] ?? 0) / Hours,
                (usage["new_connections"] ?? 0) / seconds / (lb.Network ? 800 : 25),
                (usage["active_connections"] ?? 0) / (lb.Network ? 100_000 : 3000),
                lb.Network ? 0 : (usage["rule_evaluations"] ?? 0) / seconds / 1000,
            }.Max();
        var kind = lb.Network ? "nlb" : "alb";
        return new PricedResource(name, type)
        {
            Components =
            [
                new(lb.Network ? "Network load balancer" : "Application load balancer", "hours", Hours, catalog.Price($"{kind}.hour")),
                Usage("Load balancer capacity units", "LCU", lcu, catalog.Price($"{kind}.lcu") * Hours),
            ],
        };
    }

    private PricedResource Sns(string name, string type, SnsTopic t, ResourceUsage usage)
    {
        if (t.Fifo)
            return new PricedResource(name, type) { Components = [Usage("FIFO Publish API requests", "1M requests", Millions(usage["monthly_requests"]), catalog.Price("sns.fifo.requests"))] };
        var requests = Millions(usage["monthly_requests"] * Chunks(usage));
        var free = catalog.Entry("sns.requests").FreeQuantity ?? 0;
        decimal? Over(decimal? n, decimal freeN) => n is null ? null : Math.Max(0, n.Value - freeN);
        var http = Per(usage["http_subscriptions"] * usage["monthly_requests"], 100_000);
        var email = Per(usage["email_subscriptions"] * usage["monthly_requests"], 100_000);
        return new PricedResource(name, type)
        {
            Components =
            [
                Usage("API requests (over 1M)", "1M requests", Over(requests, free), catalog.Price("sns.requests")),
                Usage("HTTP/HTTPS notifications (over 100k)", "100k notifications", Over(http, catalog.Entry("sns.http").FreeQuantity ?? 0), catalog.Price("sns.http")),
                Usage("Email/Email-JSON notifications (over 1k)", "100k notifications", Over(email, catalog.Entry("sns.email").FreeQuantity ?? 0), catalog.Price("sns.email")),
            ],
            Notes = ["SMS is priced per destination country and is not estimated"],
        };
    }

    private PricedResource Kms(string name, string type, KmsKey k)
    {
        var c = new List<CostComponent> { new("Customer master key", "months", 1, catalog.Price("kms.key")) };
        switch (k.Spec)
        {
            case "SYMMETRIC_DEFAULT" or "HMAC_224" or "HMAC_256" or "HMAC_384" or "HMAC_512":
                c.Add(Usage("Requests", "10k requests", null, catalog.Price("kms.requests")));
                c.Add(Usage("ECC GenerateDataKeyPair requests", "10k requests", null, catalog.Price("kms.requests.generateDataKeyPair")));
                c.Add(Usage("RSA GenerateDataKeyPair requests", "10k requests", null, catalog.Price("kms.requests.generateDataKeyPair")));
                break;
            case "RSA_2048":
                c.Add(Usage("Requests (RSA 2048)", "10k requests", null, catalog.Price("kms.requests.rsa2048")));
                break;
            default:
                c.Add(Usage("Requests (asymmetric)", "10k requests", null, catalog.Price("kms.requests.asymmetric")));
                break;
        }
        return new PricedResource(name, type) { Components = c };
    }

    private PricedResource StepFunctions(string name, string type, StateMachine s, ResourceUsage usage)
    {
        if (!s.Express)
            return new PricedResource(name, type) { Components = [Usage("Transitions", "1k transitions", Per(usage["monthly_transitions"], 1000), catalog.Price("stepfunctions.standard.transitions"))] };
        var requests = usage["monthly_requests"];
        var gbSeconds = requests * usage["workflow_duration_ms"] / 1000 * (usage["memory_mb"] ?? 64) / 1024;
        return new PricedResource(name, type)
        {
            Components =
            [
                Usage("Requests", "1M requests", Millions(requests), catalog.Price("stepfunctions.express.requests")),
                Usage("Duration", "GB-seconds", gbSeconds, catalog.Price("stepfunctions.express.duration")),
            ],
        };
    }

    private PricedResource Rds(string name, string type, RdsInstance r, ResourceUsage usage)
    {
        var c = new List<CostComponent>();
        var notes = new List<string>();
        var az = r.MultiAz ? "Multi-AZ" : "Single-AZ";
        var azFactor = r.MultiAz ? 2 : 1;
        var instances = 1 + r.ReadReplicas;
        var classPrice = catalog.RdsInstance(r.InstanceClass);
        var hourly = classPrice?.Hourly(EngineKey(r.Engine), r.MultiAz);
        c.Add(new($"Database instance (on-demand, {az}, {r.InstanceClass})", "hours", Hours * instances, hourly ?? 0) { PriceNotFound = hourly is null });
        if (hourly is null) notes.Add($"{r.InstanceClass} running {r.Engine} is not in the {catalog.Region} catalog");
        if (r.ReadReplicas > 0) notes.Add($"{r.ReadReplicas} read replica(s) priced as copies of the instance");
        var storage = r.StorageType.ToLowerInvariant();
        switch (storage)
        {
            case "io1" or "io2":
                // RDS's minimums for Provisioned IOPS storage: 100 GB and 1,000 IOPS.
                c.Add(new($"Storage (provisioned IOPS SSD, {storage})", "GB", Math.Max(100, r.StorageGb) * instances, catalog.Price("rds.io1.storage") * azFactor));
                c.Add(new("Provisioned IOPS", "IOPS", Math.Max(1000, r.Iops ?? 1000) * instances, catalog.Price("rds.io1.iops") * azFactor));
                break;
            case "gp3":
                c.Add(new("Storage (general purpose SSD, gp3)", "GB", r.StorageGb * instances, catalog.Price("rds.gp3.storage") * azFactor));
                // gp3's included IOPS: 3,000 under 400 GB, 12,000 from 400 GB (MySQL, MariaDB, PostgreSQL).
                var baseline = r.StorageGb < 400 ? 3000 : 12000;
                if (r.Iops is { } iops && iops > baseline)
                    c.Add(new($"Provisioned GP3 IOPS (above {baseline:#,0})", "IOPS", (iops - baseline) * instances, catalog.Price("rds.gp3.iops") * azFactor));
                break;
            case "standard":
                c.Add(new("Storage (magnetic)", "GB", r.StorageGb * instances, catalog.Price("rds.standard.storage") * azFactor));
                c.Add(Usage("I/O requests", "1M requests", Millions(usage["monthly_standard_io_requests"]), catalog.Price("rds.standard.io")));
                break;
            default:
                c.Add(new("Storage (general purpose SSD, gp2)", "GB", r.StorageGb * instances, catalog.Price("rds.gp2.storage") * azFactor));
                break;
        }
        c.Add(Usage("Additional backup storage", "GB", usage["additional_backup_storage_gb"],
            catalog.Price(r.Engine.StartsWith("aurora", StringComparison.Ordinal) ? "rds.backup.aurora" : "rds.backup")));
        if (r.InstanceClass.StartsWith("db.t", StringComparison.Ordinal) && usage["monthly_cpu_credit_hrs"] is > 0 and var credits && classPrice is not null)
            c.Add(Usage("CPU credits", "vCPU-hours", credits * classPrice.Vcpus, catalog.Price("rds.cpuCredits")));
        if (ExtendedSupport.YearOf(r.Engine, r.EngineVersion, asOf) is { } year && classPrice is { Vcpus: > 0 })
        {
            c.Add(new($"Extended support (year {year})", "vCPU-hours", classPrice.Vcpus * Hours * azFactor * instances, catalog.Price($"rds.extendedSupport.year{year}")));
            notes.Add($"{r.Engine} {r.EngineVersion} is past standard support on {asOf:yyyy-MM-dd}: RDS Extended Support is charged (year {year})");
        }
        return new PricedResource(name, type) { Components = c, Notes = notes };
    }

    /// <summary>The catalog's engine names: Aurora's engines share a price, licence-included engines keep their edition.</summary>
    private static string EngineKey(string engine) => engine switch
    {
        "aurora" or "aurora-mysql" or "aurora-postgresql" => "aurora",
        "oracle-se2-cdb" => "oracle-se2",
        "oracle-ee-cdb" => "oracle-ee",
        _ => engine,
    };
}

/// <summary>
/// RDS Extended Support: once an engine's major version passes its end of standard support, RDS charges per vCPU-hour,
/// at one price in years 1 and 2 and a higher one in year 3. The dates are AWS's published ones (RDS and Aurora release
/// calendars); which year applies depends on the day the estimate is made, so it is part of the estimate's inputs.
/// </summary>
public static class ExtendedSupport
{
    private static readonly Dictionary<(string Engine, string Major), DateOnly> StandardSupportEnds = new()
    {
        [("mysql", "5.7")] = new(2024, 2, 29),
        [("mysql", "8.0")] = new(2026, 7, 31),
        [("postgres", "11")] = new(2024, 2, 29),
        [("postgres", "12")] = new(2025, 2, 28),
        [("postgres", "13")] = new(2026, 2, 28),
        [("aurora", "5.7")] = new(2024, 10, 31),
        [("aurora-mysql", "5.7")] = new(2024, 10, 31),
        [("aurora-postgresql", "11")] = new(2024, 2, 29),
        [("aurora-postgresql", "12")] = new(2025, 2, 28),
        [("aurora-postgresql", "13")] = new(2026, 2, 28),
    };

    /// <summary>1, 2 or 3 when the version is in Extended Support on <paramref name="on"/>; null when in standard support or unknown.</summary>
    public static int? YearOf(string engine, string? version, DateOnly on)
    {
        if (string.IsNullOrEmpty(version)) return null;
        var parts = version.Split('.');
        var major = engine is "mysql" or "aurora" or "aurora-mysql" || (parts.Length > 1 && parts[0] == "5") ? string.Join('.', parts.Take(2)) : parts[0];
        if (!StandardSupportEnds.TryGetValue((engine, major), out var end) || on <= end) return null;
        var months = (on.Year - end.Year) * 12 + on.Month - end.Month; // whole months begun since the end of standard support
        return Math.Min(3, 1 + (months - 1) / 12);
    }
}
