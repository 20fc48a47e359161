using System.Text;
using System.Text.Json;
using Steward.Core.Observability;
using Steward.Testing;

namespace Steward.Tests;

/// <summary>The four handlers, called as Lambda calls them (a stream in, a stream out), with their log captured.</summary>
public class FunctionEntryPointTests
{
    private readonly StringWriter _log = new CheckedLogWriter();
    private StructuredLog Log(string function) => new(_log, TimeProvider.System, function);

    private static async Task<JsonElement> Call(Func<Stream, Task<Stream>> handle, string input)
    {
        await using var output = await handle(new MemoryStream(Encoding.UTF8.GetBytes(input)));
        return (await JsonDocument.ParseAsync(output)).RootElement.Clone();
    }

    private List<JsonElement> LogLines() =>
        _log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    [Fact]
    public async Task The_responder_reads_a_real_finding_and_logs_what_it_received()
    {
        var function = new GuardDutyResponder.Function(new Incidents.Bench().Responder, Log("GuardDutyResponder"));
        var outcome = await Call(function.Handle, Fixtures.Text("guardduty/eb-backdoor-ec2-cc-activity-b-dns.cloud-custodian.json"));
        Assert.Equal("done", outcome.GetProperty("status").GetString());
        // The fixture's finding is for account 883606788610, not this responder's: people are told, nothing is touched.
        Assert.Equal("Notify", outcome.GetProperty("summary").GetProperty("level").GetString());
        var line = Assert.Single(LogLines(), l => l.TryGetProperty("message", out var m) && m.GetString() == "finding received");
        Assert.Equal("Backdoor:EC2/C&CActivity.B!DNS", line.GetProperty("findingType").GetString());
        Assert.Equal(5, line.GetProperty("severity").GetDouble());
    }

    [Theory]
    [InlineData("not json at all", "the event is not JSON")]
    [InlineData("""{"source":"aws.events","detail-type":"Scheduled Event","detail":{}}""", "source is 'aws.events'")]
    [InlineData("""[{"source":"aws.guardduty"}]""", "the event is an array of 1, where an object is expected")]
    public async Task The_responder_rejects_a_foreign_event_with_a_logged_reason_and_touches_nothing(string input, string reason)
    {
        var bench = new Incidents.Bench();
        var outcome = await Call(new GuardDutyResponder.Function(bench.Responder, Log("GuardDutyResponder")).Handle, input);
        Assert.Equal("rejected", outcome.GetProperty("status").GetString());
        Assert.Contains(reason, outcome.GetProperty("reason").GetString());
        var line = Assert.Single(LogLines());
        Assert.Equal("WARN", line.GetProperty("level").GetString());
        Assert.Contains(reason, line.GetProperty("reason").GetString());
        Assert.Empty(bench.Ec2.Calls);
    }

    [Fact]
    public async Task A_foreign_event_s_rejection_names_its_source_and_detail_type_in_the_log()
    {
        await Call(new GuardDutyResponder.Function(new Incidents.Bench().Responder, Log("GuardDutyResponder")).Handle,
            """{"id":"e-9","source":"aws.events","detail-type":"Scheduled Event","detail":{}}""");
        var line = Assert.Single(LogLines());
        Assert.Equal(("e-9", "aws.events", "Scheduled Event"), (line.GetProperty("eventId").GetString(), line.GetProperty("source").GetString(), line.GetProperty("detailType").GetString()));
    }

