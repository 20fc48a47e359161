using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Steward.Integration.Tests;

/// <summary>
/// Instance requests end to end: ServiceNow's RunScript replayed against the runner, what EC2 then holds read back with
/// the AWS CLI (as an operator looks), and every bad input answered with a clear error and no server launched (counted
/// through the SDK, in process).
/// </summary>
[Trait(Tiers.Category, Tiers.Slow)]
[Collection(SharedRunner.Name)]
public class InstanceRequestsEndToEndTests(ServeFixture serve)
{
    /// <summary>Exactly what RESTMessageV2 sends for the original script: Basic auth, Accept and Content-Type JSON, the body template filled.</summary>
    private HttpRequestMessage RunScript(string os, string instSize, string path = "/dev/instance", string key = "servicenow-key-1")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(serve.Api, path))
        {
            Content = new StringContent("{\"os\":\"" + os + "\",\"inst_size\":\"" + instSize + "\"}", Encoding.UTF8),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("apikey1:" + key)));
        request.Headers.Accept.ParseAdd("application/json");
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return request;
    }

    private HttpRequestMessage Api(HttpMethod method, string path, string? body = null)
    {
        var request = new HttpRequestMessage(method, new Uri(serve.Api, path));
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("apikey2:servicenow-key-2"u8.ToArray()));
        return request;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> Send(HttpRequestMessage request)
    {
        var response = await serve.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement, response);
    }

    private async Task<JsonElement[]> InstancesFor(string requestNumber)
    {
        var result = await Commands.Aws(serve.Aws, "ec2", "describe-instances", "--filters", $"Name=tag:ServiceNowRequest,Values={requestNumber}");
        Assert.True(result.ExitCode == 0, result.Stderr);
        return JsonDocument.Parse(result.Stdout).RootElement.GetProperty("Reservations").EnumerateArray()
            .SelectMany(r => r.GetProperty("Instances").EnumerateArray()).ToArray();
    }

    private Task<int> ManagedInstanceCount() => serve.ManagedInstanceCountAsync();

    [Fact]
    public async Task The_original_RunScript_replayed_exactly_builds_one_server_that_the_AWS_CLI_shows_with_its_tags_and_volume()
    {
        var (status, body, _) = await Send(RunScript("Amazon Linux 2023", "small"));

        Assert.Equal(HttpStatusCode.Accepted, status);
        var number = body.GetProperty("requestNumber").GetString()!;
        var instance = Assert.Single(await InstancesFor(number));
        Assert.Equal(body.GetProperty("instanceId").GetString(), instance.GetProperty("InstanceId").GetString());
        Assert.Equal("t3.small", instance.GetProperty("InstanceType").GetString());
        Assert.Equal("required", instance.GetProperty("MetadataOptions").GetProperty("HttpTokens").GetString());
        var tags = instance.GetProperty("Tags").EnumerateArray().ToDictionary(t => t.GetProperty("Key").GetString()!, t => t.GetProperty("Value").GetString()!);
        Assert.Equal(("unallocated", "steward", "16.78 USD", "al2023"), (tags["CostCenter"], tags["ManagedBy"], tags["steward:quote-monthly"], tags["steward:os"]));
        foreach (var key in new[] { "Owner", "Application", "Environment", "steward:lease-end" }) Assert.True(tags.ContainsKey(key), key);

        var volumeId = instance.GetProperty("BlockDeviceMappings")[0].GetProperty("Ebs").GetProperty("VolumeId").GetString()!;
        var volume = JsonDocument.Parse((await Commands.Aws(serve.Aws, "ec2", "describe-volumes", "--volume-ids", volumeId)).Stdout).RootElement.GetProperty("Volumes")[0];
        Assert.Equal((20, "gp3", true), (volume.GetProperty("Size").GetInt32(), volume.GetProperty("VolumeType").GetString(), volume.GetProperty("Encrypted").GetBoolean()));
        Assert.Contains(volume.GetProperty("Tags").EnumerateArray(), t => t.GetProperty("Key").GetString() == "CostCenter");
    }

    [Fact]
    public async Task Quote_build_status_and_decommission_work_over_HTTP()
    {
        const string number = "RITM0020001";
        var fields = "{\"os\":\"rhel9\",\"inst_size\":\"medium\",\"volume_size\":40,\"cost_center\":\"CC-4410\",\"owner\":\"jane.doe@example.com\",\"application\":\"payroll\",\"environment\":\"test\",\"lease_days\":14,\"request_number\":\"" + number + "\"}";

        var quote = await Send(Api(HttpMethod.Post, "/instances/quote", fields));
        Assert.Equal(HttpStatusCode.OK, quote.Status);
        Assert.Equal(54.59m, quote.Body.GetProperty("quote").GetProperty("monthlyTotal").GetDecimal());
        Assert.Empty(await InstancesFor(number));

        var built = await Send(Api(HttpMethod.Post, "/instances", fields));
        Assert.Equal(HttpStatusCode.Accepted, built.Status);

        var status = await Send(Api(HttpMethod.Get, "/instances/" + number));
        Assert.Equal(HttpStatusCode.OK, status.Status);
        Assert.Equal(built.Body.GetProperty("instanceId").GetString(), status.Body.GetProperty("instanceId").GetString());
        Assert.Equal("payroll", status.Body.GetProperty("tags").GetProperty("Application").GetString());
        Assert.False(string.IsNullOrEmpty(status.Body.GetProperty("privateIp").GetString()));

        var gone = await Send(Api(HttpMethod.Delete, "/instances/" + number + "?final_snapshot=true"));
        Assert.Equal(HttpStatusCode.Accepted, gone.Status);
        var snapshotId = gone.Body.GetProperty("snapshotIds")[0].GetString()!;
        var snapshot = JsonDocument.Parse((await Commands.Aws(serve.Aws, "ec2", "describe-snapshots", "--snapshot-ids", snapshotId)).Stdout).RootElement;
        Assert.Contains(snapshot.GetProperty("Snapshots")[0].GetProperty("Tags").EnumerateArray(), t => t.GetProperty("Value").GetString() == number);
        Assert.Contains(Assert.Single(await InstancesFor(number)).GetProperty("State").GetProperty("Name").GetString(), new[] { "shutting-down", "terminated" });

        Assert.Equal(HttpStatusCode.OK, (await Send(Api(HttpMethod.Delete, "/instances/" + number))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(Api(HttpMethod.Get, "/instances/RITM0099999"))).Status);
    }

    [Fact]
    public async Task Concurrent_duplicate_requests_build_exactly_one_server()
    {
        const string number = "RITM0030003";
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Send(Api(HttpMethod.Post, "/instances", "{\"os\":\"ubuntu\",\"inst_size\":\"small\",\"request_number\":\"" + number + "\"}"))));

        Assert.Single(await InstancesFor(number));
        Assert.Contains(answers, a => a.Status == HttpStatusCode.Accepted);
        Assert.All(answers, a => Assert.Contains((int)a.Status, new[] { 202, 409 }));

        var retry = await Send(Api(HttpMethod.Post, "/instances", "{\"os\":\"ubuntu\",\"inst_size\":\"small\",\"request_number\":\"" + number + "\"}"));
        Assert.Equal(HttpStatusCode.Accepted, retry.Status);
        Assert.Equal("true", retry.Response.Headers.GetValues("X-Steward-Replayed").Single());
        var conflict = await Send(Api(HttpMethod.Post, "/instances", "{\"os\":\"ubuntu\",\"inst_size\":\"large\",\"request_number\":\"" + number + "\"}"));
        Assert.Equal(HttpStatusCode.Conflict, conflict.Status);
        Assert.Single(await InstancesFor(number));
    }

    public static TheoryData<string, string?, int, string> BadInputs() => new()
    {
        { "missing os", "{\"inst_size\":\"small\"}", 400, "os" },
        { "unsubstituted variable", "{\"os\":\"${os}\",\"inst_size\":\"${inst_size}\"}", 400, "never set" },
        { "unknown OS", "{\"os\":\"solaris\",\"inst_size\":\"small\"}", 400, "choose one of al2023" },
        { "unknown size", "{\"os\":\"al2023\",\"inst_size\":\"huge\"}", 400, "choose one of small" },
        { "volume out of bounds", "{\"os\":\"windows\",\"inst_size\":\"small\",\"volume_size\":10}", 400, "30–2048 GiB" },
        { "not JSON", "os=al2023&inst_size=small", 400, "not JSON" },
        { "oversized body", "{\"os\":\"al2023\",\"inst_size\":\"small\",\"x\":\"" + new string('x', 17_000) + "\"}", 413, "at most 16 KiB" },
        { "over the ceiling", "{\"os\":\"windows\",\"inst_size\":\"m6i.2xlarge\",\"volume_size\":500}", 403, "over the ceiling" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Each_bad_input_gets_a_clear_problem_and_launches_nothing(string _, string? body, int status, string expected)
    {
        var before = await ManagedInstanceCount();
        var (code, problem, response) = await Send(Api(HttpMethod.Post, "/instances", body));
        Assert.Equal(status, (int)code);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(expected, problem.ToString());
        Assert.Equal(before, await ManagedInstanceCount());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task Wrong_or_missing_credentials_get_401_and_launch_nothing(string? key)
    {
        var before = await ManagedInstanceCount();
        var request = RunScript("al2023", "small", key: key ?? "");
        if (key is null) request.Headers.Authorization = null;
        var (code, _, response) = await Send(request);
        Assert.Equal(HttpStatusCode.Unauthorized, code);
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(before, await ManagedInstanceCount());
        Assert.DoesNotContain("servicenow-key-1", serve.Runner.Output);
    }

    [Fact]
    public async Task The_daily_sweep_stops_a_server_past_its_lease_and_tells_its_owner()
    {
        // A server whose lease ended yesterday, as Steward would have tagged it, and one whose lease runs on.
        const string expired = "RITM0050005", current = "RITM0050006";
        foreach (var (number, days) in new[] { (expired, 1), (current, 30) })
            Assert.Equal(HttpStatusCode.Accepted, (await Send(Api(HttpMethod.Post, "/instances",
                "{\"os\":\"al2023\",\"inst_size\":\"small\",\"owner\":\"jane@example.com\",\"lease_days\":" + days + ",\"request_number\":\"" + number + "\"}"))).Status);
        var expiredId = (await InstancesFor(expired)).Single().GetProperty("InstanceId").GetString()!;
        await Commands.Aws(serve.Aws, "ec2", "create-tags", "--resources", expiredId, "--tags", "Key=steward:lease-end,Value=" + DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"));

        using var response = await serve.Http.PostAsync(new Uri(serve.Api, "/_local/schedules/InstanceRequests"), null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expiredId, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("summary").GetProperty("stopped").GetString());

        var stopped = (await InstancesFor(expired)).Single();
        Assert.Contains(stopped.GetProperty("State").GetProperty("Name").GetString(), new[] { "stopping", "stopped" });
        Assert.Contains(stopped.GetProperty("Tags").EnumerateArray(), t => t.GetProperty("Key").GetString() == "steward:lease-expired");
        Assert.Equal("running", (await InstancesFor(current)).Single().GetProperty("State").GetProperty("Name").GetString());

        var status = await Send(Api(HttpMethod.Get, "/instances/" + expired));
        Assert.True(status.Body.GetProperty("leaseExpired").GetBoolean());
        var notices = await Commands.Aws(serve.Aws, "sqs", "receive-message", "--queue-url", serve.Aws + "123456789012/steward-local-OwnerNoticesTopic-inbox",
            "--max-number-of-messages", "10", "--wait-time-seconds", "2");
        Assert.Contains($"lease ended, {expired} stopped", notices.Stdout);
        Assert.Contains("jane@example.com", notices.Stdout);
    }

    [Fact]
    public async Task The_documented_ServiceNow_steps_quote_build_and_report_a_server()
    {
        var current = new JsonObject
        {
            ["number"] = "RITM0040004",
            ["variables"] = new JsonObject { ["os"] = "Ubuntu 24.04", ["inst_size"] = "medium", ["volume_size1"] = "40", ["cost_center"] = "CC-7788", ["application"] = "intranet" },
            ["requested_for"] = new JsonObject { ["email"] = "sam.lee@example.com" },
        };
        var run = await Commands.RunAsync("node", [Path.Combine(Steward.Testing.Fixtures.ProjectRoot, "tests", "servicenow", "run-catalog-item.js"), current.ToJsonString()],
            new Dictionary<string, string?> { ["STEWARD_URL"] = serve.Api.ToString().TrimEnd('/') + "/dev", ["STEWARD_USER"] = "apikey1", ["STEWARD_KEY"] = "servicenow-key-1" });
        Assert.True(run.ExitCode == 0, run.Stderr);

        var result = JsonNode.Parse(run.Stdout)!;
        var pad = result["scratchpad"]!;
        Assert.True(pad["steward_ok"]!.GetValue<bool>());
        Assert.Equal(33.57m, pad["steward_monthly"]!.GetValue<decimal>()); // t3.medium Linux 0.0416 × 730 = 30.37, plus 40 GiB × 0.08
        var instanceId = pad["steward_instance"]!.GetValue<string>();
        Assert.StartsWith("i-", instanceId);
        Assert.Equal("running", pad["steward_state"]!.GetValue<string>());
        var notes = string.Join("\n", result["work_notes"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Contains("Steward quote: 33.57 USD a month (t3.medium, 40 GiB", notes);
        Assert.Contains($"Server {instanceId} is running at ", notes);

        var tags = (await InstancesFor("RITM0040004")).Single().GetProperty("Tags").EnumerateArray()
            .ToDictionary(t => t.GetProperty("Key").GetString()!, t => t.GetProperty("Value").GetString()!);
        Assert.Equal(("CC-7788", "sam.lee@example.com", "intranet"), (tags["CostCenter"], tags["Owner"], tags["Application"]));
    }
}
