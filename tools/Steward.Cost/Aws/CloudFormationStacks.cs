using Steward.Aws;
using Steward.Changes;

namespace Steward.Cost.Aws;

/// <summary>A deployed stack's resources, from CloudFormation's DescribeStackResources (Query protocol, API 2010-05-15).</summary>
public sealed class CloudFormationStacks(SignedAwsClient cloudFormation)
{
    public async Task<IReadOnlyList<StackResource>> ResourcesAsync(string stack, CancellationToken ct)
    {
        var result = await cloudFormation.CallQueryAsync("DescribeStackResources", "2010-05-15", [new("StackName", stack)], ct).ConfigureAwait(false);
        return result.Descendants().Where(e => e.Name.LocalName == "member" && e.Parent?.Name.LocalName == "StackResources")
            .Select(m => new StackResource(Value(m, "LogicalResourceId"), Value(m, "ResourceType"), Value(m, "PhysicalResourceId")))
            .Where(r => r.PhysicalId.Length > 0)
            .ToList();
    }

    private static string Value(System.Xml.Linq.XElement e, string name) => e.Elements().FirstOrDefault(c => c.Name.LocalName == name)?.Value ?? "";
}
