using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// An attachment to a transit gateway: by the hour it is attached, and, for a VPC's (or a VPN's) attachment, by the GB the
/// gateway processes from it. A peering attachment between two transit gateways has no processing charge of its own (the
/// data between regions is inter-region transfer), so Infracost gives it the hours only.
/// </summary>
public sealed record TransitGatewayAttachment(bool Peering) : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) => new(name, type)
    {
        Components = Peering ? [Hours(at)] : [Hours(at), DataProcessed(at, usage)],
    };

    public static CostComponent Hours(PriceContext at) => new("Transit gateway attachment", "hours", at.Hours, at.Catalog.Price("transitGateway.attachment.hour"));

    public static CostComponent DataProcessed(PriceContext at, ResourceUsage usage) =>
        Usage("Data processed", "GB", usage["monthly_data_processed_gb"], at.Catalog.Price("transitGateway.dataProcessed"));
}
