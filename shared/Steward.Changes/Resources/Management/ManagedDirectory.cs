using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// A Directory Service directory: two domain controllers by the hour, at the rate of its kind and edition or size
/// (Microsoft AD Standard or Enterprise, Simple AD and AD Connector Small or Large); more controllers and sharing with
/// other accounts are usage.
/// </summary>
public sealed record ManagedDirectory(string Kind, string Size) : Priceable
{
    /// <param name="kind">microsoftAd, simpleAd or adConnector.</param>
    /// <param name="size">Standard or Enterprise for Microsoft AD (AWS's default is Enterprise); Small or Large for the others.</param>
    public static ManagedDirectory Of(string kind, string? size) => new(kind, size ?? (kind == "microsoftAd" ? "Enterprise" : "Small"));

    private string Label => Kind switch { "microsoftAd" => "Microsoft AD", "simpleAd" => "Simple AD", _ => "AD Connector" };

    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var key = $"directory.{Kind}.{Size.ToLowerInvariant()}";
        var lines = new List<CostComponent> { PerMonth(AtPrice(at, $"Directory service ({Label}, {Size})", "controllers", 2, key), at) };
        if (Kind != "adConnector")
            lines.Add(PerMonth(AtPrice(at, "Additional domain controllers", "controllers", usage["additional_domain_controllers"], key, usageBased: true), at));
        if (Kind == "microsoftAd")
            lines.Add(Usage("Directory sharing", "accounts", usage["shared_accounts"], at.Catalog.Price("directory.sharing") * at.Hours));
        return new(name, type) { Components = lines };
    }

    /// <summary>Infracost counts controllers and accounts a month, each at its hourly rate for the month's hours.</summary>
    private static CostComponent PerMonth(CostComponent hourly, PriceContext at) => hourly with { Price = hourly.Price * at.Hours };
}
