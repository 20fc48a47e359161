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
    private static readonly Estimator Estimator = new(new Pricer(PriceCatalog.Load("us-east-1"), new DateOnly(2026, 11, 26)), UsageFile.None, new Dictionary<string, string>());

    private static string Write(string name, string text) => ChangeEstimateTests.Write(name, text);

    private static PricedResource Template(string resources) => Estimator.Breakdown(Write("t.yaml", "Resources:\n" + resources)).Resources.Single();

    private static PricedResource Plan(string type, string after) => Estimator.Breakdown(Write("plan.json",
        $"{{\"format_version\":\"1.2\",\"resource_changes\":[{{\"address\":\"{type}.x\",\"mode\":\"managed\",\"type\":\"{type}\",\"name\":\"x\"," +
        $"\"change\":{{\"actions\":[\"create\"],\"before\":null,\"after\":{after}}}}}]}}")).Resources.Single();

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
}
