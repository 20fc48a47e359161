using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// A dedicated AWS Direct Connect connection: by the port-hour at its bandwidth's rate (the same at every location of the
/// region's country), and by the GB sent out over it from each region (the usage file's
/// <c>monthly_outbound_from_region_to_dx_connection_location</c>, by region, or
/// <c>monthly_outbound_region_to_dx_location_gb</c> from the connection's own). Data sent in is free. A hosted
/// connection (<c>dx_connection_type: hosted</c>), a public or transit virtual interface, or a bandwidth or region the
/// catalog has no rate for is "price not found", never $0.
/// </summary>
public sealed record DirectConnectConnection(string Bandwidth, string Location) : Priceable
{
    private const string ByRegion = "monthly_outbound_from_region_to_dx_connection_location";

    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var connection = usage.Says("dx_connection_type", "hosted") ? "hosted" : "dedicated";
        var virtualInterface = usage.Says("dx_virtual_interface_type", "public") ? "public" : usage.Says("dx_virtual_interface_type", "transit") ? "transit" : "private";
        var lines = new List<CostComponent> { AtPrice(at, "DX connection", "hours", at.Hours, $"directConnect.{connection}.{Bandwidth.Replace("bps", "", StringComparison.Ordinal)}.hour") };
        CostComponent Out(string region, decimal? gb) =>
            AtPrice(at, $"Outbound data transfer (from {region}, to {Location})", "GB", gb, $"directConnect.{virtualInterface}.out.{region}", usageBased: true);
        // The map by region is Infracost's newer key and wins over the single figure from the connection's region.
        var byRegion = usage.Under(ByRegion);
        if (byRegion.Count > 0) lines.AddRange(byRegion.Select(r => Out(r.Key.Replace('_', '-'), r.Value)));
        else lines.Add(Out(at.Catalog.Region, usage["monthly_outbound_region_to_dx_location_gb"]));
        return new(name, type) { Components = lines };
    }
}
