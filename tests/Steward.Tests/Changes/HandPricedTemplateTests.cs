using Steward.Changes;
using Steward.Core.Pricing;
using Steward.Testing;

namespace Steward.Tests.Changes;

/// <summary>
/// Eleven of the pinned public templates (public-templates/, PROVENANCE.md there) priced by hand, with their default
/// parameters, from AWS's public us-east-1 prices found independently of our catalog: the fixed monthly charges only
/// (hourly × 730, per-month charges), never the usage-based lines. steward-cost's fixed figure
/// (<c>MonthlyCost - MonthlyUsageCost</c>) must equal the hand-priced one to the cent.
///
/// Where a price comes from. AWS's price pages (aws.amazon.com/&lt;service&gt;/pricing/) render their tables by script, so
/// the stored copies searched for this file carry the wording but not the figures; each line below names AWS's page
/// and the public page the figure was actually read from. Where no independent public copy of a figure was found,
/// the comment says so and names what was used instead (then the line checks the arithmetic, not the price).
///
/// Assumptions are README's ("Cost of a change"): Linux, a root volume of 8 GB gp2 unless a mapping on /dev/xvda or
/// /dev/sda1 sizes it, 730 hours a month, an Auto Scaling group's desired capacity else its minimum, free tiers not
/// applied (they are per account). What a template leaves to deployment (how many subnets a list parameter holds, so
/// how many public IPv4 addresses an internet-facing load balancer takes) is not priced, and said.
/// </summary>
public class HandPricedTemplateTests
{
    private static readonly string Root = Path.Combine(Fixtures.ProjectRoot, "tests", "Steward.Tests", "Changes", "public-templates", "aws-cloudformation-templates");

    private static readonly Estimator Estimator = new(new Pricer(PriceCatalog.Load("us-east-1"), new DateOnly(2026, 12, 2)), UsageFile.None, new Dictionary<string, string>());

    private static Breakdown Price(string file) => Estimator.Breakdown(Path.Combine(Root, file));

    private static Breakdown PricePattern(string file) => Estimator.Breakdown(Path.Combine(Root, "..", "serverless-patterns", file));

    /// <summary>The fixed monthly figure, to the cent (half a cent up, as a bill rounds).</summary>
    private static decimal Fixed(Breakdown b) => Math.Round(b.MonthlyCost - b.MonthlyUsageCost, 2, MidpointRounding.AwayFromZero);

    private static void AllPriced(Breakdown b, params string[] names) =>
        Assert.All(names, n => Assert.Equal(Pricing.Priced, b.Resources.Single(r => r.Name == n).Pricing));

    /// <summary>
    /// AutoScaling/AutoScalingMultiAZWithNotifications.yaml: an Auto Scaling group (MinSize 1, no desired capacity, so 1
    /// instance) of t4g.micro from a launch template mapping 32 GB on /dev/sda1, an internet-facing ALB, two CPU alarms.
    /// <list type="bullet">
    /// <item>t4g.micro, Linux: 0.0084 × 730 = 6.132. AWS: https://aws.amazon.com/ec2/pricing/on-demand/ (figure not in the
    ///   stored copy). No independent public page with the figure was found (it appears only in unrelated GitHub code);
    ///   used 0.0084, AWS's published rate as the catalog also has it (instanceTypes["t4g.micro"].linux).</item>
    /// <item>32 GB gp2 (the mapping; no VolumeType, so gp2 as README assumes): 32 × 0.10 = 3.20. AWS:
    ///   https://aws.amazon.com/ebs/pricing/; $0.10 per GB-month read at https://pastebin.com/yNs5P6px (an old copy of the
    ///   EBS price line).</item>
    /// <item>ALB: 0.0225 × 730 = 16.425. AWS: https://aws.amazon.com/elasticloadbalancing/pricing/; $0.0225 an hour read at
    ///   https://clustercost.com/blog/network-load-balancer-pricing-2025.</item>
    /// <item>2 standard-resolution alarms: 2 × 0.10 = 0.20. AWS: https://aws.amazon.com/cloudwatch/pricing/; $0.10 an
    ///   alarm-month read at https://c3x.dev/resources/aws/aws_cloudwatch_metric_alarm.</item>
    /// </list>
    /// 6.132 + 3.20 + 16.425 + 0.20 = 25.957, 25.96 a month. Not priced: the ALB's public IPv4 addresses (one per subnet,
    /// $0.005 an hour each; the subnets are a list parameter without a default); the SNS topic (usage only); the KMS key
    /// is a parameter (an existing key).
    /// </summary>
    [Fact]
    public void An_auto_scaled_web_site_behind_an_ALB_costs_25_96()
    {
        var b = Price("AutoScaling/AutoScalingMultiAZWithNotifications.yaml");
        AllPriced(b, "WebServerGroup", "ElasticLoadBalancer", "CPUAlarmHigh", "CPUAlarmLow");
        Assert.Equal(25.96m, Fixed(b));
    }

