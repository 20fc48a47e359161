using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// An ACM certificate issued by a private CA: charged per certificate issued (public certificates are free). Infracost
/// counts one issue a month unless the usage file says otherwise (<c>monthly_requests</c>); the CA itself is priced on
/// its own resource.
/// </summary>
public sealed record PrivateCertificate : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) => new(name, type)
    {
        Components = [Usage("Certificate", "requests", usage["monthly_requests"] ?? 1, at.Catalog.Price("acm.privateCertificate"))],
    };
}
