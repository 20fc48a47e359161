using System.Text.RegularExpressions;
using Steward.Changes;
using Steward.Changes.Terraform;
using Steward.Core.Pricing;
using Steward.Testing;

namespace Steward.Tests.Changes;

/// <summary>
/// Each supported resource priced as Infracost prices it: the resources of Infracost's own golden tests (its .tf files and
/// usage files, us-east-1) priced here and compared line by line with its golden tables, within 1%. A golden line we do not
/// produce, or produce differently, must be in <see cref="Differences"/> with the reason; a difference that no longer
/// happens fails too, so the list stays true.
/// </summary>
public class InfracostGoldenTests
{
    /// <summary>The goldens in ../shared/fixtures, and those pinned beside this test (tests/Steward.Tests/Changes/infracost-goldens, PROVENANCE.md there).</summary>
    private static readonly string[] Folders =
        [Path.Combine(Fixtures.Directory, "infracost-goldens"), Path.Combine(Fixtures.ProjectRoot, "tests", "Steward.Tests", "Changes", "infracost-goldens")];

    public static TheoryData<string> Goldens() => new(Folders.SelectMany(Directory.GetDirectories)
        .Where(d => File.Exists(Path.Combine(d, $"{Path.GetFileName(d)}.golden"))).Select(Path.GetFileName).Order()!);

    private static string FolderOf(string test) => Folders.Select(f => Path.Combine(f, test)).First(Directory.Exists);