    /// <summary>
    /// DynamoDB/DynamoDB_Secondary_Indexes.yaml: a provisioned table (defaults 5 RCU, 10 WCU) with a global secondary
    /// index given its own ProvisionedThroughput of the same 5 RCU and 10 WCU. A GSI's provisioned capacity is its own
    /// and billed as the table's is (https://docs.aws.amazon.com/whitepapers/latest/comparing-dynamodb-and-hbase-for-nosql/global-secondary-index-considerations.html:
    /// a table write needs write capacity in the table and in each GSI); the local index has no capacity of its own.
    /// <list type="bullet">
    /// <item>WCU: 0.00065 an hour; RCU: 0.00013 an hour. AWS: https://aws.amazon.com/dynamodb/pricing/provisioned/ (figures
    ///   not in the stored copy). No independent public copy was found; used AWS's published rates as the catalog also
    ///   has them (dynamodb.wcu, dynamodb.rcu).</item>
    /// <item>Table: 10 × 0.00065 × 730 = 4.745 and 5 × 0.00013 × 730 = 0.4745.</item>
    /// <item>GSI TitleIndex: the same, 4.745 + 0.4745.</item>
    /// </list>
    /// 2 × (4.745 + 0.4745) = 10.439, 10.44 a month. (Storage and PITR backup are usage-based.)
    /// </summary>
    [Fact]
    public void A_provisioned_table_and_its_provisioned_global_index_cost_10_44()
    {
        var b = Price("DynamoDB/DynamoDB_Secondary_Indexes.yaml");
        AllPriced(b, "TableOfBooks");
        Assert.Equal(10.44m, Fixed(b));
    }

    /// <summary>
    /// EC2/EIP_With_Association.yaml: a t3.small (default) on Amazon Linux 2 and an Elastic IP associated with it.
    /// <list type="bullet">
    /// <item>t3.small, Linux: 0.0208 × 730 = 15.184. AWS: https://aws.amazon.com/ec2/pricing/on-demand/; $0.0208 an hour
    ///   (us-east-1) read at https://cloud-bench.com/blog/aws-t3-micro-vs-t3-small.</item>
    /// <item>Root volume, 8 GB gp2 assumed (AL2's is 8 GB gp2): 8 × 0.10 = 0.80 (EBS, as above).</item>
    /// <item>Elastic IP, charged as a public IPv4 address in use or idle since 2024-02-01: 0.005 × 730 = 3.65. AWS:
    ///   https://aws.amazon.com/vpc/pricing/ and https://aws.amazon.com/blogs/aws/new-aws-public-ipv4-address-charge-public-ip-insights/;
    ///   $0.005 an hour read at https://vishalvyas.com/understand-aws-public-ipv4-address-usage-and-pricing/.</item>
    /// </list>
    /// 15.184 + 0.80 + 3.65 = 19.634, 19.63 a month. (Once the EIP is associated the instance's auto-assigned address, if
    /// its subnet gave one, is released: one address, not two.)
    /// </summary>
    [Fact]
    public void An_instance_with_an_Elastic_IP_costs_19_63()
    {
        var b = Price("EC2/EIP_With_Association.yaml");
        AllPriced(b, "EC2Instance", "IPAddress");
        Assert.Equal(19.63m, Fixed(b));
    }

