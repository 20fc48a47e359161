using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// A CodeBuild project: its build minutes at its environment's rate (operating system and compute type:
/// <c>BUILD_GENERAL1_MEDIUM</c> on Linux is "Linux (general1.medium)"), usage.
/// </summary>
public sealed record CodeBuildProject(string ComputeType, bool Windows) : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        // BUILD_GENERAL1_MEDIUM → general1.medium, BUILD_GENERAL1_2XLARGE → general1.2xlarge.
        var compute = ComputeType.StartsWith("BUILD_", StringComparison.Ordinal) ? ComputeType[6..].ToLowerInvariant() : ComputeType.ToLowerInvariant();
        var dot = compute.IndexOf('_');
        if (dot > 0) compute = compute[..dot] + "." + compute[(dot + 1)..];
        var os = Windows ? "Windows" : "Linux";
        return new(name, type)
        {
            Components = [AtPrice(at, $"{os} ({compute})", "minutes", usage["monthly_build_mins"], $"codebuild.{os.ToLowerInvariant()}.{compute}", usageBased: true)],
        };
    }
}
