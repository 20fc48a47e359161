using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Steward.Testing;

namespace Steward.Integration.Tests;

/// <summary>One <c>serve</c> for the class, on free ports, started as a person starts it; stopped with SIGTERM at the end.</summary>
public sealed class ServeFixture : IAsyncLifetime
{
    public int ApiPort { get; } = Ports.Free();
    public int MotoPort { get; } = Ports.Free();
    public RunnerProcess Runner { get; private set; } = null!;
    public Uri Api => new($"http://127.0.0.1:{ApiPort}");
    public Uri Aws => new($"http://127.0.0.1:{MotoPort}");
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>
    /// SDK clients against the runner's moto, for what a test sets up and reads back (state, polling): in process, where
    /// starting the AWS CLI costs a second of Python each time. The CLI stays where the test is about what a user types.
    /// </summary>
    public Steward.Aws.AwsClients Clients => _clients ??= new(new Steward.Aws.AwsEnvironment(new Steward.Core.Ports.DictionaryEnvironment(Steward.Local.LocalRunner.AwsEnvironment(Aws, "us-east-1"))));
    private Steward.Aws.AwsClients? _clients;

    /// <summary>How many servers Steward has built (tagged ManagedBy=steward): a refused request must leave it as it was.</summary>
    public async Task<int> ManagedInstanceCountAsync()
    {
        using var ec2 = Clients.Ec2();
        var found = await ec2.DescribeInstancesAsync(new Amazon.EC2.Model.DescribeInstancesRequest { Filters = [new("tag:ManagedBy", ["steward"])] });
        return (found.Reservations ?? []).Sum(r => (r.Instances ?? []).Count);
    }

    /// <summary>The API keys the runner seeds, as a deployer would put them in SSM.</summary>
    public const string ApiKeys = "apikey1:servicenow-key-1,apikey2:servicenow-key-2";

    /// <summary>The member accounts the shared runner plays (member/template.yaml deployed in each).</summary>
    public const string MemberAccount = "111111111111", SecondMemberAccount = "222222222222";

    public async Task InitializeAsync()
    {
        Runner = RunnerProcess.Start(new Dictionary<string, string> { ["STEWARD_API_KEYS"] = ApiKeys }, "serve", "--port", ApiPort.ToString(), "--moto-port", MotoPort.ToString(),
            "--parameter", "AlertPhoneNumber=+15555550100", "--parameter", "AlertEmail=soc@example.com", "--parameter", "OwnerNoticeEmail=owners@example.com",
            "--member-account", MemberAccount, "--member-account", SecondMemberAccount);
        await Runner.WaitForLineAsync(TimeSpan.FromSeconds(90), "[steward-local] ready");
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Runner.DisposeAsync();
    }
}

/// <summary>
/// One runner shared by the end-to-end classes that need no fresh one (ServeTests and the GuardDuty, instance-request and
/// storage end to end): started once, its classes run one after another. Each test names what it looks for (its
/// instance, finding, object or request number), never "everything there is". The hostile API tests have a runner of
/// their own: they block 127.0.0.1 at the credential guard for five minutes.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedRunner : ICollectionFixture<ServeFixture>
{
    public const string Name = "the shared runner";
}

