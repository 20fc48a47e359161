using Steward.Changes;
using Steward.Core.Pricing;
using Steward.Testing;

namespace Steward.Tests.Changes;

/// <summary>
/// Content delivery, delivery streams, file systems, backup vaults, Glue and S3's bucket features priced from a
/// CloudFormation template and from a Terraform plan of the same configuration: the same lines and the same figure,
/// worked by hand from the catalog's us-east-1 prices (730 hours), which Infracost's goldens state (InfracostGoldenTests
/// checks the Terraform form against them line by line).
/// </summary>
public class StoragePricingTests
{
    private static readonly Estimator Estimator = PricingForms.Estimator;

    private static string Write(string name, string text) => ChangeEstimateTests.Write(name, text);

    private static PricedResource Template(string resources) => PricingForms.Template(resources);

    private static PricedResource Plan(string type, string after) => PricingForms.Plan(type, after);

    private static IEnumerable<(string, decimal?, decimal)> Lines(PricedResource r, string prefix = "") =>
        r.Components.Select(c => (prefix + c.Name, c.MonthlyQuantity, c.Price)).Concat(r.Parts.SelectMany(p => Lines(p, prefix + p.Name + " / ")));

    private static void Same(PricedResource cloudFormation, PricedResource terraform, decimal expected)
    {
        Assert.Equal((Pricing.Priced, Pricing.Priced), (cloudFormation.Pricing, terraform.Pricing));
        Assert.Equal(Lines(terraform), Lines(cloudFormation));
        Assert.Equal(expected, cloudFormation.MonthlyCost);
        Assert.Equal(expected, terraform.MonthlyCost);
    }

    /// <summary>
    /// A distribution serving a custom certificate from dedicated IPs (SslSupportMethod vip): one certificate, $600 a month,
    /// its one fixed charge. Its logging bucket (real-time log lines, $0.01 a million), field-level encryption ($0.02 per 10k
    /// requests), origin shield in sa-east-1 ($0.016 per 10k), invalidations past the free 1,000 paths ($0.005 a path) and
    /// the US group's data transfer out ($0.085 a GB for the first 10 TB), to origin ($0.02) and requests ($0.0075 and
    /// $0.01 per 10k) are usage, so add nothing here.
    /// </summary>
    [Fact]
    public void A_CloudFront_distribution_pays_for_dedicated_IP_SSL_and_lists_its_usage_in_both_forms()
    {
        var cf = Template("""
              Cdn:
                Type: AWS::CloudFront::Distribution
                Properties:
                  DistributionConfig:
                    Enabled: true
                    Origins: [{ Id: s3, DomainName: b.s3.amazonaws.com, OriginShield: { Enabled: true, OriginShieldRegion: sa-east-1 } }]
                    DefaultCacheBehavior: { TargetOriginId: s3, ViewerProtocolPolicy: allow-all, FieldLevelEncryptionId: fle }
                    Logging: { Bucket: logs.s3.amazonaws.com }
                    ViewerCertificate: { AcmCertificateArn: arn, SslSupportMethod: vip }

            """);
        var tf = Plan("aws_cloudfront_distribution", """
            {"enabled":true,"origin":[{"origin_id":"s3","domain_name":"b.s3.amazonaws.com","origin_shield":[{"enabled":true,"origin_shield_region":"sa-east-1"}]}],
             "default_cache_behavior":[{"target_origin_id":"s3","field_level_encryption_id":"fle"}],"logging_config":[{"bucket":"logs.s3.amazonaws.com"}],
             "viewer_certificate":[{"acm_certificate_arn":"arn","ssl_support_method":"vip"}]}
            """);
        Same(cf, tf, 600m);
        Assert.Equal(["Field level encryption requests", "Real-time log requests", "Dedicated IP custom SSLs", "Origin shield HTTP requests (South America sa-east-1)",
            "Invalidation requests (first 1k)", "US, Mexico, Canada / Data transfer out to internet (first 10TB)", "US, Mexico, Canada / Data transfer out to origin",
            "US, Mexico, Canada / HTTP requests", "US, Mexico, Canada / HTTPS requests"], Lines(cf).Select(l => l.Item1));
        // Served by SNI (the default), with no shield, logging or encryption: all usage, nothing fixed.
        var plain = Template("  Cdn: { Type: AWS::CloudFront::Distribution, Properties: { DistributionConfig: { Enabled: true, DefaultCacheBehavior: { TargetOriginId: s3, ViewerProtocolPolicy: allow-all } } } }\n");
        Assert.Equal((Pricing.Priced, 0m), (plain.Pricing, plain.MonthlyCost));
        Assert.Equal(5, Lines(plain).Count());
    }

