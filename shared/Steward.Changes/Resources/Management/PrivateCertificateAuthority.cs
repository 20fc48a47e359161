using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>An AWS Private CA: by the month (less in short-lived certificate mode), and per certificate issued, in bands.</summary>
public sealed record PrivateCertificateAuthority(bool ShortLived) : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var certificates = usage["monthly_requests"];
        if (ShortLived)
            return new(name, type)
            {
                Components =
                [
                    new("Private certificate authority (short-lived certificate mode)", "months", 1, at.Catalog.Price("acmpca.authority.shortLived")),
                    Usage("Certificates (short-lived)", "requests", certificates, at.Catalog.Price("acmpca.certificates.shortLived")),
                ],
            };
        List<CostComponent> issued = certificates is null
            ? [Usage("Certificates (first 1K)", "requests", null, at.Catalog.Price("acmpca.certificates"))]
            : at.Catalog.Tiered("acmpca.certificates", certificates.Value).Where(t => t.Quantity > 0)
                .Select(t => Usage(TierName("Certificates", t, n => $"{n / 1000:0.##}K"), "requests", t.Quantity, t.Price)).ToList();
        return new(name, type) { Components = [new("Private certificate authority", "months", 1, at.Catalog.Price("acmpca.authority")), .. issued] };
    }
}
