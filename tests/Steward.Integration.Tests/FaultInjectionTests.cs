using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.EC2.Model;
using Amazon.S3.Model;
using Steward.Aws;
using Steward.Aws.Events;
using Steward.Aws.Incidents;
using Steward.Aws.Notifications;
using Steward.Core.Incidents;
using Steward.Core.Observability;
using Steward.Core.Ports;
using FsCheck;
using FsCheck.Fluent;
using Steward.Testing;

namespace Steward.Integration.Tests;

/// <summary>
/// Faults put between the GuardDuty responder and moto, in the clients' own transport (the HTTP handler the SDK clients and
/// the signed client send through): throttling, 500s, a connection reset, and the connection cut for good halfway through
/// a containment. What is safe to retry is retried and the finding is handled in full; what still fails fails the
/// invocation loudly (so Lambda retries it and the dead-letter queue keeps it), having recorded on the instance what was
/// done; and the retry does only what was left.
/// </summary>
public class FaultInjectionTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    /// <summary>Decides, per request, whether to fail it and how; counts what it saw.</summary>
    internal sealed class Faults : DelegatingHandler
    {
        public Func<string, int, HttpResponseMessage?>? Rule { get; set; }
        /// <summary>The request reaches AWS and is carried out, but its answer is lost on the way back (the connection drops).</summary>
        public Func<string, int, bool>? LoseAnswer { get; set; }
        public Dictionary<string, int> Seen { get; } = [];
        /// <summary>The form bodies sent (EC2's and SNS's parameters), in order.</summary>
        public List<(string Operation, string Body)> Forms { get; } = [];
        private readonly Lock _gate = new();

        public Faults() : base(new SocketsHttpHandler()) { }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var (operation, form) = await OperationAsync(request);
            int attempt;
            lock (_gate)
            {
                attempt = Seen[operation] = Seen.GetValueOrDefault(operation) + 1;
                if (form is not null) Forms.Add((operation, form));
            }
            if (Rule?.Invoke(operation, attempt) is { } fault) return fault;
            var response = await base.SendAsync(request, ct);
            if (LoseAnswer?.Invoke(operation, attempt) == true)
            {
                response.Dispose();
                throw new HttpRequestException("injected: the connection dropped before the answer came", new IOException("Connection reset by peer"));
            }
            return response;
        }

        /// <summary>EC2 and SNS name it in the form body (Action=…), SQS in X-Amz-Target; S3 by method.</summary>
        private static async Task<(string Operation, string? Form)> OperationAsync(HttpRequestMessage request)
        {
            if (request.Headers.TryGetValues("X-Amz-Target", out var target)) return (target.Single().Split('.').Last(), null);
            if (request.Content?.Headers.ContentType?.MediaType == "application/x-www-form-urlencoded")
            {
                var body = await request.Content.ReadAsStringAsync();
                var action = body.Split('&').FirstOrDefault(p => p.StartsWith("Action=", StringComparison.Ordinal));
                if (action is not null) return (action["Action=".Length..], body);
            }
            return ("S3 " + request.Method.Method, null);
        }
    }

    internal static HttpResponseMessage Ec2Error(HttpStatusCode status, string code) => new(status)
    {
        Content = new StringContent($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>{code}</Code><Message>injected</Message></Error></Errors><RequestID>fault</RequestID></Response>",
            Encoding.UTF8, "text/xml"),
    };

    private static HttpResponseMessage S3Error(HttpStatusCode status, string code) => new(status)
    {
        Content = new StringContent($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>injected</Message><RequestId>fault</RequestId></Error>", Encoding.UTF8, "application/xml"),
    };

    private static HttpResponseMessage Reset() => throw new HttpRequestException("injected: connection reset by peer", new IOException("Connection reset by peer"));

    private sealed record Stack(string Bucket, string TopicArn, string QueueUrl);

    private AwsClients Clients(Faults? faults = null) =>
        new(new AwsEnvironment(new DictionaryEnvironment(moto.AwsEnvironment)), faults is null ? null : () => faults);

    private async Task<Stack> CreateAsync()
    {
        var clients = Clients();
        var name = "faults-" + Guid.NewGuid().ToString("N")[..8];
        using var s3 = clients.S3();
        await s3.PutBucketAsync(name);
        await s3.PutBucketVersioningAsync(new PutBucketVersioningRequest { BucketName = name, VersioningConfig = new S3BucketVersioningConfig { Status = Amazon.S3.VersionStatus.Enabled } });
        var topic = await Commands.Aws(moto.Endpoint, "sns", "create-topic", "--name", name);
        using var sqs = clients.Sqs();
        var queue = await sqs.CreateQueueAsync(name);
        return new Stack(name, JsonDocument.Parse(topic.Stdout).RootElement.GetProperty("TopicArn").GetString()!, queue.QueueUrl);
    }

    private async Task<string> LaunchAsync()
    {
        using var ec2 = Clients().Ec2();
        var run = await ec2.RunInstancesAsync(new RunInstancesRequest { ImageId = "ami-12c6146b", InstanceType = "t3.micro", MinCount = 1, MaxCount = 1 });
        return run.Reservation.Instances.Single().InstanceId;
    }

    private Steward.GuardDutyResponder.Function Responder(Stack stack, Faults faults, StringWriter log)
    {
        var clients = Clients(faults);
        var structured = new StructuredLog(log, TimeProvider.System, "GuardDutyResponder");
        return new Steward.GuardDutyResponder.Function(new IncidentResponder(new Ec2Containment(clients.Ec2()), new S3EvidenceStore(clients.S3(), stack.Bucket),
            new SnsAlertPublisher(clients.Signed(AwsService.Sns), stack.TopicArn), new SqsFailedEventStore(clients.Sqs(), stack.QueueUrl),
            new ResponsePolicy("123456789012", "us-east-1", false, ResponsePolicy.DefaultLevels), TimeProvider.System, structured), structured);
    }

    private static async Task<JsonElement> Handle(Steward.GuardDutyResponder.Function function, byte[] finding)
    {
        await using var answer = await function.Handle(new MemoryStream(finding));
        return (await JsonDocument.ParseAsync(answer)).RootElement;
    }

    private async Task<Instance> InstanceAsync(string id)
    {
        using var ec2 = Clients().Ec2();
        return (await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [id] })).Reservations.Single().Instances.Single();
    }

    [Fact]
    public async Task Throttling_500s_and_a_reset_connection_are_retried_and_the_finding_is_handled_in_full()
    {
        var stack = await CreateAsync();
        var id = await LaunchAsync();
        var faults = new Faults
        {
            Rule = (operation, attempt) => (operation, attempt) switch
            {
                ("CreateSnapshot", 1) => Ec2Error(HttpStatusCode.ServiceUnavailable, "RequestLimitExceeded"),
                ("StopInstances", 1) => Ec2Error(HttpStatusCode.InternalServerError, "InternalError"),
                ("ModifyNetworkInterfaceAttribute", 1) => Reset(),
                ("S3 PUT", 1) => S3Error(HttpStatusCode.ServiceUnavailable, "SlowDown"),
                ("Publish", 1) => Ec2Error(HttpStatusCode.InternalServerError, "InternalError"),
                _ => null,
            },
        };
        var answer = await Handle(Responder(stack, faults, new CheckedLogWriter()), Findings.Bytes(Findings.About(Findings.CryptoMining, id, 8)));

        Assert.Equal("done", answer.GetProperty("status").GetString());
        Assert.DoesNotContain("failed", answer.GetProperty("summary").GetProperty("steps").GetString());
        foreach (var retried in new[] { "CreateSnapshot", "StopInstances", "ModifyNetworkInterfaceAttribute", "Publish" })
            Assert.True(faults.Seen.GetValueOrDefault(retried) >= 2, $"{retried} was not retried ({faults.Seen.GetValueOrDefault(retried)})");
        var instance = await InstanceAsync(id);
        Assert.Equal("stopped", instance.State.Name.Value);
        Assert.Contains(instance.Tags, t => t.Key == ContainmentPlanner.QuarantineTag);
    }

    [Fact]
    public async Task A_containment_cut_off_halfway_fails_loudly_records_what_was_done_and_its_retry_does_only_the_rest()
    {
        var stack = await CreateAsync();
        var id = await LaunchAsync();
        var finding = Findings.Bytes(Findings.About(Findings.CryptoMining, id, 8));
        // The network goes for good once the interfaces are to be moved: evidence is taken, the instance is not yet isolated.
        var faults = new Faults { Rule = (operation, _) => operation == "ModifyNetworkInterfaceAttribute" ? Reset() : null };
        var log = new CheckedLogWriter();
        var failed = await Assert.ThrowsAsync<ContainmentFailed>(() => Handle(Responder(stack, faults, log), finding));
        Assert.Contains("Isolate failed", failed.Message);
        Assert.Contains("\"containment failed; the invocation fails so Lambda retries\"", log.ToString());

        var instance = await InstanceAsync(id);
        Assert.Equal("running", instance.State.Name.Value); // never stopped before it was isolated
        var progress = instance.Tags.Single(t => t.Key.StartsWith("steward:finding:", StringComparison.Ordinal)).Value;
        Assert.Equal("RecordEvidence+SnapshotVolumes+Protect+Quarantine", progress);
        Assert.True(faults.Seen["ModifyNetworkInterfaceAttribute"] >= 2, "the reset was retried before giving up");

        // Lambda's retry, the network back: only isolation, stop and the notice are left to do.
        var retryFaults = new Faults();
        var answer = await Handle(Responder(stack, retryFaults, new CheckedLogWriter()), finding);
        Assert.Equal("done", answer.GetProperty("status").GetString());
        Assert.Equal("Isolate:done,Stop:done", answer.GetProperty("summary").GetProperty("steps").GetString());
        Assert.False(retryFaults.Seen.ContainsKey("CreateSnapshot"), "evidence was not taken twice");
        Assert.Equal("stopped", (await InstanceAsync(id)).State.Name.Value);
        Assert.Equal(1, retryFaults.Seen.GetValueOrDefault("Publish"));
    }

    [Fact]
    public async Task When_evidence_cannot_be_written_at_all_the_instance_is_still_contained_people_are_told_and_the_invocation_fails()
    {
        var stack = await CreateAsync();
        var id = await LaunchAsync();
        var faults = new Faults { Rule = (operation, _) => operation == "S3 PUT" ? S3Error(HttpStatusCode.InternalServerError, "InternalError") : null };
        var log = new CheckedLogWriter();
        // The alert goes out, then the notice that it went cannot be kept: the invocation fails, so Lambda tries again.
        var failed = await Assert.ThrowsAsync<DependencyFailed>(() => Handle(Responder(stack, faults, log), Findings.Bytes(Findings.About(Findings.CryptoMining, id, 8))));
        Assert.Contains("notice.json", failed.Message);

        Assert.Equal("stopped", (await InstanceAsync(id)).State.Name.Value);
        Assert.Equal(1, faults.Seen.GetValueOrDefault("Publish"));
        Assert.Contains("\"step failed; the response goes on\",\"step\":\"RecordEvidence\"", log.ToString());
        Assert.Contains("\"evidence record not written\"", log.ToString());
    }
}