    /// <summary>Where our figure differs from Infracost's, and why. Keys are regular expressions on "resource / component".</summary>
    private static readonly Dictionary<string, string> Differences = new()
    {
        // AWS's prices changed since the golden was made.
        [@"^aws_eip\.[a-z_0-9]+ / IP address \(if unused\)$"] = "AWS charges every public IPv4 address since 2024-02-01, attached or not: we price all as 'Public IPv4 address'",
        // What we do not price yet (listed as gaps, never silently).
        [@"^aws_ec2_host\.host-[13]yr-"] = "reserved host rates are not in the catalog: a reserved host is 'price not found', and none of its lines is added",
        [@"^aws_instance\.with_host / "] = "an instance on a Dedicated Host is not priced (the host is), and none of its lines is added",
        [@" / EBS-optimized usage$"] = "EBS-optimized surcharges of previous-generation types are not priced (current types include it)",
        [@"^aws_instance\.(std|cnvr)_[13]yr_(no|partial)_upfront / "] = "Reserved Instance rates (no or partial upfront) are not in the catalog: the instance is not priced, and none of its lines is added",
        [@"^aws_instance\.instance_withLaunchTemplate(ById|ByName) / "] =
            "the launch template places the instance on dedicated tenancy, whose rates are not in the catalog: the instance is not priced, and none of its lines is added",
        [@"^aws_sns_topic\.[a-zA-Z_]+ / (Kinesis Firehose|Mobile Push|MacOS|SMS) notifications"] = "SNS Firehose, mobile push, macOS and SMS deliveries are not priced",
        [@"^aws_sns_topic\.sns_fifo_topic[a-zA-Z_]* / FIFO (Publish API payload|notifications|notification payload)"] = "SNS FIFO payload and notification charges are not priced",
        [@"^aws_sns_topic\.sns_fifo_topic_another_region / "] = "priced in another region (the test's provider alias), whose catalog we do not ship",
        [@"^aws_dynamodb_table\.[a-z_]+ / Global table \("] = "global table replicas (other regions' rWCU/rWRU) are not priced",
        [@"^aws_dynamodb_table\.autoscale_[a-z_]+ / (Write|Read) capacity unit \([WR]CU, autoscaling\)"] = "capacity set by aws_appautoscaling_target usage is not read",
        [@"^aws_s3_bucket\.bucket_withUsage / [^/]+ / (Storage \((infrequent|archive|deep archive) access\)|Lifecycle transition|Retrieval requests|Retrievals \(|Select data (scanned|returned) \(|Early delete)"] =
            "S3 lifecycle transitions, retrieval tiers, Select on other classes, early deletes and the archive tiers of Intelligent-Tiering are not priced",
        [@"^aws_eks_cluster\.extended_support\["] = "a for_each over a local list (known only to Terraform): EKS extended support is checked in RealWorldInputTests",
        [@"^aws_db_instance\.extended_support\["] = "these are a for_each over a computed expression (known only to Terraform): Extended Support is checked in RdsPricingTests",
        [@"^aws_db_instance\.[a-z0-9-]+ / (Performance Insights|Database instance \(reserved)"] = "RDS Performance Insights and reserved rates are not priced",
        [@"^aws_elasticache_(cluster|replication_group)\.[a-z_0-9-]+ / ElastiCache \(reserved"] = "ElastiCache reserved-node rates are not in the catalog",
        [@"^aws_elasticache_replication_group\.cluster-autoscale(-usage)? / "] = "nodes added by aws_appautoscaling_target (its min_capacity, or usage) are not read",
        [@"^aws_eks_node_group\.[a-z_0-9]+ / aws_launch_template\.[a-z_0-9]+ / "] =
            "Infracost nests a launch template's lines under it; we write the same lines on the node group (checked in RealWorldInputTests)",
        [@"^aws_eks_node_group\.reserved / "] = "Reserved Instance rates (no or partial upfront) are not in the catalog: the group is not priced, and none of its lines is added",
        [@"^aws_eks_fargate_profile\.[a-z_]+ / Per (GB|vCPU) per hour$"] =
            "a Fargate profile costs nothing until pods run: its pods' vCPU- and GB-hours are usage (Infracost prices one vCPU and one GB all month)",
        [@"^aws_cloudfront_function\.[a-z_]+ / Total number of invocations$"] =
            "the golden's usage file gives monthly_requests under resource_usage by type name alone, not an address; steward-cost reads a type's defaults from resource_type_default_usage",
        [@"^aws_ebs_snapshot_copy\.[a-z0-9_]+ / EBS snapshot storage$"] =
            "a copy's size is its source snapshot's volume's, two references away, which is not followed: 8 GB is assumed, and said",
        [@"^aws_ecs_service\.(ecs_fargate[1-5]|task_set) / "] =
            "no launch_type: the cluster's default capacity provider strategy decides, and we name the service as not priced rather than assume Fargate",
        [@"^aws_msk_cluster\.cluster-autoscaling(-usage)? / Storage \(autoscaling\)$"] = "storage grown by aws_appautoscaling_policy is not read: the provisioned size is priced, as 'Storage'",
        [@"^aws_rds_cluster\.my_sql_brazil / (Storage|I/O requests|Backup storage)$"] = "priced in sa-east-1 (the test's provider alias), whose catalog we do not ship",
        [@"^aws_rds_cluster\.[a-z_]+_io_optimized / I/O requests$"] = "Aurora I/O-Optimized has no I/O charge (AWS's Aurora pricing page); Infracost still lists the line",
        [@"^aws_redshift_cluster\.ca_withUsage / Backup storage \((next 450 TB|over 500 TB)\)$"] =
            "Infracost's bands take 512,000 GB as the second band's width, not its end (it bills 512,000 GB as the next 450 TB); we band at 50 TB and 500 TB, as AWS does",
        [@"^aws_(opensearch|elasticsearch)_domain\.(gp2|gp3|io1|std|gp3_throughput\[""(above_3TB_paid_mul|below_min_storage_mul_paid)""\]) / Storage( IOPS)? \("] =
            "a domain of several data nodes: each node has its own EBS volume (volume_size is per data node, AWS's EBSOptions), so we bill its GB and io1 IOPS × the nodes; Infracost bills one volume (yet its gp3 throughput × the nodes)",
        [@"^aws_neptune_cluster_instance\.dbT3Medium / CPU credits$"] =
            "monthly_cpu_credit_hrs is a month's vCPU-hours (10 × $0.15), as for DocumentDB; Infracost's Neptune counts it an hour's (× 730)",
        [@"^aws_neptune_cluster\.iooptimized / (Storage|I/O requests)$"] =
            "an I/O-Optimized (iopt1) cluster has no I/O charge and its storage has its own rate, which no catalog holds (so the cluster is 'price not found'); Infracost lists standard storage and I/O",
        [@"^aws_elasticsearch_domain\.test_cluster / Instance \(on-demand, m4\.large\.elasticsearch\)$"] =
            "no cluster_config: we price the AWS provider's default instance type (m3.medium.elasticsearch), which the eu-west-2 catalog pinned for this golden has no price for; Infracost prices m4.large",
        [@"^aws_backup_vault\.usage / FSx for Windows backup$"] =
            "FSx for Windows backups are priced at FSx for Windows' backup rate ($0.05 a GB, as Infracost's fsx_windows_file_system golden states); Infracost's vault reads Lustre's ($0.055)",
        [@"^aws_db_instance\.(oracle-ee|oracle-se|oracle-ee-cdb) / |^aws_db_instance\.(sqlserver-ex|oracle-se1-byol) / Database instance"] = "this engine and class are not in the catalog: the instance is not priced, and none of its lines is added",
    };

