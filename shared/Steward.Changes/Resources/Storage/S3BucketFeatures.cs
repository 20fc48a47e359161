using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// S3 Storage Class Analysis on a bucket (Terraform's <c>aws_s3_bucket_analytics_configuration</c>, CloudFormation's
/// bucket <c>AnalyticsConfigurations</c>): per million objects monitored a month, usage.
/// </summary>
public sealed record S3AnalyticsConfiguration : Priceable
{
    public static CostComponent Line(PriceContext at, ResourceUsage usage) =>
        AtPrice(at, "Objects monitored", "1M objects", Millions(usage["monthly_monitored_objects"]), "s3.analytics.objects", usageBased: true);

    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) => new(name, type) { Components = [Line(at, usage)] };
}

/// <summary>
/// S3 Inventory on a bucket (Terraform's <c>aws_s3_bucket_inventory</c>, CloudFormation's bucket
/// <c>InventoryConfigurations</c>): per million objects listed a month, usage.
/// </summary>
public sealed record S3Inventory : Priceable
{
    public static CostComponent Line(PriceContext at, ResourceUsage usage) =>
        AtPrice(at, "Objects listed", "1M objects", Millions(usage["monthly_listed_objects"]), "s3.inventory.objects", usageBased: true);

    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) => new(name, type) { Components = [Line(at, usage)] };
}