/// <summary>
/// Bad input against moto: the GuardDuty responder, with its real adapters, fed real findings mangled at random about an
/// instance launched for each case. Whatever it refuses or ignores leaves AWS as it was (the instance running and
/// untagged, no snapshot, no evidence object), and a finding it cannot read is kept on the failed-events queue, never lost.
/// </summary>
public class MangledFindingsAgainstMotoTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    private const string Placeholder = "i-00000000000000000"; // an instance id's length: replaced by each case's own

    [Fact]
    public async Task A_mangled_finding_that_is_refused_or_ignored_leaves_AWS_as_it_was_and_an_unreadable_one_is_kept()
    {
        var clients = new AwsClients(new AwsEnvironment(new DictionaryEnvironment(moto.AwsEnvironment)));
        using var ec2 = clients.Ec2();
        using var s3 = clients.S3();
        using var sqs = clients.Sqs();
        var name = "mangled-" + Guid.NewGuid().ToString("N")[..8];
        await s3.PutBucketAsync(name);
        var topic = JsonDocument.Parse((await Commands.Aws(moto.Endpoint, "sns", "create-topic", "--name", name)).Stdout).RootElement.GetProperty("TopicArn").GetString()!;
        var queue = (await sqs.CreateQueueAsync(name)).QueueUrl;
        var log = new CheckedLogWriter();
        var structured = new StructuredLog(log, TimeProvider.System, "GuardDutyResponder");
        var function = new Steward.GuardDutyResponder.Function(new IncidentResponder(new Ec2Containment(ec2), new S3EvidenceStore(s3, name),
            new SnsAlertPublisher(clients.Signed(AwsService.Sns), topic), new SqsFailedEventStore(sqs, queue),
            new ResponsePolicy("123456789012", "us-east-1", false, ResponsePolicy.DefaultLevels), TimeProvider.System, structured), structured);

        async Task<int> Objects() => (await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = name })).S3Objects?.Count ?? 0;
        async Task<int> Kept() => int.Parse((await sqs.GetQueueAttributesAsync(queue, ["ApproximateNumberOfMessages"])).Attributes["ApproximateNumberOfMessages"]);

        var finding = Findings.About(Findings.CryptoMining, Placeholder, severity: 8).ToJsonString();
        var outcomes = new List<string>();
        FsCheck.Fluent.Prop.ForAll(Mangling.Mangled(finding).ToArbitrary(), input =>
        {
            var (ok, outcome) = CheckAsync(input).GetAwaiter().GetResult();
            outcomes.Add(outcome);
            return ok;
        }).Check(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(25).WithQuietOnSuccess(true));
        Assert.Contains(outcomes, o => o.StartsWith("rejected", StringComparison.Ordinal));

        async Task<(bool, string)> CheckAsync(byte[] mangled)
        {
            var id = (await ec2.RunInstancesAsync(new RunInstancesRequest { ImageId = "ami-12c6146b", InstanceType = "t3.micro", MinCount = 1, MaxCount = 1 })).Reservation.Instances.Single().InstanceId;
            var input = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(mangled).Replace(Placeholder, id));
            var (objectsBefore, keptBefore) = (await Objects(), await Kept());
            JsonElement answer;
            try
            {
                await using var output = await function.Handle(new MemoryStream(input));
                answer = (await JsonDocument.ParseAsync(output)).RootElement.Clone();
            }
            catch (ContainmentFailed e) { return (false, $"threw {e.Message}"); }
            var status = answer.GetProperty("status").GetString()!;
            if (status == "done") return (true, status);
            var instance = (await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [id] })).Reservations.Single().Instances.Single();
            var volume = instance.BlockDeviceMappings.Single().Ebs.VolumeId;
            var snapshots = (await ec2.DescribeSnapshotsAsync(new DescribeSnapshotsRequest { Filters = [new Amazon.EC2.Model.Filter("volume-id", [volume])] })).Snapshots ?? [];
            var kept = answer.TryGetProperty("summary", out var summary) && summary.TryGetProperty("keptAt", out _);
            var untouched = instance.State.Name.Value == "running" && !(instance.Tags ?? []).Any(t => t.Key.StartsWith("steward:", StringComparison.Ordinal))
                            && snapshots.Count == 0 && await Objects() == objectsBefore && await Kept() == keptBefore + (kept ? 1 : 0);
            return (untouched, $"{status}{(kept ? " and kept" : "")}: {(untouched ? "nothing changed" : "AWS CHANGED")}");
        }
    }
}

