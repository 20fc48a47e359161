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
    [InlineData("""{"source":"aws.guardduty","detail-type":"GuardDuty Finding"}""", "has no detail")]
    [InlineData("""{"source":"aws.guardduty","detail-type":"GuardDuty Finding","detail":{"severity":"high"}}""", "expected a number")]
    public async Task The_responder_rejects_malformed_or_foreign_events_with_a_logged_reason(string input, string reason)
    {
        var outcome = await Call(new GuardDutyResponder.Function(new Incidents.Bench().Responder, Log("GuardDutyResponder")).Handle, input);
        Assert.Equal("rejected", outcome.GetProperty("status").GetString());
        Assert.Contains(reason, outcome.GetProperty("reason").GetString());
        var line = Assert.Single(LogLines());
        Assert.Equal("WARN", line.GetProperty("level").GetString());
        Assert.Contains(reason, line.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task The_cost_function_takes_a_scheduled_event_and_rejects_a_finding()
    {
        var function = new CostSnapshots.Function(Log("CostSnapshots"));
        Assert.Equal("done", (await Call(function.Handle, Fixtures.Text("eventbridge/scheduled-event.cloud-custodian.json"))).GetProperty("status").GetString());
        var rejected = await Call(function.Handle, Fixtures.Text("guardduty/eb-backdoor-ec2-cc-activity-b-dns.cloud-custodian.json"));
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_storage_hook_counts_changes_and_acknowledges_the_test_event()
    {
        var function = new StorageHooks.Function(Log("StorageHooks"));
        var outcome = await Call(function.Handle, Fixtures.Text("s3/s3-put-records.aws-lambda-dotnet.json"));
        Assert.Equal("2", outcome.GetProperty("summary").GetProperty("changes").GetString());
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
