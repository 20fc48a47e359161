using Steward.Core.Instances;

namespace Steward.Tests.Instances;

public class PriceTableTests
{
    private static readonly PriceTable Prices = PriceTable.Load("us-east-1");

    [Fact]
    public void The_table_states_its_region_currency_and_date() =>
        Assert.Equal(("us-east-1", "USD", "2026-07-01"), (Prices.Region, Prices.Currency, Prices.EffectiveDate));

    [Fact]
    public void A_Linux_quote_is_730_hours_of_the_type_plus_gp3_per_GiB()
    {
        var q = Prices.Quote("t3.small", Licensing.Linux, 20);
        Assert.Equal((0.0208m, 15.18m, 1.60m, 16.78m), (q.HourlyRate, q.MonthlyCompute, q.MonthlyStorage, q.MonthlyTotal));
    }

    [Fact]
    public void Windows_includes_its_licence() => Assert.Equal(0.3760m, Prices.Quote("m6i.xlarge", Licensing.Windows, 100).HourlyRate);

    [Fact]
    public void RHEL_adds_its_per_vCPU_licence_to_the_Linux_rate() =>
        Assert.Equal(0.0416m + 2 * 0.0144m, Prices.HourlyRate("t3.medium", Licensing.RedHat));

    [Fact]
    public void Every_friendly_size_names_a_priced_type() =>
        Assert.All(Catalog.FriendlySizes, s => Assert.True(Prices.Offers(s.InstanceType), s.Name));
}