/// <summary>The local runner driven as a user drives it: the AWS CLI against moto, HTTP against the API.</summary>
[Trait(Tiers.Category, Tiers.Slow)]
[Collection(SharedRunner.Name)]
public class ServeTests(ServeFixture serve)
{
    private static string EntriesFor(string fixture)
    {
        var e = JsonNode.Parse(Fixtures.Text(fixture))!;
        var entries = new JsonArray(new JsonObject
        {
            ["Source"] = e["source"]!.GetValue<string>(), ["DetailType"] = e["detail-type"]!.GetValue<string>(), ["Detail"] = e["detail"]!.ToJsonString(),
        });
        var path = Path.Combine(Path.GetTempPath(), $"entries-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, entries.ToJsonString());
        return path;
    }

    [Theory]
    [InlineData("guardduty/eb-real-cryptocurrency-ec2-bitcointool-b-dns.MASKED-TIMES.jbarreto7991.json", "92c1a1d65b221e96d6a6fae27aaaae43", "CryptoCurrency:EC2/BitcoinTool.B!DNS")]
    [InlineData("guardduty/eb-unauthorizedaccess-iamuser-toripcaller.cloud-custodian.json", "", "UnauthorizedAccess:IAMUser/TorIPCaller")]
    public async Task A_GuardDuty_finding_put_on_the_bus_reaches_the_responder_through_the_template_s_rule(string fixture, string findingId, string type)
    {
        var put = await Commands.Aws(serve.Aws, "events", "put-events", "--entries", "file://" + EntriesFor(fixture));
        Assert.True(put.ExitCode == 0, put.Stderr);
        Assert.Equal(0, JsonDocument.Parse(put.Stdout).RootElement.GetProperty("FailedEntryCount").GetInt32());
        var eventId = JsonDocument.Parse(put.Stdout).RootElement.GetProperty("Entries")[0].GetProperty("EventId").GetString()!;

        var line = await serve.Runner.WaitForLineAsync(TimeSpan.FromSeconds(30), "\"message\":\"finding received\"", eventId);
        var log = JsonDocument.Parse(line).RootElement;
        Assert.Equal("GuardDutyResponder", log.GetProperty("function").GetString());
        Assert.Equal(type, log.GetProperty("findingType").GetString());
        if (findingId.Length > 0) Assert.Equal(findingId, log.GetProperty("findingId").GetString());
    }

    [Fact]
    public async Task An_event_the_rule_does_not_match_never_reaches_the_responder()
    {
        var path = Path.Combine(Path.GetTempPath(), $"entries-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """[{"Source":"com.example.billing","DetailType":"GuardDuty Finding","Detail":"{\"id\":\"not-a-finding\"}"}]""");
        var put = await Commands.Aws(serve.Aws, "events", "put-events", "--entries", "file://" + path);
        var eventId = JsonDocument.Parse(put.Stdout).RootElement.GetProperty("Entries")[0].GetProperty("EventId").GetString()!;
        // A matching event sent after it arrives; by then the foreign one would have arrived too, had the rule let it through.
        var marker = await Commands.Aws(serve.Aws, "events", "put-events", "--entries",
            "file://" + EntriesFor("guardduty/eb-backdoor-ec2-cc-activity-b-dns.cloud-custodian.json"));
        var markerId = JsonDocument.Parse(marker.Stdout).RootElement.GetProperty("Entries")[0].GetProperty("EventId").GetString()!;
        await serve.Runner.WaitForLineAsync(TimeSpan.FromSeconds(30), "finding received", markerId);
        Assert.DoesNotContain(eventId, serve.Runner.Output);
    }

    [Fact]
    public async Task Invoke_beside_a_running_runner_prints_the_response_on_stdout_and_the_log_on_stderr()
    {
        // No --aws-endpoint: invoke asks the runner on --port where its AWS is (this runner's moto is not on 4566).
        var result = await Commands.Runner("invoke", "GuardDutyResponder", "--event", Fixtures.PathOf("guardduty/eb-backdoor-ec2-cc-activity-b-dns.cloud-custodian.json"),
            "--port", serve.ApiPort.ToString());
        Assert.True(result.ExitCode == 0, result.Stderr);
        var response = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("done", response.GetProperty("status").GetString());
        Assert.Equal("Notify", response.GetProperty("summary").GetProperty("level").GetString());
        Assert.Contains("\"message\":\"finding received\"", result.Stderr);
        Assert.Contains($"against the runner on 127.0.0.1:{serve.ApiPort} (AWS at {serve.Aws})", result.Stderr);
    }

    [Fact]
    public async Task Invoke_acts_on_the_running_runner_s_AWS_with_its_parameters()
    {
        // The runner was started with AlertEmail=soc@example.com; an unreadable finding invoked by hand is kept on that
        // runner's failed-events queue and its alert goes to that runner's topic.
        var eventFile = Path.GetTempFileName();
        var eventId = "invoke-" + Guid.NewGuid().ToString("N");
        await File.WriteAllTextAsync(eventFile, $$$"""{"id":"{{{eventId}}}","source":"aws.guardduty","detail-type":"GuardDuty Finding","detail":{"id":"f","type":"t","severity":"high"}}""");
        var result = await Commands.Runner("invoke", "GuardDutyResponder", "--event", eventFile, "--port", serve.ApiPort.ToString());
        Assert.True(result.ExitCode == 3, $"exit {result.ExitCode}: {result.Stderr}");
        Assert.Equal("rejected", JsonDocument.Parse(result.Stdout).RootElement.GetProperty("status").GetString());
        var kept = await Commands.Aws(serve.Aws, "sqs", "receive-message", "--queue-url", serve.Aws + "123456789012/steward-local-FailedEventsQueue", "--max-number-of-messages", "10");
        Assert.Contains(eventId, kept.Stdout);
    }

    [Fact]
    public async Task Invoke_reads_the_event_from_stdin_with_a_dash()
    {
        var result = await Commands.RunAsync("dotnet", [Commands.RunnerDll, "invoke", "storagehooks", "--event", "-", "--port", serve.ApiPort.ToString()],
            stdin: Fixtures.Text("s3/s3-put-records.aws-lambda-dotnet.json"));
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("2", JsonDocument.Parse(result.Stdout).RootElement.GetProperty("summary").GetProperty("changes").GetString());
    }

    [Fact]
    public async Task Invoke_with_a_foreign_event_answers_rejected_with_the_reason_and_exits_3()
    {
        var result = await Commands.Runner("invoke", "GuardDutyResponder", "--event", Fixtures.PathOf("eventbridge/scheduled-event.aws-lambda-dotnet.json"), "--port", serve.ApiPort.ToString());
        Assert.Equal(3, result.ExitCode);
        var response = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("rejected", response.GetProperty("status").GetString());
        Assert.Contains("expected 'aws.guardduty'", response.GetProperty("reason").GetString());
        Assert.Contains("\"level\":\"WARN\"", result.Stderr);
    }

    [Fact]
    public async Task Invoke_with_another_template_than_the_runner_s_refuses_to_mix_them()
    {
        var copy = Path.Combine(Directory.CreateTempSubdirectory().FullName, "template.yaml");
        File.Copy(Path.Combine(Fixtures.ProjectRoot, "template.yaml"), copy);
        var result = await Commands.Runner("invoke", "GuardDutyResponder", "--event", Fixtures.PathOf("eventbridge/scheduled-event.aws-lambda-dotnet.json"),
            "--port", serve.ApiPort.ToString(), "--template", copy);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"serves {Path.Combine(Fixtures.ProjectRoot, "template.yaml")}, not {copy}", result.Stderr);
    }

    [Fact]
    public async Task The_runner_describes_where_its_AWS_is_for_invoke()
    {
        var description = JsonDocument.Parse(await serve.Http.GetStringAsync(new Uri(serve.Api, "/_local"))).RootElement;
        Assert.Equal(serve.Aws.ToString(), description.GetProperty("awsEndpoint").GetString());
        Assert.Equal("soc@example.com", description.GetProperty("parameters").GetProperty("AlertEmail").GetString());
    }

    [Fact]
    public async Task A_route_the_template_does_not_declare_gets_API_Gateway_s_403_and_the_declared_routes()
    {
        using var response = await serve.Http.PostAsync(new Uri(serve.Api, "/servers"), new StringContent("{}"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Missing Authentication Token", body.GetProperty("message").GetString());
        Assert.Contains("declares no route POST /servers", body.GetProperty("localRunner").GetString());
        Assert.Contains("GET /instances/{request_number}", body.GetProperty("localRunner").GetString());
    }

    [Fact]
    public async Task A_declared_path_with_the_wrong_method_says_which_methods_it_takes()
    {
        using var response = await serve.Http.PutAsync(new Uri(serve.Api, "/instances/RITM0010042"), new StringContent("{}"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("takes GET, DELETE, not PUT", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_schedule_fires_on_demand_with_a_real_scheduled_event()
    {
        using var response = await serve.Http.PostAsync(new Uri(serve.Api, "/_local/schedules/CostSnapshots"), null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("done", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());

        using var unknown = await serve.Http.PostAsync(new Uri(serve.Api, "/_local/schedules/Nope"), null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var known = await unknown.Content.ReadAsStringAsync();
        Assert.Contains("these do:", known);
        Assert.Contains("CostSnapshots", known);
    }

    [Fact]
    public async Task An_object_uploaded_with_the_AWS_CLI_reaches_the_storage_hook_with_its_real_key()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "quarterly numbers");
        var key = $"reports/Q3 plan+{Guid.NewGuid():N}.txt";
        var copy = await Commands.Aws(serve.Aws, "s3", "cp", file, "s3://steward-data-123456789012-us-east-1-dev/" + key);
        Assert.True(copy.ExitCode == 0, copy.Stderr);

        var line = await serve.Runner.WaitForLineAsync(TimeSpan.FromSeconds(30), "object change received", key);
        var log = JsonDocument.Parse(line).RootElement;
        Assert.Equal(key, log.GetProperty("key").GetString());
        Assert.Equal("ObjectCreated:Put", log.GetProperty("eventName").GetString());
        Assert.Equal(17, log.GetProperty("size").GetInt32());
    }

    [Fact]
    public async Task The_template_s_buckets_are_created_encrypted_versioned_and_not_public()
    {
        const string bucket = "steward-data-123456789012-us-east-1-dev";
        var encryption = await Commands.Aws(serve.Aws, "s3api", "get-bucket-encryption", "--bucket", bucket);
        Assert.Contains("aws:kms", encryption.Stdout);
        var versioning = await Commands.Aws(serve.Aws, "s3api", "get-bucket-versioning", "--bucket", bucket);
        Assert.Contains("Enabled", versioning.Stdout);
        var block = JsonDocument.Parse((await Commands.Aws(serve.Aws, "s3api", "get-public-access-block", "--bucket", bucket)).Stdout).RootElement
            .GetProperty("PublicAccessBlockConfiguration");
        Assert.All(block.EnumerateObject(), p => Assert.True(p.Value.GetBoolean(), p.Name));
    }

    [Fact]
    public async Task What_SNS_sends_is_printed_and_kept_in_the_topic_s_inbox_queue()
    {
        var subject = "test " + Guid.NewGuid().ToString("N")[..8];
        var publish = await Commands.Aws(serve.Aws, "sns", "publish", "--topic-arn", "arn:aws:sns:us-east-1:123456789012:steward-local-AlertsTopic",
            "--subject", subject, "--message", "instance i-0abc isolated");
        Assert.True(publish.ExitCode == 0, publish.Stderr);
        await serve.Runner.WaitForLineAsync(TimeSpan.FromSeconds(30), "SNS steward-local-AlertsTopic", subject);

        var inbox = await Commands.Aws(serve.Aws, "sqs", "receive-message", "--max-number-of-messages", "10", "--wait-time-seconds", "2",
            "--queue-url", serve.Aws + "123456789012/steward-local-AlertsTopic-inbox");
        Assert.Contains(subject, inbox.Stdout);
    }
}

/// <summary>Stopping the runner stops moto with it and frees both ports.</summary>
[Trait(Tiers.Category, Tiers.Slow)]
public class ServeLifecycleTests
{
    [Fact]
    public async Task SIGTERM_stops_the_runner_and_its_moto_and_frees_the_ports()
    {
        int api = Ports.Free(), moto = Ports.Free();
        await using var runner = RunnerProcess.Start("serve", "--port", api.ToString(), "--moto-port", moto.ToString());
        await runner.WaitForLineAsync(TimeSpan.FromSeconds(90), "[steward-local] ready");
        Assert.True(await runner.StopAsync(TimeSpan.FromSeconds(20)), runner.Output);
        Assert.Equal(0, runner.ExitCode);
        foreach (var port in new[] { api, moto })
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start(); // throws if moto or the API were still listening
            listener.Stop();
        }
    }

    [Fact]
    public async Task With_aws_endpoint_the_runner_uses_the_moto_already_there_and_leaves_it_running()
    {
        var moto = new MotoFixture();
        await moto.InitializeAsync();
        try
        {
            await using (var runner = RunnerProcess.Start("serve", "--port", Ports.Free().ToString(), "--aws-endpoint", moto.Endpoint.ToString()))
            {
                await runner.WaitForLineAsync(TimeSpan.FromSeconds(90), "[steward-local] ready");
                Assert.Contains($"using the AWS endpoint at {moto.Endpoint}", runner.Output);
                Assert.True(await runner.StopAsync(TimeSpan.FromSeconds(20)));
            }
            var buckets = await Commands.Aws(moto.Endpoint, "s3api", "list-buckets", "--query", "Buckets[].Name");
            Assert.Contains("steward-data-123456789012-us-east-1-dev", buckets.Stdout);
        }
        finally { await moto.DisposeAsync(); }
    }
}