    /// <summary>
    /// ElasticLoadBalancing/ELBGuidedAutoScalingRollingUpgrade.yaml: a Classic Load Balancer and an Auto Scaling group
    /// (MinSize 2, no desired capacity: 2 instances) of t2.small (default) from a launch configuration without mappings.
    /// <list type="bullet">
    /// <item>Classic Load Balancer: 0.025 × 730 = 18.25. AWS: https://aws.amazon.com/elasticloadbalancing/pricing/ (figure
    ///   not in the stored copy). No independent public copy was found; used AWS's published $0.025 as the catalog also
    ///   has it (elb.classic.hour).</item>
    /// <item>2 × t2.small, Linux: 2 × 0.023 × 730 = 33.58. AWS: https://aws.amazon.com/ec2/pricing/on-demand/; $0.023 an
    ///   hour read at https://gist.github.com/franc3000/cfa43461aeb2e7bd4c2c53cb89f808a8 (a copy of AWS's table, 2017).</item>
    /// <item>2 root volumes, 8 GB gp2 each: 16 × 0.10 = 1.60 (EBS, as above).</item>
    /// </list>
    /// 18.25 + 33.58 + 1.60 = 53.43 a month. Not priced: the instances' and the internet-facing CLB's public IPv4
    /// addresses ($0.005 an hour each), whose number depends on the account's default VPC (AvailabilityZones: !GetAZs).
    /// </summary>
    [Fact]
    public void Two_web_servers_behind_a_Classic_Load_Balancer_cost_53_43()
    {
        var b = Price("ElasticLoadBalancing/ELBGuidedAutoScalingRollingUpgrade.yaml");
        AllPriced(b, "ElasticLoadBalancer", "WebServerGroup");
        Assert.Equal(53.43m, Fixed(b));
    }

    /// <summary>
    /// ElasticLoadBalancing/NetworkLoadBalancerWithEIPs.yaml: a Network Load Balancer (ELBType default "network") on two
    /// Elastic IPs, and two more Elastic IPs the template allocates and never attaches.
    /// <list type="bullet">
    /// <item>NLB: 0.0225 × 730 = 16.425. AWS: https://aws.amazon.com/elasticloadbalancing/pricing/; $0.0225 an hour read at
    ///   https://clustercost.com/blog/network-load-balancer-pricing-2025.</item>
    /// <item>4 Elastic IPs, attached or idle alike: 4 × 0.005 × 730 = 14.60 (public IPv4, as above). The NLB's addresses are
    ///   these EIPs, not extra ones.</item>
    /// </list>
    /// 16.425 + 14.60 = 31.025, 31.03 a month.
    /// </summary>
    [Fact]
    public void A_Network_Load_Balancer_and_four_Elastic_IPs_cost_31_03()
    {
        var b = Price("ElasticLoadBalancing/NetworkLoadBalancerWithEIPs.yaml");
        AllPriced(b, "loadBalancer", "EIP1", "EIP2", "FirstEIP", "SecondEIP");
        Assert.Equal(31.03m, Fixed(b));
    }

    /// <summary>
    /// RDS/RDS_MySQL_With_Read_Replica.yaml: a Secrets Manager secret, a MySQL db.t3.medium (default), Single-AZ (MultiAZ
    /// default "false"), 5 GB (DBAllocatedStorage default) of gp2 (no StorageType, no Iops), and its read replica (the
    /// EnableReadReplica condition is true by default), db.t3.medium, without AllocatedStorage or StorageType of its own.
    /// A read replica holds a copy of its source's data and, given no AllocatedStorage
    /// (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstanceReadReplica.html: optional), is
    /// created with the source's storage: 5 GB gp2, not 20. (The page found says the parameter is optional and to allocate
    /// enough; that the default is the source's allocation is RDS's behaviour as I know it, not a sentence found.)
    /// <list type="bullet">
    /// <item>db.t3.medium MySQL Single-AZ: 0.068 × 730 = 49.64, twice: 99.28. AWS: https://aws.amazon.com/rds/mysql/pricing/;
    ///   $0.068 an hour (us-east-1) read at https://reintech.io/blog/understanding-aws-rds-pricing-models.</item>
    /// <item>gp2 storage: 5 × 0.115 = 0.575, twice: 1.15. AWS: https://aws.amazon.com/rds/mysql/pricing/; $0.115 a GB-month
    ///   read at https://www.usage.ai/blogs/aws/reserved-instances/rds/pricing-calculator/ (gp3; gp2 is the same per GB in
    ///   RDS: https://engineering.doit.com/rds-storage-gp3-gp2-and-provisioned-iops-cost-comparison-dc70216b6dca).</item>
    /// <item>Secret DBCredential: 0.40. AWS: https://aws.amazon.com/secrets-manager/pricing/; $0.40 per secret a month
    ///   read at https://hivebook.wiki/wiki/aws-secrets-manager-rotated-secrets-dynamic-db-credentials-kms.</item>
    /// </list>
    /// 99.28 + 1.15 + 0.40 = 100.83 a month. (No EngineVersion: RDS's default version, in standard support, so no
    /// Extended Support. Encryption uses the aws/rds key, which has no monthly fee. RDS documents 20 GiB as the gp2
    /// minimum for MySQL, so the default of 5 may be refused at deployment; it is priced as written, as for the source.)
    /// </summary>
    [Fact]
    public void A_MySQL_database_its_read_replica_and_its_secret_cost_100_83()
    {
        var b = Price("RDS/RDS_MySQL_With_Read_Replica.yaml");
        AllPriced(b, "DBCredential", "MainDB", "ReplicaDB");
        Assert.Equal(100.83m, Fixed(b));
    }