/// <summary>
/// A server build under faults, with the real adapters against moto: EC2 throttling the launch (retried: one server), and
/// the launch carried out but its answer lost. Then the SDK sends the launch again with the same client token, the request
/// number, on which EC2 makes RunInstances idempotent (one reservation per token); moto 5.2 keeps the token but does not
/// dedupe on it, so that case checks the token, not the count.
/// </summary>
public class BuildUnderFaultsTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    private async Task<(Steward.InstanceRequests.Function Function, Amazon.EC2.IAmazonEC2 Ec2)> BuildAsync(FaultInjectionTests.Faults faults)
    {
        var plain = new AwsClients(new AwsEnvironment(new DictionaryEnvironment(moto.AwsEnvironment)));
        var table = "idem-" + Guid.NewGuid().ToString("N")[..8];
        using (var dynamo = plain.DynamoDb())
            await dynamo.CreateTableAsync(new Amazon.DynamoDBv2.Model.CreateTableRequest
            {
                TableName = table, BillingMode = Amazon.DynamoDBv2.BillingMode.PAY_PER_REQUEST,
                AttributeDefinitions = [new Amazon.DynamoDBv2.Model.AttributeDefinition("id", Amazon.DynamoDBv2.ScalarAttributeType.S)],
                KeySchema = [new Amazon.DynamoDBv2.Model.KeySchemaElement("id", Amazon.DynamoDBv2.KeyType.HASH)],
            });
        var topic = JsonDocument.Parse((await Commands.Aws(moto.Endpoint, "sns", "create-topic", "--name", table)).Stdout).RootElement.GetProperty("TopicArn").GetString()!;
        var clients = new AwsClients(new AwsEnvironment(new DictionaryEnvironment(moto.AwsEnvironment)), () => faults);
        var ec2 = clients.Ec2();
        var lifecycle = new Steward.Core.Instances.InstanceLifecycle(new Steward.Aws.Instances.SsmImageCatalog(clients.Ssm(), ec2),
            new Steward.Aws.Instances.Ec2InstanceFleet(ec2, new Steward.Aws.Instances.Ec2LaunchSettings(null, [])),
            new Steward.Aws.Instances.DynamoDbIdempotencyStore(clients.DynamoDb(), table, TimeSpan.FromDays(1), TimeSpan.FromMinutes(2)),
            new SnsNotifier(clients.Signed(AwsService.Sns), topic), Steward.Core.Instances.PriceTable.Load("us-east-1"),
            new Steward.Core.Instances.InstanceRequestsOptions(1000m, new Steward.Core.Instances.RequestDefaults("unallocated", "unassigned", "unassigned", "unspecified", 90)),
            TimeProvider.System);
        return (new Steward.InstanceRequests.Function(lifecycle, new OneKey(), new StructuredLog(new CheckedLogWriter(), TimeProvider.System, "InstanceRequests")), plain.Ec2());
    }

    private static byte[] Build(string number) => Encoding.UTF8.GetBytes(new System.Text.Json.Nodes.JsonObject
    {
        ["resource"] = "/instances", ["path"] = "/instances", ["httpMethod"] = "POST",
        ["headers"] = new System.Text.Json.Nodes.JsonObject { ["Authorization"] = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("servicenow:" + OneKey.Key)) },
        ["requestContext"] = new System.Text.Json.Nodes.JsonObject { ["identity"] = new System.Text.Json.Nodes.JsonObject { ["sourceIp"] = "198.51.100.7" } },
        ["body"] = $$"""{"os":"al2023","inst_size":"small","request_number":"{{number}}"}""",
    }.ToJsonString());

    [Theory]
    [InlineData("throttled")]
    [InlineData("answer lost")]
    public async Task A_launch_throttled_or_whose_answer_is_lost_is_retried_with_the_request_number_as_its_client_token(string fault)
    {
        var faults = new FaultInjectionTests.Faults();
        if (fault == "throttled") faults.Rule = (operation, attempt) => operation == "RunInstances" && attempt == 1 ? FaultInjectionTests.Ec2Error(HttpStatusCode.ServiceUnavailable, "RequestLimitExceeded") : null;
        else faults.LoseAnswer = (operation, attempt) => operation == "RunInstances" && attempt == 1;
        var (function, ec2) = await BuildAsync(faults);
        var number = "RITM" + Random.Shared.Next(1_000_000, 9_999_999);

        await using var output = await function.Handle(new MemoryStream(Build(number)));
        var answer = (await JsonDocument.ParseAsync(output)).RootElement;
        Assert.Equal(202, answer.GetProperty("statusCode").GetInt32());
        var launches = faults.Forms.Where(f => f.Operation == "RunInstances").Select(f => f.Body).ToList();
        Assert.True(launches.Count >= 2, "the launch was retried");
        Assert.All(launches, body => Assert.Contains($"ClientToken={number}", body));
        if (fault == "throttled")
        {
            var servers = (await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { Filters = [new Amazon.EC2.Model.Filter("tag:ServiceNowRequest", [number])] }))
                .Reservations.SelectMany(r => r.Instances).ToList();
            Assert.Single(servers);
        }
    }

    private sealed class OneKey : IApiKeyStore
    {
        public const string Key = "fault-test-key-7f3a9c";
        static OneKey() => LogLines.Secret(Key);
        public Task<IReadOnlyList<ApiCredential>> GetAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<ApiCredential>>([new ApiCredential("servicenow", Key)]);
    }
}

