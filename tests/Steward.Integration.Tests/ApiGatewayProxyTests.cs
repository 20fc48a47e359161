using Steward.Local.Aws;
using Steward.Local.Http;

namespace Steward.Integration.Tests;

/// <summary>Route matching as API Gateway does it, for the template's routes.</summary>
public class ApiGatewayProxyTests
{
    private static readonly ApiGatewayProxy Proxy = new(
    [
        new ApiRoute("F", "Build", "POST", "/instances"),
        new ApiRoute("F", "Quote", "POST", "/instances/quote"),
        new ApiRoute("F", "Get", "GET", "/instances/{request_number}"),
        new ApiRoute("F", "Delete", "DELETE", "/instances/{request_number}"),
        new ApiRoute("G", "Files", "GET", "/files/{path+}"),
    ], "dev");

    [Fact]
    public void A_literal_segment_wins_over_a_parameter() => Assert.Equal("Quote", Proxy.Find("POST", "/instances/quote", out _)!.Route.EventName);

    [Fact]
    public void Path_parameters_are_extracted_and_unescaped()
    {
        var match = Proxy.Find("GET", "/instances/RITM%200010042", out _)!;
        Assert.Equal("RITM 0010042", match.PathParameters!["request_number"]);
    }

    [Fact]
    public void The_deployed_stage_prefix_is_accepted() => Assert.Equal("Build", Proxy.Find("POST", "/dev/instances", out _)!.Route.EventName);

    [Fact]
    public void A_greedy_parameter_takes_the_rest_of_the_path() =>
        Assert.Equal("a/b/c.txt", Proxy.Find("GET", "/files/a/b/c.txt", out _)!.PathParameters!["path"]);

    [Fact]
    public void A_known_path_with_the_wrong_method_says_which_methods_it_takes()
    {
        Assert.Null(Proxy.Find("PUT", "/instances/RITM1", out var allowed));
        Assert.Equal(["GET", "DELETE"], allowed);
    }

    [Fact]
    public void An_undeclared_path_matches_nothing()
    {
        Assert.Null(Proxy.Find("POST", "/instance/extra", out var allowed));
        Assert.Empty(allowed);
    }
}