    /// <summary>
    /// A delivery stream converting records to Parquet and delivering into a VPC through two subnets: two AZs' delivery
    /// hours, 2 × 730 × $0.011 = $16.06, its one fixed charge. Priced against the eu-west-2 catalog pinned for
    /// Infracost's Firehose golden (Steward ships no us-east-1 Firehose price yet, so there it is "price not found").
    /// Data ingested ($0.035 a GB for the first 500 TB), format conversion ($0.021) and VPC data ($0.01) are usage.
    /// </summary>
    [Fact]
    public void A_Firehose_delivery_stream_pays_its_VPC_delivery_hours_and_lists_its_GB_in_both_forms()
    {
        using var json = File.OpenRead(Path.Combine(Fixtures.ProjectRoot, "tests", "Steward.Tests", "Changes", "infracost-goldens", "catalogs", "catalog.eu-west-2.json"));
        var london = new Estimator(new Pricer(PriceCatalog.Read(json), new DateOnly(2026, 11, 26)), UsageFile.None, new Dictionary<string, string>());
        var cf = london.Breakdown(Write("t.yaml", """
            Resources:
              Stream:
                Type: AWS::KinesisFirehose::DeliveryStream
                Properties:
                  ExtendedS3DestinationConfiguration: { BucketARN: arn, RoleARN: arn, DataFormatConversionConfiguration: { Enabled: true } }
                  ElasticsearchDestinationConfiguration: { IndexName: i, RoleARN: arn, VpcConfiguration: { RoleARN: arn, SecurityGroupIds: [sg], SubnetIds: [a, b] } }

            """)).Resources.Single();
        var tf = london.Breakdown(Write("plan.json", """
            {"format_version":"1.2","resource_changes":[{"address":"aws_kinesis_firehose_delivery_stream.x","mode":"managed","type":"aws_kinesis_firehose_delivery_stream","name":"x",
              "change":{"actions":["create"],"before":null,"after":{"destination":"extended_s3","extended_s3_configuration":[{"data_format_conversion_configuration":[{"enabled":true}]}],
              "elasticsearch_configuration":[{"vpc_config":[{"subnet_ids":["a","b"]}]}]}}}]}
            """)).Resources.Single();
        Same(cf, tf, 2 * 730 * 0.011m);
        Assert.Equal(["Data ingested (first 500TB)", "Format conversion", "VPC data", "VPC AZ delivery"], Lines(cf).Select(l => l.Item1));
        // In us-east-1 no Firehose price is sourced yet: its line says the price is not found, never $0 a GB.
        var here = Template("  Stream: { Type: AWS::KinesisFirehose::DeliveryStream, Properties: { DeliveryStreamType: DirectPut } }\n");
        Assert.True(here.Components.Single(c => c.Name == "Data ingested (first 500TB)").PriceNotFound);
    }

    /// <summary>
    /// FSx for Windows File Server, Multi-AZ, 300 GB of SSD at 32 MBps: throughput 32 × $4.50 = $144.00 and storage 300 ×
    /// $0.23 = $69.00, both fixed: $213.00. Backups ($0.05 a GB) are usage.
    /// </summary>
    [Fact]
    public void An_FSx_for_Windows_file_system_pays_its_throughput_and_storage_capacity_in_both_forms()
    {
        var cf = Template("  Files: { Type: AWS::FSx::FileSystem, Properties: { FileSystemType: WINDOWS, StorageCapacity: 300, StorageType: SSD, SubnetIds: [a, b], WindowsConfiguration: { ThroughputCapacity: 32, DeploymentType: MULTI_AZ_1, PreferredSubnetId: a } } }\n");
        var tf = Plan("aws_fsx_windows_file_system", """{"storage_capacity":300,"storage_type":"SSD","throughput_capacity":32,"deployment_type":"MULTI_AZ_1","subnet_ids":["a","b"]}""");
        Same(cf, tf, 144m + 69m);
        Assert.Equal(["Throughput capacity", "SSD storage", "Backup storage"], Lines(cf).Select(l => l.Item1));
    }

