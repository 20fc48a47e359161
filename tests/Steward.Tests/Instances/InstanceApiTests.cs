using System.Text;
using System.Text.Json;
using Steward.Core.Events;
using Steward.Core.Json;
using Steward.Core.Observability;
using Steward.Core.Ports;
using Steward.Testing;

namespace Steward.Tests.Instances;

/// <summary>The function as API Gateway calls it: authentication first, then routing, every error a problem document.</summary>
public class InstanceApiTests
{
    private const string Key = "k3y-that-must-never-be-logged";
    private readonly Desk _desk = new();
    private readonly StringWriter _log = new CheckedLogWriter();
    private readonly InstanceRequests.Function _function;

    public InstanceApiTests() =>
        _function = new InstanceRequests.Function(_desk.Lifecycle, new StaticKeys(new ApiCredential("apikey1", Key)), new StructuredLog(_log, TimeProvider.System, "InstanceRequests"));

    /// <summary>What ServiceNow's RESTMessageV2 sends, as API Gateway hands it to the function.</summary>
    private static ApiGatewayProxyRequest Request(string method, string resource, string? body, string? auth = "apikey1:" + Key,
        Dictionary<string, string>? pathParameters = null, Dictionary<string, string>? query = null)
    {
        var headers = new Dictionary<string, string> { ["Accept"] = "application/json", ["Content-Type"] = "application/json" };
        if (auth is not null) headers["Authorization"] = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(auth));
        return new ApiGatewayProxyRequest
        {
            HttpMethod = method, Resource = resource, Path = resource, Headers = headers, Body = body, PathParameters = pathParameters,
            QueryStringParameters = query, RequestContext = new ApiGatewayRequestContext { RequestId = Guid.NewGuid().ToString() },
        };
    }

    private async Task<ApiGatewayProxyResponse> Send(ApiGatewayProxyRequest request)
    {
        var input = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(request, StewardJsonContext.Default.ApiGatewayProxyRequest));
        var output = await _function.Handle(input);
        return JsonSerializer.Deserialize(output, StewardJsonContext.Default.ApiGatewayProxyResponse)!;
    }

    [Fact]
    public async Task The_original_RunScript_body_builds_a_server()
    {
        var response = await Send(Request("POST", "/instance", "{\"os\":\"Amazon Linux 2023\",\"inst_size\":\"small\"}"));
        Assert.Equal(202, response.StatusCode);
        Assert.Equal("application/json", response.Headers!["Content-Type"]);
        Assert.Single(_desk.Fleet.Launches);
    }

    /// <summary>InstancesLaunched counts servers: a retried or repeated build is answered again but launched once, and counted once.</summary>
    [Fact]
    public async Task A_build_sent_three_times_is_one_launch_in_the_metrics()
    {
        const string body = "{\"os\":\"ubuntu\",\"inst_size\":\"medium\",\"request_number\":\"RITM0077001\"}";
        var answers = new List<ApiGatewayProxyResponse>();
        for (var i = 0; i < 3; i++) answers.Add(await Send(Request("POST", "/instances", body)));
        Assert.All(answers, a => Assert.Equal(202, a.StatusCode));
        Assert.Single(_desk.Fleet.Launches);
        var launches = _log.ToString().Split('\n').Count(l => l.Contains("\"InstancesLaunched\"", StringComparison.Ordinal) && l.Contains("CloudWatchMetrics", StringComparison.Ordinal));
        Assert.Equal(1, launches);
        // Each call is still an answered request.
        Assert.Equal(3, _log.ToString().Split('\n').Count(l => l.Contains("\"RequestsAnswered\"", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("{\"os\":\"al2023\",\"inst_size\":\"small\",\"inst_size\":\"xlarge\"}", "inst_size")]
    [InlineData("{\"os\":\"al2023\",\"inst_size\":\"small\",\"INST_SIZE\":\"xlarge\"}", "INST_SIZE")]
    public async Task A_body_that_names_a_field_twice_is_refused_naming_it_and_builds_nothing(string body, string field)
    {
        foreach (var resource in new[] { "/instance", "/instances/quote", "/instances" })
        {
            var response = await Send(Request("POST", resource, body));
            Assert.Equal(400, response.StatusCode);
            Assert.Contains($"'{field}' more than once", response.Body);
            Assert.DoesNotContain("xlarge", response.Body);
        }
        Assert.Empty(_desk.Fleet.Launches);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("apikey1:wrong")]
    [InlineData("someone:" + Key)]
    public async Task Without_valid_credentials_every_route_answers_401_with_a_challenge_and_does_nothing(string? auth)
    {
        foreach (var (method, resource) in new[] { ("POST", "/instance"), ("POST", "/instances/quote"), ("GET", "/instances/{request_number}"), ("DELETE", "/instances/{request_number}") })
        {
            var response = await Send(Request(method, resource, "{\"os\":\"al2023\",\"inst_size\":\"small\"}", auth, new() { ["request_number"] = "RITM0010042" }));
            Assert.Equal(401, response.StatusCode);
            Assert.StartsWith("Basic realm=\"steward\"", response.Headers!["WWW-Authenticate"]);
            Assert.Equal(ProblemDetails.MediaType, response.Headers["Content-Type"]);
        }
        Assert.Empty(_desk.Fleet.Launches);
    }

    [Fact]
    public async Task An_oversized_body_is_refused_before_anything_else()
    {
        var body = "{\"os\":\"al2023\",\"inst_size\":\"small\",\"pad\":\"" + new string('x', 20_000) + "\"}";
        Assert.Equal(413, (await Send(Request("POST", "/instances", body))).StatusCode);
        Assert.Empty(_desk.Fleet.Launches);
    }

    [Fact]
    public async Task A_non_JSON_body_is_a_400_naming_the_body()
    {
        var response = await Send(Request("POST", "/instances", "os=al2023&inst_size=small"));
        Assert.Equal(400, response.StatusCode);
        Assert.Contains("\"body\"", response.Body);
        Assert.Empty(_desk.Fleet.Launches);
    }

    [Fact]
    public async Task Fields_from_the_query_string_and_the_request_header_are_read()
    {
        var request = Request("POST", "/instances", null, query: new() { ["os"] = "ubuntu", ["inst_size"] = "medium" });
        request.Headers!["X-ServiceNow-Request"] = "RITM0012345";
        Assert.Equal(202, (await Send(request)).StatusCode);
        Assert.Equal(("RITM0012345", "t3.medium"), (_desk.Fleet.Launches[0].RequestNumber, _desk.Fleet.Launches[0].InstanceType));
    }

    [Fact]
    public async Task Decommission_reads_final_snapshot_from_the_query()
    {
        await Send(Request("POST", "/instances", "{\"os\":\"al2023\",\"inst_size\":\"small\",\"request_number\":\"RITM0000007\"}"));
        var response = await Send(Request("DELETE", "/instances/{request_number}", null, pathParameters: new() { ["request_number"] = "RITM0000007" }, query: new() { ["final_snapshot"] = "true" }));
        Assert.Equal(202, response.StatusCode);
        Assert.Single(_desk.Fleet.Snapshots);
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem() =>
        Assert.Equal(404, (await Send(Request("PATCH", "/instances/{request_number}", null, pathParameters: new() { ["request_number"] = "RITM1" }))).StatusCode);

    [Fact]
    public async Task The_log_names_the_user_and_never_the_key_or_header()
    {
        await Send(Request("POST", "/instance", "{\"os\":\"al2023\",\"inst_size\":\"small\"}"));
        await Send(Request("POST", "/instance", "{}", "apikey1:wrong-" + Key));
        var log = _log.ToString();
        Assert.Contains("\"user\":\"apikey1\"", log);
        Assert.DoesNotContain(Key, log);
        Assert.DoesNotContain("Basic ", log);
    }

    [Fact]
    public async Task The_daily_schedule_runs_the_lease_sweep()
    {
        var output = await _function.Handle(Fixtures.Stream("eventbridge/scheduled-event.aws-lambda-dotnet.json"));
        var outcome = JsonDocument.Parse(output).RootElement;
        Assert.Equal("done", outcome.GetProperty("status").GetString());
        Assert.Contains("lease sweep done", _log.ToString());
    }

    [Theory]
    [InlineData("""{"httpMethod":"POST","resource":"/instances","headers":{"Authorization":42}}""", "headers.Authorization is the number 42, where a string is expected")]
    [InlineData("""{"httpMethod":7,"resource":"/instances"}""", "httpMethod is the number 7, where a string is expected")]
    public async Task A_proxy_event_with_a_mistyped_field_is_a_400_not_a_crash(string input, string path)
    {
        var output = await _function.Handle(new MemoryStream(Encoding.UTF8.GetBytes(input)));
        var response = JsonSerializer.Deserialize(output, StewardJsonContext.Default.ApiGatewayProxyResponse)!;
        Assert.Equal(400, response.StatusCode);
        Assert.Contains(path, response.Body);
        Assert.Empty(_desk.Fleet.Launches);
    }
}
