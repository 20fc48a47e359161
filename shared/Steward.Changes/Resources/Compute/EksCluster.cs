namespace Steward.Changes;

/// <summary>
/// An EKS cluster's control plane: by the hour, at the extended-support rate once its Kubernetes version's standard
/// support has ended (AWS's EKS release calendar, as Infracost dates it). Its nodes are priced as what they are (node
/// groups, Fargate profiles, instances).
/// </summary>
public sealed record EksCluster(string? Version) : Priceable
{
    private static readonly Dictionary<string, DateOnly> StandardSupportEnds = new()
    {
        ["1.23"] = new(2023, 10, 11), ["1.24"] = new(2024, 1, 31), ["1.25"] = new(2024, 5, 1), ["1.26"] = new(2024, 6, 11),
        ["1.27"] = new(2024, 7, 24), ["1.28"] = new(2024, 11, 26), ["1.29"] = new(2025, 3, 23),
    };

    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var extended = Version is { } v && StandardSupportEnds.TryGetValue(v, out var end) && at.AsOf > end;
        return new(name, type)
        {
            Components = [new(extended ? "EKS cluster (extended support)" : "EKS cluster", "hours", at.Hours,
                at.Catalog.Price(extended ? "eks.cluster.extendedSupport.hour" : "eks.cluster.hour"))],
            Notes = Version is null || StandardSupportEnds.ContainsKey(Version) ? [] :
                [$"Kubernetes {Version} priced at the standard rate: once its standard support ends, EKS charges the extended-support rate (6 times as much)"],
        };
    }
}