    /// <summary>
    /// FSx for OpenZFS, Single-AZ, 1,000 GB at 64 MBps with 3,500 IOPS provisioned and LZ4 compression: throughput 64 ×
    /// $0.26 = $16.64; the IOPS above the 3,000 its storage includes (3 a GB), 500 × $0.006 = $3.00; storage at Infracost's
    /// assumed 50% saving, 500 × $0.09 = $45.00. In all $64.64.
    /// </summary>
    [Fact]
    public void An_FSx_for_OpenZFS_file_system_pays_throughput_IOPS_past_what_storage_includes_and_compressed_storage_in_both_forms()
    {
        var cf = Template("""
              Files:
                Type: AWS::FSx::FileSystem
                Properties:
                  FileSystemType: OPENZFS
                  StorageCapacity: 1000
                  SubnetIds: [a]
                  OpenZFSConfiguration:
                    DeploymentType: SINGLE_AZ_1
                    ThroughputCapacity: 64
                    DiskIopsConfiguration: { Mode: USER_PROVISIONED, Iops: 3500 }
                    RootVolumeConfiguration: { DataCompressionType: LZ4 }

            """);
        var tf = Plan("aws_fsx_openzfs_file_system", """
            {"storage_capacity":1000,"deployment_type":"SINGLE_AZ_1","throughput_capacity":64,"disk_iops_configuration":[{"mode":"USER_PROVISIONED","iops":3500}],
             "root_volume_configuration":[{"data_compression_type":"LZ4"}]}
            """);
        Same(cf, tf, 16.64m + 3m + 45m);
        Assert.Equal(["Throughput capacity", "Provisioned IOPS", "SSD storage (LZ4 compression, 50%)", "Backup storage"], Lines(cf).Select(l => l.Item1));
        // Lustre and ONTAP are named, not guessed.
        Assert.Equal(Pricing.NotPriced, Template("  Files: { Type: AWS::FSx::FileSystem, Properties: { FileSystemType: LUSTRE, StorageCapacity: 1200, SubnetIds: [a] } }\n").Pricing);
    }

    private static Estimator WithUsage(string yaml) =>
        new(new Pricer(PriceCatalog.Load("us-east-1"), new DateOnly(2026, 11, 26)), UsageFile.Read(Write("usage.yml", "version: 0.1\nresource_usage:\n" + yaml)), new Dictionary<string, string>());

    /// <summary>
    /// A backup vault costs nothing of its own; what it holds is usage: 1,000 GB of warm EFS backups at $0.06 = $60.00 and
    /// 500 GB of RDS snapshots at $0.095 = $47.50, $107.50 in all, in both forms; its other ten lines show their price.
    /// </summary>
    [Fact]
    public void A_backup_vault_is_priced_by_what_it_holds_in_both_forms()
    {
        var usage = WithUsage("  Vault: { monthly_efs_warm_backup_gb: 1000, monthly_rds_snapshot_gb: 500 }\n  aws_backup_vault.x: { monthly_efs_warm_backup_gb: 1000, monthly_rds_snapshot_gb: 500 }\n");
        var cf = usage.Breakdown(Write("t.yaml", "Resources:\n  Vault: { Type: AWS::Backup::BackupVault, Properties: { BackupVaultName: v } }\n")).Resources.Single();
        var tf = usage.Breakdown(Write("plan.json", """
            {"format_version":"1.2","resource_changes":[{"address":"aws_backup_vault.x","mode":"managed","type":"aws_backup_vault","name":"x","change":{"actions":["create"],"before":null,"after":{"name":"v"}}}]}
            """)).Resources.Single();
        Same(cf, tf, 60m + 47.50m);
        Assert.Equal(12, Lines(cf).Count());
        Assert.Equal(0m, Template("  Vault: { Type: AWS::Backup::BackupVault, Properties: { BackupVaultName: v } }\n").MonthlyCost);
    }