    /// <summary>
    /// RDS/RDS_PIOPS.yaml: a Secrets Manager secret and a MySQL db.t3.small, Single-AZ, 100 GB with 1,000 provisioned
    /// IOPS (no StorageType with Iops: io1, CloudFormation's default).
    /// <list type="bullet">
    /// <item>db.t3.small MySQL Single-AZ: 0.034 × 730 = 24.82. AWS: https://aws.amazon.com/rds/mysql/pricing/ (figure not in
    ///   the stored copy). No independent public copy was found; used AWS's published $0.034 (half of db.t3.medium's
    ///   $0.068, as T3 classes scale) as the catalog also has it (rdsInstances["db.t3.small"].mysql).</item>
    /// <item>io1 storage: 100 × 0.125 = 12.50; provisioned IOPS: 1,000 × 0.10 = 100.00. AWS:
    ///   https://aws.amazon.com/rds/mysql/pricing/ (figures not in the stored copy). No independent public copy was found;
    ///   used AWS's published Single-AZ rates as the catalog also has them (rds.io1.storage, rds.io1.iops).</item>
    /// <item>Secret DBCredential: 0.40 (Secrets Manager, as above).</item>
    /// </list>
    /// 24.82 + 12.50 + 100.00 + 0.40 = 137.72 a month.
    /// </summary>
    [Fact]
    public void A_MySQL_database_on_provisioned_IOPS_and_its_secret_cost_137_72()
    {
        var b = Price("RDS/RDS_PIOPS.yaml");
        AllPriced(b, "DBCredential", "myDB");
        Assert.Equal(137.72m, Fixed(b));
    }

    /// <summary>
    /// RDS/RDS_Snapshot_On_Delete.yaml: a MySQL db.t3.small, Single-AZ, 5 GB gp2, with ManageMasterUserPassword: true, so
    /// RDS creates and keeps the master password in a Secrets Manager secret of its own, which the account pays for ("When
    /// you store database secrets in Secrets Manager, your AWS account incurs charges":
    /// https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html).
    /// <list type="bullet">
    /// <item>db.t3.small MySQL Single-AZ: 0.034 × 730 = 24.82 (as in RDS_PIOPS: no independent copy; catalog's figure).</item>
    /// <item>gp2 storage: 5 × 0.115 = 0.575 (RDS gp2, as above).</item>
    /// <item>The RDS-managed secret: 0.40 (Secrets Manager, as above).</item>
    /// </list>
    /// 24.82 + 0.575 + 0.40 = 25.795, 25.80 a month. (The snapshot kept on deletion costs only after the stack is gone.)
    /// </summary>
    [Fact]
    public void A_MySQL_database_whose_password_RDS_keeps_in_Secrets_Manager_costs_25_80()
    {
        var b = Price("RDS/RDS_Snapshot_On_Delete.yaml");
        AllPriced(b, "MyDB");
        Assert.Equal(25.80m, Fixed(b));
    }

    /// <summary>
    /// VPC/VPC_With_Managed_NAT_And_Private_Subnet.yaml: a VPC with two NAT gateways, each on an Elastic IP (subnets,
    /// route tables, the internet gateway and network ACLs are free).
    /// <list type="bullet">
    /// <item>2 NAT gateways: 2 × 0.045 × 730 = 65.70. AWS: https://aws.amazon.com/vpc/pricing/; $0.045 an hour read at
    ///   https://wiki.connerv.com/notes/aws/nat-gateway and https://cloudburn.io/blog/aws-nat-gateway-pricing.</item>
    /// <item>2 Elastic IPs: 2 × 0.005 × 730 = 7.30 (public IPv4, as above).</item>
    /// </list>
    /// 65.70 + 7.30 = 73.00 a month. (Data processed, $0.045 a GB, is usage-based.)
    /// </summary>
    [Fact]
    public void A_VPC_with_two_NAT_gateways_costs_73_00()
    {
        var b = Price("VPC/VPC_With_Managed_NAT_And_Private_Subnet.yaml");
        AllPriced(b, "NATGateway0", "NATGateway1", "ElasticIP0", "ElasticIP1");
        Assert.Equal(73.00m, Fixed(b));
    }

