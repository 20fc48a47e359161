using Steward.Changes;
using Steward.Core.Pricing;

namespace Steward.Tests.Changes;

/// <summary>
/// One resource priced from a CloudFormation template and from a Terraform plan, at us-east-1's catalog on one day, for
/// the tests that check the two forms of a kind give the same lines.
/// </summary>
internal static class PricingForms
{
    public static readonly Estimator Estimator = new(new Pricer(PriceCatalog.Load("us-east-1"), new DateOnly(2026, 11, 26)), UsageFile.None, new Dictionary<string, string>());

    /// <summary>The one resource of a template whose Resources section is <paramref name="resources"/> (YAML, indented two spaces).</summary>
    public static PricedResource Template(string resources) => Estimator.Breakdown(ChangeEstimateTests.Write("t.yaml", "Resources:\n" + resources)).Resources.Single();

    /// <summary>The one resource of a plan creating <paramref name="type"/> with the planned attributes <paramref name="after"/> (JSON).</summary>
    public static PricedResource Plan(string type, string after) => Estimator.Breakdown(ChangeEstimateTests.Write("plan.json",
        $"{{\"format_version\":\"1.2\",\"resource_changes\":[{{\"address\":\"{type}.x\",\"mode\":\"managed\",\"type\":\"{type}\",\"name\":\"x\"," +
        $"\"change\":{{\"actions\":[\"create\"],\"before\":null,\"after\":{after}}}}}]}}")).Resources.Single();
}