    /// <summary>
    /// Glue, all usage at $0.44 a DPU-hour: a job of ten G.2X workers (20 DPUs) run 60 hours, 60 × 20 × 0.44 = $528.00; a
    /// crawler run 10 hours, $4.40; a catalog database of 200,000 objects and 3 million requests, 2 × $1 + 3 × $1 = $5.00.
    /// </summary>
    [Fact]
    public void Glue_jobs_crawlers_and_databases_are_priced_by_their_usage_in_both_forms()
    {
        var usage = WithUsage("""
              Job: { monthly_hours: 60 }
              aws_glue_job.x: { monthly_hours: 60 }
              Crawler: { monthly_hours: 10 }
              aws_glue_crawler.x: { monthly_hours: 10 }
              Db: { monthly_objects: 200000, monthly_requests: 3000000 }
              aws_glue_catalog_database.x: { monthly_objects: 200000, monthly_requests: 3000000 }

            """);
        PricedResource Cf(string resource) => usage.Breakdown(Write("t.yaml", "Resources:\n" + resource)).Resources.Single();
        PricedResource Tf(string type, string after) => usage.Breakdown(Write("plan.json",
            $"{{\"format_version\":\"1.2\",\"resource_changes\":[{{\"address\":\"{type}.x\",\"mode\":\"managed\",\"type\":\"{type}\",\"name\":\"x\",\"change\":{{\"actions\":[\"create\"],\"before\":null,\"after\":{after}}}}}]}}")).Resources.Single();
        Same(Cf("  Job: { Type: AWS::Glue::Job, Properties: { Role: r, Command: { Name: glueetl }, WorkerType: G.2X, NumberOfWorkers: 10 } }\n"),
            Tf("aws_glue_job", """{"worker_type":"G.2X","number_of_workers":10}"""), 528m);
        Same(Cf("  Crawler: { Type: AWS::Glue::Crawler, Properties: { Role: r, Targets: {} } }\n"), Tf("aws_glue_crawler", """{"name":"c"}"""), 4.40m);
        Same(Cf("  Db: { Type: AWS::Glue::Database, Properties: { CatalogId: !Ref AWS::AccountId, DatabaseInput: { Name: d } } }\n"), Tf("aws_glue_catalog_database", """{"name":"d"}"""), 5m);
        // A Python shell job's 0.0625 DPU, priced per hour without usage: 0.44 × 0.0625 = $0.0275.
        var shell = Template("  Job: { Type: AWS::Glue::Job, Properties: { Role: r, Command: { Name: pythonshell }, MaxCapacity: 0.0625 } }\n").Components.Single();
        Assert.Equal(("hours (0.0625 DPUs)", 0.0275m), (shell.Unit, shell.Price));
    }

    /// <summary>
    /// Storage Class Analysis and S3 Inventory, usage: 10 million objects monitored at $0.10 a million = $1.00, and 10
    /// million listed at $0.0025 a million = $0.025. A template declares them on its bucket (AnalyticsConfigurations,
    /// InventoryConfigurations), a plan as resources of their own; the same lines either way. Intelligent-Tiering
    /// configurations cost nothing of their own (monitoring is the bucket's Intelligent-Tiering usage).
    /// </summary>
    [Fact]
    public void S3_analytics_and_inventory_are_priced_on_a_templates_bucket_and_as_a_plans_resources()
    {
        var usage = WithUsage("""
              Bucket: { monthly_monitored_objects: 10000000, monthly_listed_objects: 10000000 }
              aws_s3_bucket_analytics_configuration.x: { monthly_monitored_objects: 10000000 }
              aws_s3_bucket_inventory.x: { monthly_listed_objects: 10000000 }

            """);
        var bucket = usage.Breakdown(Write("t.yaml", """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  AnalyticsConfigurations: [{ Id: a, StorageClassAnalysis: {} }]
                  InventoryConfigurations: [{ Id: i, Enabled: true, Destination: { BucketArn: arn, Format: CSV }, IncludedObjectVersions: Current, ScheduleFrequency: Daily }]
                  IntelligentTieringConfigurations: [{ Id: t, Status: Enabled, Tierings: [{ AccessTier: ARCHIVE_ACCESS, Days: 90 }] }]

            """)).Resources.Single();
        Assert.Equal([("Objects monitored", 10m, 0.1m), ("Objects listed", 10m, 0.0025m)], bucket.Components.Select(c => (c.Name, c.MonthlyQuantity!.Value, c.Price)));
        Assert.Equal(1.025m, bucket.MonthlyCost);
        var plan = usage.Breakdown(Write("plan.json", """
            {"format_version":"1.2","resource_changes":[
              {"address":"aws_s3_bucket_analytics_configuration.x","mode":"managed","type":"aws_s3_bucket_analytics_configuration","name":"x","change":{"actions":["create"],"before":null,"after":{"name":"a"}}},
              {"address":"aws_s3_bucket_inventory.x","mode":"managed","type":"aws_s3_bucket_inventory","name":"x","change":{"actions":["create"],"before":null,"after":{"name":"i"}}},
              {"address":"aws_s3_bucket_intelligent_tiering_configuration.x","mode":"managed","type":"aws_s3_bucket_intelligent_tiering_configuration","name":"x","change":{"actions":["create"],"before":null,"after":{"name":"t"}}}]}
            """));
        Assert.Equal(bucket.Components.Select(c => (c.Name, c.MonthlyQuantity, c.Price)).Order(), plan.Resources.SelectMany(r => r.Components).Select(c => (c.Name, c.MonthlyQuantity, c.Price)).Order());
        Assert.Equal(Pricing.Free, plan.Resources.Single(r => r.ResourceType == "aws_s3_bucket_intelligent_tiering_configuration").Pricing);
        Assert.Equal(1.025m, plan.MonthlyCost);
        // A bucket without them has no such lines.
        Assert.Empty(Template("  Plain: { Type: AWS::S3::Bucket }\n").Components);
    }

