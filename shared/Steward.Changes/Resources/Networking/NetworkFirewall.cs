using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// An AWS Network Firewall: by the hour per firewall endpoint, and by the GB of traffic it inspects. The firewall puts
/// one endpoint in each subnet it is mapped to (or each Availability Zone it is mapped to when it sits on a transit
/// gateway), and each is charged, as a VPC endpoint is per subnet; Infracost charges one endpoint whatever the mappings,
/// which is the same for a firewall in one zone, as its goldens are.
/// </summary>
public sealed record NetworkFirewall(int Endpoints) : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) => new(name, type)
    {
        Components =
        [
            new("Network Firewall Endpoint", "hours", at.Hours * Math.Max(1, Endpoints), at.Catalog.Price("networkFirewall.endpoint.hour")),
            Usage("Data Processed", "GB", usage["monthly_data_processed_gb"], at.Catalog.Price("networkFirewall.dataProcessed")),
        ],
    };
}
