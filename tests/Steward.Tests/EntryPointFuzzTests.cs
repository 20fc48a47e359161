using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Steward.Core.Observability;
using Steward.Testing;

namespace Steward.Tests;

/// <summary>
/// Bad input, everywhere: each function's entry point, called as Lambda calls it, with real events mangled at random
/// (truncated, a value replaced by another type, a huge string or a long array, a field removed or added, invalid UTF-8,
/// another function's event). For each: no exception escapes, the answer says what happened in JSON, and an event that is
/// refused changes nothing (no instance, tag, alert or ledger entry).
/// </summary>
public class EntryPointFuzzTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(200).WithQuietOnSuccess(true);

    private static JsonElement Answer(Func<Stream, Task<Stream>> handle, byte[] input)
    {
        using var output = handle(new MemoryStream(input)).GetAwaiter().GetResult();
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private static string Status(JsonElement answer) => answer.TryGetProperty("status", out var s) ? s.GetString() ?? "" : "";

    private static readonly string[] InstanceChanges = ["snapshot", "protect", "tag", "untag", "set-groups", "stop", "isolation-group"];

    [Fact]
    public void A_mangled_finding_of_another_account_never_changes_an_instance() =>
        Prop.ForAll(Mangling.Mangled(Findings.Event("guardduty/eb-backdoor-ec2-cc-activity-b-dns.cloud-custodian.json").ToJsonString()).ToArbitrary(), input =>
        {
            var bench = new Incidents.Bench();
            var answer = Answer(new GuardDutyResponder.Function(bench.Responder, new StructuredLog(bench.Log, bench.Clock, "GuardDutyResponder")).Handle, input);
            return Status(answer) is "done" or "ignored" or "rejected"
                   && !bench.Ec2.Calls.Any(c => InstanceChanges.Any(change => c.StartsWith(change + " ", StringComparison.Ordinal)));
        }).Check(Runs);

    [Fact]
    public void A_mangled_finding_of_this_account_is_handled_or_refused_and_a_refusal_touches_nothing()
    {
        var finding = Findings.About(Findings.CryptoMining, "i-0abc", severity: 8).ToJsonString();
        Prop.ForAll(Mangling.Mangled(finding).ToArbitrary(), input =>
        {
            var bench = new Incidents.Bench();
            bench.Ec2.Add(Incidents.FakeContainment.Instance());
            var answer = Answer(new GuardDutyResponder.Function(bench.Responder, new StructuredLog(bench.Log, bench.Clock, "GuardDutyResponder")).Handle, input);
            var status = Status(answer);
            return status is "done" or "ignored" || (status == "rejected" && bench.Ec2.Calls.All(c => !InstanceChanges.Any(change => c.StartsWith(change + " ", StringComparison.Ordinal))));
        }).Check(Runs);
    }

    [Theory]
    [InlineData("apigateway/rest-v1-put-withbody.aws-lambda-dotnet.json")]
    [InlineData("apigateway/rest-v1-proxy-event.aws-lambda-dotnet.json")]
    public void A_mangled_API_request_is_never_a_server_error_and_a_refused_one_builds_nothing(string fixture) =>
        Prop.ForAll(Mangling.Mangled(Fixtures.Text(fixture)).ToArbitrary(), input =>
        {
            var desk = new Instances.Desk();
            var answer = Answer(new InstanceRequests.Function(desk.Lifecycle, new Instances.StaticKeys(), new StructuredLog(new CheckedLogWriter(), desk.Clock, "InstanceRequests")).Handle, input);
            // An API answer has a status code; anything else the function answers is its own rejection.
            if (answer.TryGetProperty("statusCode", out var code))
                return code.GetInt32() < 500 && (code.GetInt32() is >= 200 and < 300 || desk.Fleet.Launches.Count == 0);
            return Status(answer) == "rejected" && desk.Fleet.Launches.Count == 0;
        }).Check(Runs);

    [Theory]
    [InlineData("s3/s3-put-records.aws-lambda-dotnet.json")]
    [InlineData("s3/eventbridge-s3-object-created.aws-lambda-dotnet.json")]
    [InlineData("s3/minio-event-nats-subscriber-output.minio-docs.json")]
    public void A_mangled_storage_event_is_answered_and_a_refused_one_tags_and_accounts_nothing(string fixture) =>
        Prop.ForAll(Mangling.Mangled(Fixtures.Text(fixture)).ToArbitrary(), input =>
        {
            var store = new Storage.FakeObjectStore();
            store.Put("HappyFace.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]);
            var ledger = new Storage.FakeLedger();
            var log = new StructuredLog(new CheckedLogWriter(), TimeProvider.System, "StorageHooks");
            var answer = Answer(new StorageHooks.Function(new Steward.Core.Storage.StorageHook(store, ledger, Steward.Core.Storage.StorageSettings.Default, TimeProvider.System, log), log).Handle, input);
            var status = Status(answer);
            return status is "done" or "ignored" || (status == "rejected" && store.TagWrites == 0 && ledger.Keys.Count == 0);
        }).Check(Runs);

    // What the properties found, kept as plain cases.

    [Fact]
    public void Invalid_UTF_8_is_refused_in_words_before_anything_is_read()
    {
        var bytes = Encoding.UTF8.GetBytes(Fixtures.Text("s3/s3-put-records.aws-lambda-dotnet.json"));
        var broken = bytes[..40].Concat(new byte[] { 0xC3, 0x28 }).Concat(bytes[40..]).ToArray();
        var store = new Storage.FakeObjectStore();
        var log = new StructuredLog(new CheckedLogWriter(), TimeProvider.System, "StorageHooks");
        var answer = Answer(new StorageHooks.Function(new Steward.Core.Storage.StorageHook(store, new Storage.FakeLedger(), Steward.Core.Storage.StorageSettings.Default, TimeProvider.System, log), log).Handle, broken);
        Assert.Equal("rejected", Status(answer));
        Assert.Contains("the event is not valid UTF-8 (the first invalid sequence starts at byte 41)", answer.GetProperty("reason").GetString());
    }

    [Fact]
    public void A_time_beyond_the_calendar_reads_as_no_time_and_the_finding_is_still_handled()
    {
        var finding = Findings.Event("guardduty/eb-backdoor-ec2-cc-activity-b-dns.cloud-custodian.json");
        finding["detail"]!["createdAt"] = long.MaxValue;
        var bench = new Incidents.Bench();
        var answer = Answer(new GuardDutyResponder.Function(bench.Responder, new StructuredLog(bench.Log, bench.Clock, "GuardDutyResponder")).Handle, Encoding.UTF8.GetBytes(finding.ToJsonString()));
        Assert.Equal("done", Status(answer));
    }

    [Fact]
    public void A_null_record_is_refused_naming_it()
    {
        var store = new Storage.FakeObjectStore();
        var log = new StructuredLog(new CheckedLogWriter(), TimeProvider.System, "StorageHooks");
        var answer = Answer(new StorageHooks.Function(new Steward.Core.Storage.StorageHook(store, new Storage.FakeLedger(), Steward.Core.Storage.StorageSettings.Default, TimeProvider.System, log), log).Handle,
            Encoding.UTF8.GetBytes("""{"Records":[null]}"""));
        Assert.Equal("rejected", Status(answer));
        Assert.Contains("Records[0] is null", answer.GetProperty("reason").GetString());
    }

    private const string Finding = "guardduty/eb-real-cryptocurrency-ec2-bitcointool-b-dns.MASKED-TIMES.jbarreto7991.json";
    private const string ObjectEvent = "s3/s3-put-records.aws-lambda-dotnet.json";
    private const string ApiRequest = "apigateway/rest-v1-proxy-event.aws-lambda-dotnet.json";
    private const string Schedule = "eventbridge/scheduled-event.aws-lambda-dotnet.json";

    /// <summary>
    /// Every function given the real events of the others (a wiring mistake, or an event sent by hand to the wrong one) says
    /// it is not its event and does nothing. A schedule is an event of three of them (the lease sweep, the report, the
    /// reconciliation), so only the responder is given one; an API request is the storage hooks' own (the MinIO webhook route).
    /// </summary>
    [Theory]
    [InlineData("GuardDutyResponder", ObjectEvent)]
    [InlineData("GuardDutyResponder", ApiRequest)]
    [InlineData("GuardDutyResponder", Schedule)]
    [InlineData("InstanceRequests", Finding)]
    [InlineData("InstanceRequests", ObjectEvent)]
    [InlineData("CostSnapshots", Finding)]
    [InlineData("CostSnapshots", ObjectEvent)]
    [InlineData("CostSnapshots", ApiRequest)]
    [InlineData("StorageHooks", Finding)]
    public void An_event_meant_for_another_function_is_refused_and_changes_nothing(string function, string fixture)
    {
        var input = Encoding.UTF8.GetBytes(Fixtures.Text(fixture));
        var log = new CheckedLogWriter();
        switch (function)
        {
            case "GuardDutyResponder":
                var bench = new Incidents.Bench();
                Assert.Equal("rejected", Status(Answer(new GuardDutyResponder.Function(bench.Responder, new StructuredLog(bench.Log, bench.Clock, function)).Handle, input)));
                Assert.Empty(bench.Ec2.Calls);
                Assert.Empty(bench.Alerts.Sent);
                break;
            case "InstanceRequests":
                var desk = new Instances.Desk();
                Assert.Equal("rejected", Status(Answer(new InstanceRequests.Function(desk.Lifecycle, new Instances.StaticKeys(), new StructuredLog(log, desk.Clock, function)).Handle, input)));
                Assert.Empty(desk.Fleet.Launches);
                break;
            case "CostSnapshots":
                var costs = new Costs.CostBench(Costs.Bills.Daily(new DateOnly(2026, 3, 2), Costs.Bills.Flat));
                Assert.Equal("rejected", Status(Answer(new CostSnapshots.Function(costs.Snapshotter, new StructuredLog(log, costs.Clock, function)).Handle, input)));
                Assert.Equal(0, costs.Costs.Requests);
                Assert.Empty(costs.Store.Puts);
                break;
            default:
                var store = new Storage.FakeObjectStore();
                var ledger = new Storage.FakeLedger();
                var structured = new StructuredLog(log, TimeProvider.System, function);
                Assert.Equal("rejected", Status(Answer(new StorageHooks.Function(new Steward.Core.Storage.StorageHook(store, ledger, Steward.Core.Storage.StorageSettings.Default, TimeProvider.System, structured), structured).Handle, input)));
                Assert.Equal(0, store.TagWrites);
                Assert.Empty(ledger.Keys);
                break;
        }
    }
}

