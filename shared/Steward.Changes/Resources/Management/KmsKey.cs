using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>A KMS key by its spec: SYMMETRIC_DEFAULT, RSA_2048, RSA_3072, ECC_NIST_P256, HMAC_256, …</summary>
public sealed record KmsKey(string Spec) : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var k = this;
        var c = new List<CostComponent> { new("Customer master key", "months", 1, at.Catalog.Price("kms.key")) };
        switch (k.Spec)
        {
            case "SYMMETRIC_DEFAULT" or "HMAC_224" or "HMAC_256" or "HMAC_384" or "HMAC_512":
                c.Add(Usage("Requests", "10k requests", null, at.Catalog.Price("kms.requests")));
                c.Add(Usage("ECC GenerateDataKeyPair requests", "10k requests", null, at.Catalog.Price("kms.requests.generateDataKeyPair")));
                c.Add(Usage("RSA GenerateDataKeyPair requests", "10k requests", null, at.Catalog.Price("kms.requests.generateDataKeyPair")));
                break;
            case "RSA_2048":
                c.Add(Usage("Requests (RSA 2048)", "10k requests", null, at.Catalog.Price("kms.requests.rsa2048")));
                break;
            default:
                c.Add(Usage("Requests (asymmetric)", "10k requests", null, at.Catalog.Price("kms.requests.asymmetric")));
                break;
        }
        return new PricedResource(name, type) { Components = c };
    }
}