    /// <summary>
    /// A Lightsail instance on a 16 GB Linux bundle (xlarge): $0.1129 an hour × 730 = $82.417, fixed. A bundle whose rate
    /// the catalog does not state is "price not found", never $0.
    /// </summary>
    [Fact]
    public void A_Lightsail_instance_pays_its_bundle_all_month_in_both_forms()
    {
        var cf = Template("  Box: { Type: AWS::Lightsail::Instance, Properties: { InstanceName: box, BlueprintId: amazon_linux_2023, BundleId: xlarge_3_0 } }\n");
        var tf = Plan("aws_lightsail_instance", """{"name":"box","blueprint_id":"amazon_linux_2023","bundle_id":"xlarge_3_0"}""");
        Same(cf, tf, 0.1129m * 730);
        Assert.Equal("Virtual server (Linux/UNIX)", cf.Components.Single().Name);
        Assert.Equal(Pricing.NotPriced, Template("  Box: { Type: AWS::Lightsail::Instance, Properties: { InstanceName: box, BlueprintId: b, BundleId: nano_3_0 } }\n").Pricing);
    }

    /// <summary>
    /// A Flink application on 2 KPUs, priced against the eu-west-2 catalog pinned for Infracost's Kinesis Data Analytics
    /// goldens ($0.127 a KPU-hour): orchestration's one KPU, 730 × 0.127 = $92.71, fixed; processing 2 × 92.71 = $185.42
    /// and running storage, 50 GB a KPU, 100 × $0.116 = $11.60, usage. In all $289.73. A SQL application pays processing
    /// only. In us-east-1 no price is sourced yet, so a Flink application is "price not found" there, never $0.
    /// </summary>
    [Fact]
    public void A_Kinesis_Data_Analytics_Flink_application_pays_orchestration_and_its_KPUs_in_both_forms()
    {
        using var json = File.OpenRead(Path.Combine(Fixtures.ProjectRoot, "tests", "Steward.Tests", "Changes", "infracost-goldens", "catalogs", "catalog.eu-west-2.json"));
        var london = new Estimator(new Pricer(PriceCatalog.Read(json), new DateOnly(2026, 11, 26)),
            UsageFile.Read(Write("usage.yml", "version: 0.1\nresource_usage:\n  App: { kinesis_processing_units: 2 }\n  aws_kinesisanalyticsv2_application.x: { kinesis_processing_units: 2 }\n")),
            new Dictionary<string, string>());
        var cf = london.Breakdown(Write("t.yaml", "Resources:\n  App: { Type: AWS::KinesisAnalyticsV2::Application, Properties: { RuntimeEnvironment: FLINK-1_18, ServiceExecutionRole: r } }\n")).Resources.Single();
        var tf = london.Breakdown(Write("plan.json", """
            {"format_version":"1.2","resource_changes":[{"address":"aws_kinesisanalyticsv2_application.x","mode":"managed","type":"aws_kinesisanalyticsv2_application","name":"x",
              "change":{"actions":["create"],"before":null,"after":{"runtime_environment":"FLINK-1_18"}}}]}
            """)).Resources.Single();
        Same(cf, tf, 2 * 730 * 0.127m + 730 * 0.127m + 100 * 0.116m);
        Assert.Equal(["Processing (stream)", "Processing (orchestration)", "Running storage", "Backup"], Lines(cf).Select(l => l.Item1));
        var sql = london.Breakdown(Write("t.yaml", "Resources:\n  Sql: { Type: AWS::KinesisAnalytics::Application, Properties: { Inputs: [] } }\n")).Resources.Single();
        Assert.Equal(["Processing (stream)"], sql.Components.Select(c => c.Name));
        Assert.Equal(Pricing.NotPriced, Template("  App: { Type: AWS::KinesisAnalyticsV2::Application, Properties: { RuntimeEnvironment: FLINK-1_18, ServiceExecutionRole: r } }\n").Pricing);
    }
}