    [Theory]
    [MemberData(nameof(Goldens))]
    public void Our_figures_equal_Infracosts(string test)
    {
        var folder = FolderOf(test);
        var blocks = TerraformSource.Read(File.ReadAllText(Path.Combine(folder, $"{test}.tf")));
        var usagePath = Path.Combine(folder, $"{test}.usage.yml");
        var usage = File.Exists(usagePath) ? UsageFile.Read(usagePath) : UsageFile.None;
        var pricer = new Pricer(CatalogFor(File.ReadAllText(Path.Combine(folder, $"{test}.tf"))), new DateOnly(2026, 11, 26));
        var warnings = new List<string>();
        var ours = blocks.Select(b => pricer.Price(b.Address, b.Type,
                TerraformResources.Read(b.Type, new Props(b.Values, b.Address, warnings),
                    type => blocks.FirstOrDefault(o => o.Type == type && Referenced(b.Values, o.Address)) is { } r ? new Props(r.Values, b.Address, warnings) : null),
                usage.For(b.Address, b.Type)))
            .ToDictionary(r => r.Name);
        var golden = InfracostGolden.Read(File.ReadAllText(Path.Combine(folder, $"{test}.golden")));
        Assert.NotEmpty(golden);
        var problems = Compare(ours, golden, Differences);
        Assert.True(problems.Count == 0, $"{test}:\n" + string.Join("\n", problems));
    }

    /// <summary>
    /// Infracost nests a node group's launch template as a part of it; the same lines are on our node group, so each
    /// group's monthly total equals the golden's sum of its lines.
    /// </summary>
    [Fact]
    public void Node_groups_with_a_launch_template_total_what_Infracost_totals()
    {
        var folder = FolderOf("eks_node_group_test");
        var blocks = TerraformSource.Read(File.ReadAllText(Path.Combine(folder, "eks_node_group_test.tf")));
        var usage = UsageFile.Read(Path.Combine(folder, "eks_node_group_test.usage.yml"));
        var pricer = new Pricer(PriceCatalog.Load("us-east-1"), new DateOnly(2026, 11, 26));
        var golden = InfracostGolden.Read(File.ReadAllText(Path.Combine(folder, "eks_node_group_test.golden")))
            .Where(l => l.Path.StartsWith("aws_launch_template.", StringComparison.Ordinal)).GroupBy(l => l.Resource)
            // This group names its launch template through a local, which a plan's references do not follow either: its
            // answer says so (a warning), and its disk is EKS's default.
            .Where(g => g.Key != "aws_eks_node_group.example_with_launch_template_with_prefix")
            // This one's launch template maps only a data volume (xvdf): we add each node's root volume, the AMI's, assumed
            // 8 GB gp2 and said (as for any instance); Infracost leaves it out.
            .Where(g => g.Key != "aws_eks_node_group.lt_usage").ToList();
        Assert.Equal(4, golden.Count);
        foreach (var group in golden)
        {
            var b = blocks.Single(x => x.Address == group.Key);
            var ours = pricer.Price(b.Address, b.Type, TerraformResources.Read(b.Type, new Props(b.Values, b.Address, []),
                type => blocks.FirstOrDefault(o => o.Type == type && Referenced(b.Values, o.Address)) is { } r ? new Props(r.Values, b.Address, []) : null), usage.For(b.Address, b.Type));
            Assert.Equal((group.Key, group.Sum(l => l.MonthlyCost ?? 0)), (group.Key, Math.Round(ours.MonthlyCost, 2)));
        }
    }

