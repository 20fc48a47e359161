using Steward.Changes;
using Steward.Changes.Terraform;
using Steward.Testing;
using Xunit.Abstractions;

namespace Steward.Tests.Changes;

/// <summary>
/// Every AWS resource type Infracost prices (its registry, pinned in infracost-goldens/infracost-aws-types.txt) is read by
/// steward-cost into a priced kind, or is in one of the lists below with why: free by AWS's price list, or a gap of ours.
/// A type that moves (priced now, or no longer) fails here until the list says so, so the README's coverage stays true.
/// </summary>
public class InfracostCoverageTests(ITestOutputHelper output)
{
    private static readonly string[] Types = File.ReadAllLines(Path.Combine(Fixtures.ProjectRoot, "tests", "Steward.Tests", "Changes", "infracost-goldens", "infracost-aws-types.txt"))
        .Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray();

    /// <summary>Types Infracost lists whose own charge is none: what they cost is priced on another resource.</summary>
    private static readonly Dictionary<string, string> FreeHere = new()
    {
        ["aws_appautoscaling_target"] = "Infracost reads it for the capacity it gives a DynamoDB table; the table is what is billed",
        ["aws_sns_topic_subscription"] = "its deliveries (HTTP, e-mail, SQS, Lambda) are priced on its topic",
        // Free in the setting read here, priced in another (checked in InfracostGoldenTests).
        ["aws_acm_certificate"] = "a public certificate is free; one from a private CA (certificate_authority_arn) is priced",
        ["aws_api_gateway_stage"] = "a stage is free; its cache (cache_cluster_enabled) is priced",
        ["aws_ssm_parameter"] = "a standard parameter is free; an advanced one is priced",
        ["aws_vpc_endpoint"] = "a gateway endpoint (S3, DynamoDB) is free; interface and Gateway Load Balancer endpoints are priced",
    };

    /// <summary>Types Infracost prices that steward-cost does not yet, each named as not priced in every answer.</summary>
    private static readonly Dictionary<string, string> Gaps = new()
    {
        ["aws_data_transfer"] = "Infracost's pseudo-resource for a usage file's data transfer between regions; not read yet",
        ["aws_elastic_beanstalk_environment"] = "its instances, load balancer and database come from option settings, not read yet",
        ["aws_flow_log"] = "its logs are CloudWatch Logs or S3 usage at vended-log rates; not priced yet",
        ["aws_globalaccelerator_endpoint_group"] = "its data transfer premium by region pair is usage; not priced yet",
        ["aws_spot_instance_request"] = "a Spot price varies by the hour and zone: not in the catalog",
    };

    /// <summary>
    /// The type read with no attributes: a priced kind, or free or not priced with why. Types priced only in some
    /// settings read as one of the others here (an instance whose type is not known, a stage without a cache, a standard
    /// parameter), so only the catch-all "not priced yet" is a gap; what reads as free must be free in every setting, or be
    /// listed with the setting that prices it.
    /// </summary>
    private static Priceable Read(string type) =>
        TerraformResources.Read(type, new Props(new Dictionary<string, object?>(), type + ".x", []), _ => null);

    [Fact]
    public void Every_type_Infracost_prices_is_priced_here_or_named_with_why()
    {
        var read = Types.Select(t => (Type: t, What: Read(t))).ToList();
        var gaps = read.Where(r => r.What is UnpricedResource { Why: var why } && why.EndsWith("is not priced yet", StringComparison.Ordinal)).Select(r => r.Type).ToList();
        var free = read.Where(r => r.What is FreeResource).Select(r => r.Type).ToList();
        output.WriteLine($"{Types.Length} types Infracost prices: {Types.Length - gaps.Count - free.Count} priced here, {free.Count} free, {gaps.Count} not yet");
        foreach (var g in gaps) output.WriteLine($"  not yet: {g}");
        foreach (var f in free) output.WriteLine($"  free: {f}");
        Assert.Empty(gaps.Except(Gaps.Keys));
        Assert.Empty(Gaps.Keys.Except(gaps));
        Assert.Empty(free.Except(FreeHere.Keys));
        Assert.Empty(FreeHere.Keys.Except(free));

        // The README states the coverage; it must be this one.
        var readme = File.ReadAllText(Path.Combine(Fixtures.ProjectRoot, "README.md"));
        var stated = System.Text.RegularExpressions.Regex.Match(readme, @"(\d+) of the (\d+) AWS resource types Infracost prices");
        Assert.True(stated.Success, "README.md does not state steward-cost's coverage of Infracost's types");
        Assert.Equal((Types.Length - gaps.Count - free.Count, Types.Length), (int.Parse(stated.Groups[1].Value), int.Parse(stated.Groups[2].Value)));
    }
}