    /// <summary>GuardDuty events the responder cannot act on because they cannot be read: each one kept and told, none lost.</summary>
    [Theory]
    [InlineData("""{"id":"ev-1","source":"aws.guardduty","detail-type":"GuardDuty Finding","detail":{"id":"f-1","type":"Backdoor:EC2/C&CActivity.B","severity":"high","resource":{"resourceType":"Instance","instanceDetails":{"instanceId":"i-0bad"}}}}""",
        "detail.severity is the string \"high\", where a number", "f-1", "i-0bad")]
    [InlineData("""{"id":"ev-1","source":"aws.guardduty","detail-type":"GuardDuty Finding"}""", "has no detail", null, null)]
    [InlineData("""{"id":"ev-1","source":"aws.guardduty","detail-type":"GuardDuty Finding","detail":{"type":"Recon:EC2/PortProbeUnprotectedPort","resource":{"instanceDetails":{"instanceId":"i-0bad"}}}}""",
        "the finding has no id", null, "i-0bad")]
    [InlineData("""{"id":"ev-1","source":"aws.guardduty","detail-type":"GuardDuty Finding","detail":"not an object"}""", "detail is the string", null, null)]
    [InlineData("""{"id":"ev-1","source":"aws.guardduty","detail-type":"GuardDuty Finding","detail":{"id":"../../reports/x\u000f","type":"Recon:EC2/PortProbeUnprotectedPort","severity":5,"resource":{"resourceType":"Instance","instanceDetails":{"instanceId":"i-0bad"}}}}""",
        "is not a GuardDuty finding id", null, "i-0bad")]
    [InlineData("""{"id":"ev-1","source":"aws.guardduty","detail-type":"GuardDuty Finding","detail":{"id":"f-1","type":"Recon:EC2/Port\u0000Probe","severity":5,"resource":{"resourceType":"Instance","instanceDetails":{"instanceId":"i-0bad"}}}}""",
        "is not a GuardDuty finding type", "f-1", "i-0bad")]
    public async Task An_unreadable_finding_is_kept_and_people_are_told_naming_what_can_be_read(string input, string reason, string? findingId, string? instanceId)
    {
        var bench = new Incidents.Bench();
        var outcome = await Call(new GuardDutyResponder.Function(bench.Responder, Log("GuardDutyResponder")).Handle, input);

        Assert.Equal("rejected", outcome.GetProperty("status").GetString());
        Assert.Contains(reason, outcome.GetProperty("reason").GetString());
        Assert.DoesNotContain("`", outcome.GetProperty("reason").GetString());
        Assert.DoesNotContain("Steward.Core", outcome.GetProperty("reason").GetString());

        var kept = Assert.Single(bench.FailedEvents.Kept);
        Assert.Equal(input, kept.Body);
        Assert.Contains(reason, kept.Reason);
        Assert.True(bench.Ec2.Calls.IndexOf("keep") < bench.Ec2.Calls.IndexOf("publish"), "kept before people are told");

        var alert = Assert.Single(bench.Alerts.Sent);
        Assert.Contains("ev-1", alert.Email);
        Assert.Contains(reason, alert.Email);
        Assert.Contains("failed-events (message 1)", alert.Email);
        if (findingId is not null) Assert.Contains($"Finding id: {findingId}", alert.Email);
        if (instanceId is not null) Assert.Contains(instanceId, alert.Sms);
        Assert.InRange(Encoding.UTF8.GetByteCount(alert.Sms), 1, 140);
        Assert.DoesNotContain(bench.Ec2.Calls, c => c.StartsWith("describe") || c.StartsWith("stop") || c.StartsWith("tag"));

        var error = Assert.Single(bench.Log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Steward.Testing.LogLines.Parse), l => l.GetProperty("level").GetString() == "ERROR");
        Assert.Equal("ev-1", error.GetProperty("eventId").GetString());
    }

    [Fact]
    public async Task An_unreadable_finding_that_cannot_be_kept_fails_the_invocation_so_Lambda_retries_it()
    {
        var bench = new Incidents.Bench();
        bench.FailedEvents.Fail = true;
        var function = new GuardDutyResponder.Function(bench.Responder, Log("GuardDutyResponder"));
        await Assert.ThrowsAsync<Steward.Core.Ports.DependencyFailed>(() => Call(function.Handle,
            """{"id":"ev-1","source":"aws.guardduty","detail-type":"GuardDuty Finding","detail":{"severity":"high"}}"""));
        Assert.Empty(bench.Alerts.Sent);
    }

    [Fact]
    public async Task The_cost_function_takes_a_scheduled_event_and_rejects_a_finding()
    {
        var bench = new Costs.CostBench(Costs.Bills.Daily(new DateOnly(2026, 3, 2), Costs.Bills.Flat));
        var function = new CostSnapshots.Function(bench.Snapshotter, Log("CostSnapshots"));
        Assert.Equal("done", (await Call(function.Handle, Fixtures.Text("eventbridge/scheduled-event.cloud-custodian.json"))).GetProperty("status").GetString());
        var rejected = await Call(function.Handle, Fixtures.Text("guardduty/eb-backdoor-ec2-cc-activity-b-dns.cloud-custodian.json"));
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_storage_hook_counts_changes_and_acknowledges_the_test_event()
    {
        // The fixture's objects: one JPEG in the bucket, the other deleted before its event arrives.
        var store = new Storage.FakeObjectStore();
        store.Put("HappyFace.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]);
        var log = Log("StorageHooks");
        var function = new StorageHooks.Function(new Steward.Core.Storage.StorageHook(store, new Storage.FakeLedger(), Steward.Core.Storage.StorageSettings.Default, TimeProvider.System, log), log);
        var outcome = await Call(function.Handle, Fixtures.Text("s3/s3-put-records.aws-lambda-dotnet.json"));
        Assert.Equal(("2", "1", "1"), (outcome.GetProperty("summary").GetProperty("changes").GetString(), outcome.GetProperty("summary").GetProperty("classified").GetString(),
            outcome.GetProperty("summary").GetProperty("gone").GetString()));
        Assert.Equal("image", store.Tags["HappyFace.jpg"]["steward:content"]);
        Assert.Contains(LogLines(), l => l.GetProperty("key").GetString() == "New File.jpg");
        var test = await Call(function.Handle, """{"Service":"Amazon S3","Event":"s3:TestEvent","Bucket":"b"}""");
        Assert.Equal("ignored", test.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_API_function_rejects_an_event_that_is_neither_a_request_nor_a_schedule()
    {
        var desk = new Instances.Desk();
        var function = new InstanceRequests.Function(desk.Lifecycle, new Instances.StaticKeys(), Log("InstanceRequests"));
        var outcome = await Call(function.Handle, Fixtures.Text("apigateway/http-v2-request.aws-lambda-dotnet.json"));
        Assert.Equal("rejected", outcome.GetProperty("status").GetString());
        Assert.Empty(desk.Fleet.Launches);
    }
}