    /// <summary>
    /// The catalog a golden is priced against: us-east-1's, unless its provider's region has a catalog pinned under
    /// infracost-goldens/catalogs (Neptune's goldens are priced in eu-west-2, which Steward does not ship: that catalog
    /// holds only the prices those goldens state, so the test checks the reading and the arithmetic, as it does in
    /// us-east-1). us-east-2's DynamoDB golden is priced at us-east-1's prices, which are the same.
    /// </summary>
    private static PriceCatalog CatalogFor(string tf)
    {
        var region = Regex.Match(tf, @"region\s*=\s*""([a-z0-9-]+)""").Groups[1].Value;
        var pinned = Path.Combine(Folders[1], "catalogs", $"catalog.{region}.json");
        if (!File.Exists(pinned)) return PriceCatalog.Load("us-east-1");
        using var json = File.OpenRead(pinned);
        return PriceCatalog.Read(json);
    }

    private static bool Referenced(Dictionary<string, object?> values, string address) => values.Values.Any(v => v switch
    {
        ResourceReference r => r.Name == address,
        List<object?> l => l.OfType<Dictionary<string, object?>>().Any(d => Referenced(d, address)),
        Dictionary<string, object?> d => Referenced(d, address),
        _ => false,
    });

    /// <summary>Each golden line against ours: equal within 1%, or listed in <paramref name="differences"/> (and then not equal).</summary>
    internal static List<string> Compare(IReadOnlyDictionary<string, PricedResource> ours, IEnumerable<InfracostGolden.Line> golden, IReadOnlyDictionary<string, string> differences)
    {
        var problems = new List<string>();
        foreach (var line in golden)
        {
            var key = $"{line.Resource} / {line.Path}";
            var reason = differences.Keys.FirstOrDefault(k => Regex.IsMatch(key, k));
            var mine = ours.TryGetValue(line.Resource, out var r) ? Lines(r).FirstOrDefault(l => l.Path == line.Path) : null;
            var same = mine is not null && !line.NotFound && (line.MonthlyCost is { } cost
                ? mine.MonthlyCost is { } m && Close(Math.Round(m, 2, MidpointRounding.AwayFromZero), cost)
                : mine.MonthlyCost is null && mine.Price is { } p && Close(p, line.Price!.Value));
            if (same && reason is not null) problems.Add($"{key}: listed as a difference ({differences[reason]}) but equal now");
            else if (!same && reason is null) problems.Add($"{line}: ours is {(mine is null ? "missing" : mine.ToString())}");
        }
        return problems;
    }

    private static bool Close(decimal ours, decimal theirs) => Math.Abs(ours - theirs) <= Math.Max(0.01m, Math.Abs(theirs) * 0.01m);

    private static IEnumerable<InfracostGolden.Line> Lines(PricedResource r, string prefix = "") =>
        r.Components.Select(c => new InfracostGolden.Line(r.Name, prefix + c.Name, c.MonthlyCost, c.Price, c.PriceNotFound))
            .Concat(r.Parts.SelectMany(p => Lines(p with { Name = r.Name }, prefix + p.Name + " / ")));
}
