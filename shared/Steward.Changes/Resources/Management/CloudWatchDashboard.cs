namespace Steward.Changes;

/// <summary>A CloudWatch dashboard: by the month (an account's first three are free, which a template cannot know: priced, as Infracost does).</summary>
public sealed record CloudWatchDashboard : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) => new(name, type)
    {
        Components = [new("Dashboard", "months", 1, at.Catalog.Price("cloudwatch.dashboard"))],
        Notes = ["an account's first three dashboards are free (AWS Free Tier): not taken off here"],
    };
}
