using Steward.Aws;
using Steward.Core.Ports;

namespace Steward.Integration.Tests;

/// <summary>Endpoint overrides follow the AWS SDKs' convention: a service's own variable, then the global one.</summary>
public class AwsEnvironmentTests
{
    private static AwsEnvironment With(params (string, string)[] vars) => new(new DictionaryEnvironment(vars.ToDictionary(v => v.Item1, v => v.Item2)));

    [Fact]
    public void No_override_means_AWS_s_regional_endpoint_and_Cost_Explorer_s_global_one()
    {
        var env = With(("AWS_REGION", "eu-west-1"));
        Assert.Equal(new Uri("https://sns.eu-west-1.amazonaws.com/"), env.Endpoint(AwsService.Sns));
        Assert.Equal(new Uri("https://ce.us-east-1.amazonaws.com/"), env.Endpoint(AwsService.CostExplorer));
        Assert.Equal("us-east-1", env.SigningRegion(AwsService.CostExplorer));
    }

    [Fact]
    public void A_service_variable_beats_the_global_one()
    {
        var env = With(("AWS_REGION", "us-east-1"), ("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"), ("AWS_ENDPOINT_URL_COST_EXPLORER", "http://127.0.0.1:9999"));
        Assert.Equal(new Uri("http://127.0.0.1:9999"), env.Endpoint(AwsService.CostExplorer));
        Assert.Equal(new Uri("http://127.0.0.1:4566"), env.Endpoint(AwsService.Sns));
    }

    [Fact]
    public void Overrides_can_be_switched_off() =>
        Assert.Null(With(("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"), ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")).EndpointOverride(AwsService.Sns));

    [Fact]
    public void A_malformed_override_names_the_variable()
    {
        var e = Assert.Throws<ConfigurationException>(() => With(("AWS_ENDPOINT_URL_SNS", "localhost:4566")).EndpointOverride(AwsService.Sns));
        Assert.Contains("AWS_ENDPOINT_URL_SNS", e.Message);
    }

    [Fact]
    public void A_missing_region_says_how_to_set_it() =>
        Assert.Contains("AWS_REGION", Assert.Throws<ConfigurationException>(() => With().Region).Message);
}
