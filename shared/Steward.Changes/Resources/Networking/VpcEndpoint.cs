using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// An interface or Gateway Load Balancer VPC endpoint: by the hour in each subnet (each AZ) it has a network interface in,
/// and by the GB it processes (in bands for interface endpoints). Gateway endpoints (S3, DynamoDB) are free and not this.
/// </summary>
public sealed record VpcEndpoint(bool GatewayLoadBalancer, int Subnets) : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var kind = GatewayLoadBalancer ? "gatewayLoadBalancer" : "interface";
        var hours = new CostComponent($"Endpoint ({(GatewayLoadBalancer ? "GatewayLoadBalancer" : "Interface")})", "hours", at.Hours * Math.Max(1, Subnets), at.Catalog.Price($"vpcEndpoint.{kind}.hour"));
        if (GatewayLoadBalancer)
            return new(name, type) { Components = [Usage("Data processed", "GB", usage["monthly_data_processed_gb"], at.Catalog.Price("vpcEndpoint.gatewayLoadBalancer.dataProcessed")), hours] };
        var gb = usage["monthly_data_processed_gb"];
        List<CostComponent> data = gb is null
            ? [Usage("Data processed (first 1PB)", "GB", null, at.Catalog.Price("vpcEndpoint.interface.dataProcessed"))]
            : at.Catalog.Tiered("vpcEndpoint.interface.dataProcessed", gb.Value).Where(t => t.Quantity > 0)
                .Select(t => Usage(TierName("Data processed", t, Petabytes), "GB", t.Quantity, t.Price)).ToList();
        return new(name, type) { Components = [.. data, hours] };
    }

    private static string Petabytes(decimal gb) => $"{gb / 1_000_000:0.##}PB";
}
