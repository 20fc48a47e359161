using Steward.Changes;
using Steward.Core.Pricing;

namespace Steward.Tests.Changes;

/// <summary>
/// The data services (Redshift, OpenSearch, Neptune) priced from a CloudFormation template and from a Terraform plan of
/// the same configuration: the same lines and the same figure, worked by hand from the catalog's us-east-1 prices (730
/// hours), which Infracost's goldens state (InfracostGoldenTests checks the Terraform form against them line by line).
/// </summary>
public class DataServicePricingTests
{
    private static readonly Estimator Estimator = PricingForms.Estimator;

    private static string Write(string name, string text) => ChangeEstimateTests.Write(name, text);

    private static PricedResource Template(string resources) => PricingForms.Template(resources);

    private static PricedResource Plan(string type, string after) => PricingForms.Plan(type, after);

    private static void Same(PricedResource cloudFormation, PricedResource terraform, decimal expected)
    {
        Assert.Equal((Pricing.Priced, Pricing.Priced), (cloudFormation.Pricing, terraform.Pricing));
        Assert.Equal(terraform.Components.Select(c => (c.Name, c.MonthlyQuantity, c.Price)), cloudFormation.Components.Select(c => (c.Name, c.MonthlyQuantity, c.Price)));
        Assert.Equal(expected, cloudFormation.MonthlyCost);
        Assert.Equal(expected, terraform.MonthlyCost);
    }

    /// <summary>
    /// Three ra3.4xlarge nodes: 3 × 3.26 × 730 = 7,139.40. Managed storage ($0.024 a GB), concurrency scaling (3.26 / 3600
    /// a node-second), Spectrum ($5 a TB) and backups ($0.023 a GB for the first 50 TB) are usage, so add nothing here.
    /// </summary>
    [Fact]
    public void A_Redshift_cluster_costs_its_nodes_hours_in_both_forms()
    {
        var cf = Template("  Dw: { Type: AWS::Redshift::Cluster, Properties: { ClusterType: multi-node, NodeType: ra3.4xlarge, NumberOfNodes: 3, DBName: d, MasterUsername: u, MasterUserPassword: p } }\n");
        var tf = Plan("aws_redshift_cluster", """{"node_type":"ra3.4xlarge","cluster_type":"multi-node","number_of_nodes":3}""");
        Same(cf, tf, 3 * 3.26m * 730);
        Assert.Equal(["Cluster usage (on-demand, ra3.4xlarge)", "Managed storage (ra3.4xlarge)", "Concurrency scaling (ra3.4xlarge)", "Spectrum", "Backup storage (first 50 TB)"],
            cf.Components.Select(c => c.Name));
        // A single-node cluster is one node, whatever else it says.
        Assert.Equal(6.80m * 730, Template("  Dw: { Type: AWS::Redshift::Cluster, Properties: { ClusterType: single-node, NodeType: ds2.8xlarge } }\n").MonthlyCost);
    }

    /// <summary>
    /// Three c4.2xlarge.search data nodes 3 × 0.587 × 730 = 1,285.53, each with 400 GB of gp2: 3 × 400 × 0.135 = 162.00;
    /// one c4.8xlarge.search dedicated master 2.347 × 730 = 1,713.31; two ultrawarm1.medium.search 2 × 0.238 × 730 =
    /// 347.48. In all 3,508.32.
    /// </summary>
    [Fact]
    public void An_OpenSearch_domain_costs_its_data_master_and_warm_instances_and_each_data_nodes_volume_in_both_forms()
    {
        var cf = Template("""
              Search:
                Type: AWS::OpenSearchService::Domain
                Properties:
                  ClusterConfig: { InstanceType: c4.2xlarge.search, InstanceCount: 3, DedicatedMasterEnabled: true, DedicatedMasterType: c4.8xlarge.search, DedicatedMasterCount: 1, WarmEnabled: true, WarmType: ultrawarm1.medium.search, WarmCount: 2 }
                  EBSOptions: { EBSEnabled: true, VolumeSize: 400, VolumeType: gp2 }

            """);
        var tf = Plan("aws_opensearch_domain", """
            {"cluster_config":[{"instance_type":"c4.2xlarge.search","instance_count":3,"dedicated_master_enabled":true,"dedicated_master_type":"c4.8xlarge.search","dedicated_master_count":1,
              "warm_enabled":true,"warm_type":"ultrawarm1.medium.search","warm_count":2}],"ebs_options":[{"ebs_enabled":true,"volume_size":400,"volume_type":"gp2"}]}
            """);
        Same(cf, tf, 1285.53m + 162.00m + 1713.31m + 347.48m);
    }

    /// <summary>
    /// Two c4.2xlarge.elasticsearch data nodes 2 × 0.587 × 730 = 857.02, each with 4,000 GB of gp3: 2 × 4,000 × 0.122 =
    /// 976.00, at 700 MiB/s of which 4,000 GB (two 3 TB steps begun) includes 500: 2 × 200 × 0.064 = 25.60. In all 1,858.62.
    /// </summary>
    [Fact]
    public void An_Elasticsearch_domain_pays_gp3_throughput_past_what_each_volume_includes_in_both_forms()
    {
        var cf = Template("""
              Search:
                Type: AWS::Elasticsearch::Domain
                Properties:
                  ElasticsearchClusterConfig: { InstanceType: c4.2xlarge.elasticsearch, InstanceCount: 2 }
                  EBSOptions: { EBSEnabled: true, VolumeSize: 4000, VolumeType: gp3, Throughput: 700 }

            """);
        var tf = Plan("aws_elasticsearch_domain", """
            {"cluster_config":[{"instance_type":"c4.2xlarge.elasticsearch","instance_count":2,"dedicated_master_enabled":false,"warm_enabled":false}],
             "ebs_options":[{"ebs_enabled":true,"volume_size":4000,"volume_type":"gp3","throughput":700}]}
            """);
        Same(cf, tf, 857.02m + 976.00m + 25.60m);
        Assert.Equal(["Instance (on-demand, c4.2xlarge.elasticsearch)", "Storage (gp3)", "Throughput (gp3)"], cf.Components.Select(c => c.Name));
    }

