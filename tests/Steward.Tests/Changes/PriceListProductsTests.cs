using System.Text.Json;
using Steward.Core.Pricing;
using Steward.Testing;

namespace Steward.Tests.Changes;

/// <summary>The Price List's recorded answers read into catalog prices, its look-alikes left out.</summary>
public class PriceListProductsTests
{
    [Fact]
    public void The_SDK_examples_EBS_product_is_an_io1_storage_price()
    {
        var answer = JsonDocument.Parse(PriceListFixtures.GetProductsExample()).RootElement;
        var read = PriceListProducts.Read(answer.GetProperty("PriceList").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(0.138m, read.EbsStorage["io1"]);
        Assert.Empty(read.InstanceTypes);
    }

    [Fact]
    public void An_on_demand_rate_is_taken_and_a_Capacity_Block_at_zero_is_not()
    {
        var read = PriceListProducts.Read(PriceListFixtures.FromOfferFile("pricing/opencost-testdata-pricing-us-east-1.json"));
        Assert.Equal(32.7726m, Assert.Single(read.InstanceTypes).Value.Linux);
        Assert.Equal(96, read.InstanceTypes["p4d.24xlarge"].Vcpus);
    }

    [Fact]
    public void BYOL_images_load_balancers_and_a_rate_with_an_upfront_fee_are_not_hourly_prices()
    {
        var read = PriceListProducts.Read(PriceListFixtures.FromOfferFile("pricing/opencost-testdata-pricing-us-east-2.json"));
        // m5.large's "on-demand" term there carries an upfront fee beside the hourly rate; p3.8xlarge is Windows BYOL.
        Assert.Empty(read.InstanceTypes);
        Assert.Equal(0.08m, read.EbsStorage["gp3"]);
        Assert.Single(read.EbsStorage);
    }

    [Fact]
    public void A_refreshed_catalog_keeps_its_other_prices_and_names_its_new_source()
    {
        var read = PriceListProducts.Read(PriceListFixtures.FromOfferFile("pricing/opencost-testdata-pricing-us-east-1.json"));
        var refreshed = PriceCatalog.Load().Refreshed("us-east-1", read, new CatalogSource("2026-11-26", "AWS Price List Query API"));
        using var file = new MemoryStream();
        refreshed.Write(file);
        file.Position = 0;
        var back = PriceCatalog.Read(file);
        Assert.Equal(32.7726m, back.InstanceType("p4d.24xlarge")!.Linux);
        Assert.Equal(0.0416m, back.InstanceType("t3.medium")!.Linux);
        Assert.Equal(0.20m, back.Price("lambda.requests"));
        Assert.Equal("2026-11-26", back.Sources["ec2"].EffectiveDate);
    }
}