    /// <summary>
    /// EKS/template.yaml: an EKS cluster, a managed node group of two t3.medium (DesiredSize 2; NodeGroupInstanceTypes
    /// defaults to t3.medium) whose launch template (in the same template, named by the node group's
    /// <c>LaunchTemplate.Id</c>) maps 80 GB gp3 at 3,000 IOPS and 125 MB/s on /dev/xvda, three NAT gateways each on an
    /// Elastic IP. Pricing it by hand found that the node group's launch template was not followed (EKS names it by
    /// <c>Id</c>, not EC2's <c>LaunchTemplateId</c>): the disks were priced as EKS's default 20 GB gp2, $8.80 too little.
    /// <list type="bullet">
    /// <item>EKS cluster in standard support: 0.10 × 730 = 73.00. AWS: https://aws.amazon.com/eks/pricing/; $0.10 per
    ///   cluster per hour read in AWS's announcement of extended support pricing
    ///   (https://aws.amazon.com/blogs/containers/amazon-eks-extended-support-for-kubernetes-versions-pricing/). The version
    ///   is a parameter without a default: standard support is assumed, and said.</item>
    /// <item>2 × t3.medium, Linux: 2 × 0.0416 × 730 = 60.736. AWS: https://aws.amazon.com/ec2/pricing/on-demand/; $0.0416
    ///   an hour read at https://hacecuentas.com/en/costo-servidor-cloud-aws-ec2-mensual.</item>
    /// <item>2 × 80 GB gp3 at the included 3,000 IOPS and 125 MB/s: 2 × 80 × 0.08 = 12.80. AWS:
    ///   https://aws.amazon.com/ebs/pricing/; $0.08 per GB-month, IOPS to 3,000 and throughput to 125 MB/s free, read at
    ///   https://www.saisci.com/aws/gp3-throughput-explained/.</item>
    /// <item>3 NAT gateways: 3 × 0.045 × 730 = 98.55 (as the VPC template above).</item>
    /// <item>3 Elastic IPs: 3 × 0.005 × 730 = 10.95 (public IPv4, as above).</item>
    /// </list>
    /// 73.00 + 60.736 + 12.80 + 98.55 + 10.95 = 256.036, 256.04 a month. (NAT data processed is usage-based.)
    /// </summary>
    [Fact]
    public void An_EKS_cluster_its_two_nodes_and_three_NAT_gateways_cost_256_04()
    {
        var b = Price("EKS/template.yaml");
        AllPriced(b, "ControlPlane", "ManagedNodeGroup", "NATGateway1", "NATGateway2", "NATGateway3", "EIP1", "EIP2", "EIP3");
        Assert.Equal(256.04m, Fixed(b));
    }

    /// <summary>
    /// serverless-patterns apigw-dynamodb-kinesis-lambda/template.yaml: a one-shard Kinesis stream, a provisioned table
    /// (5 RCU, 5 WCU) with a global secondary index of its own 5 RCU and 5 WCU streaming its changes to the Kinesis
    /// stream, a REST API and a Lambda consumer (both usage-based).
    /// <list type="bullet">
    /// <item>1 shard, provisioned mode: 0.015 × 730 = 10.95. AWS: https://aws.amazon.com/kinesis/data-streams/pricing/
    ///   (figure not in the stored copy); $0.015 per shard-hour read at
    ///   https://kindatechnical.com/aws-kinesis/lesson-29-understanding-kinesis-pricing.html.</item>
    /// <item>10 WCU (table and index): 10 × 0.00065 × 730 = 4.745; 10 RCU: 10 × 0.00013 × 730 = 0.949 (rates as the
    ///   provisioned table above).</item>
    /// </list>
    /// 10.95 + 4.745 + 0.949 = 16.644, 16.64 a month. (PUT payload units, the table's storage and its change data capture
    /// to Kinesis are usage-based.)
    /// </summary>
    [Fact]
    public void A_one_shard_stream_fed_by_a_provisioned_table_costs_16_64()
    {
        var b = PricePattern("apigw-dynamodb-kinesis-lambda/template.yaml");
        AllPriced(b, "KinesisStream", "DynamoDBTable");
        Assert.Equal(16.64m, Fixed(b));
    }
}