    /// <summary>
    /// An mw1.medium environment 0.74 × 730 = 540.20; its additional workers and schedulers (at 0.11 an hour each) and
    /// its meta database ($0.10 a GB) are usage. With a usage file's 2 workers: 2 × 730 × 0.11 = 160.60 more.
    /// </summary>
    [Fact]
    public void An_MWAA_environment_costs_its_class_s_hours_in_both_forms_and_its_additional_workers_as_usage()
    {
        var cf = Template("  Airflow: { Type: AWS::MWAA::Environment, Properties: { Name: a, EnvironmentClass: mw1.medium } }\n");
        var tf = Plan("aws_mwaa_environment", """{"name":"a","environment_class":"mw1.medium"}""");
        Same(cf, tf, 540.20m);
        Assert.Equal(["Environment (Medium)", "Worker (Medium)", "Scheduler (Medium)", "Meta database"], cf.Components.Select(c => c.Name));
        var usage = ChangeEstimateTests.Write("usage.yml", "version: 0.1\nresource_usage:\n  Airflow:\n    additional_workers: 2\n");
        var withUsage = new Estimator(new Pricer(PriceCatalog.Load("us-east-1"), new DateOnly(2026, 11, 26)), UsageFile.Read(usage), new Dictionary<string, string>())
            .Breakdown(Write("t.yaml", "Resources:\n  Airflow: { Type: AWS::MWAA::Environment, Properties: { Name: a } }\n")).Resources.Single();
        // Without a class, MWAA's default mw1.small: 0.49 × 730 = 357.70, and 2 × 730 × 0.055 = 80.30.
        Assert.Equal(357.70m + 80.30m, withUsage.MonthlyCost);
    }

    /// <summary>
    /// Neptune, priced against the eu-west-2 prices Infracost's Neptune goldens state (pinned beside them; Steward ships
    /// no eu-west-2 catalog, and no us-east-1 Neptune price is sourced yet). A db.t3.medium 0.112 × 730 = 81.76, with
    /// CPU credits ($0.15 a vCPU-hour) as usage; in an I/O-Optimized (iopt1) cluster 0.151 × 730 = 110.23. The cluster's
    /// storage ($0.116 a GB), I/O ($0.232 a million) and, kept over a day, backups ($0.022 a GB) are usage.
    /// </summary>
    [Fact]
    public void A_Neptune_instance_costs_its_class_s_hours_in_both_forms_and_the_cluster_its_usage()
    {
        using var json = File.OpenRead(Path.Combine(Steward.Testing.Fixtures.ProjectRoot, "tests", "Steward.Tests", "Changes", "infracost-goldens", "catalogs", "catalog.eu-west-2.json"));
        var london = new Estimator(new Pricer(PriceCatalog.Read(json), new DateOnly(2026, 11, 26)), UsageFile.None, new Dictionary<string, string>());
        var cf = london.Breakdown(Write("t.yaml", """
            Resources:
              Graph: { Type: AWS::Neptune::DBCluster, Properties: { BackupRetentionPeriod: 7 } }
              Writer: { Type: AWS::Neptune::DBInstance, Properties: { DBClusterIdentifier: !Ref Graph, DBInstanceClass: db.t3.medium } }
              Fast: { Type: AWS::Neptune::DBCluster, Properties: { StorageType: iopt1 } }
              FastWriter: { Type: AWS::Neptune::DBInstance, Properties: { DBClusterIdentifier: !Ref Fast, DBInstanceClass: db.t3.medium } }
            """)).Resources.ToDictionary(r => r.Name);
        var tf = london.Breakdown(Write("plan.json", """
            {"format_version":"1.2","resource_changes":[{"address":"aws_neptune_cluster_instance.writer","mode":"managed","type":"aws_neptune_cluster_instance","name":"writer",
              "change":{"actions":["create"],"before":null,"after":{"instance_class":"db.t3.medium","engine":"neptune"}}}]}
            """)).Resources.Single();
        Same(cf["Writer"], tf, 0.112m * 730);
        Assert.Equal(["Database instance (on-demand, db.t3.medium)", "CPU credits"], tf.Components.Select(c => c.Name));
        Assert.Equal(0.151m * 730, cf["FastWriter"].MonthlyCost);
        Assert.Equal(["Storage", "I/O requests", "Backup storage"], cf["Graph"].Components.Select(c => c.Name));
        Assert.Equal((Pricing.NotPriced, "price not found in eu-west-2: neptune.storageIoOptimized"), (cf["Fast"].Pricing, cf["Fast"].Notes.Single()));
        // In us-east-1 no Neptune class is sourced yet: named, never $0.
        var east = Template("  Writer: { Type: AWS::Neptune::DBInstance, Properties: { DBClusterIdentifier: c, DBInstanceClass: db.r5.large } }\n");
        Assert.Equal((Pricing.NotPriced, "price not found in us-east-1: Database instance (on-demand, db.r5.large)"), (east.Pricing, east.Notes[0]));
    }
}
