using System.Text.Json;
using Steward.Core.Events;
using Steward.Core.Instances;
using Steward.Core.Instances.RequestItems;
using Steward.Core.Observability;
using Steward.Core.Ports;
using Steward.Testing;
using Steward.Tests.Incidents;

namespace Steward.Tests.Instances;

/// <summary>The request item follows its server: what the lifecycle sends to the outbox, and how the writer drains it.</summary>
public class RequestItemUpdateTests
{
    private const string SysId = "3f2b1c0d9e8a7b6c5d4e3f2a1b0c9d8e";
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly Desk _desk = new();

    private static Dictionary<string, string> Fields(params (string, string)[] extra)
    {
        var fields = new Dictionary<string, string> { ["os"] = "al2023", ["inst_size"] = "small", ["request_number"] = "RITM0010042", ["sys_id"] = SysId };
        foreach (var (k, v) in extra) fields[k] = v;
        return fields;
    }

    [Fact]
    public async Task A_build_sends_its_item_a_launched_note_with_the_instance_the_type_the_image_and_the_quote()
    {
        var answer = await _desk.Lifecycle.BuildAsync(Fields(), None);

        Assert.Equal(202, answer.StatusCode);
        var update = Assert.Single(_desk.Outbox.Sent);
        Assert.Equal((SysId, "RITM0010042", RequestItemEvent.Launched, RequestItemStates.WorkInProgress), (update.SysId, update.RequestNumber, update.Event, update.State));
        var instance = _desk.Fleet.Instances.Single();
        Assert.Contains(instance.InstanceId, update.WorkNote);
        Assert.Contains("t3.small", update.WorkNote);
        Assert.Contains("a month", update.WorkNote);
        Assert.Equal(SysId, instance.Tags[InstanceTags.RequestItemSysId]);
    }

    [Fact]
    public async Task Without_a_sys_id_nothing_is_sent_and_a_malformed_one_is_refused_before_anything_is_built()
    {
        var fields = Fields();
        fields.Remove("sys_id");
        await _desk.Lifecycle.BuildAsync(fields, None);
        Assert.Empty(_desk.Outbox.Sent);

        var bad = await _desk.Lifecycle.BuildAsync(Fields(("request_number", "RITM0010043"), ("sys_id", "not-a-sys-id")), None);
        Assert.Equal(400, bad.StatusCode);
        Assert.Contains("32 hexadecimal digits", bad.Body);
        Assert.Single(_desk.Fleet.Instances);
    }

    [Fact]
    public async Task A_build_AWS_cannot_serve_tells_its_item_why_and_closes_it_incomplete_when_asked()
    {
        _desk.Fleet.LaunchFailure = new CapacityUnavailable("ec2", "InsufficientInstanceCapacity", "no t3.small capacity in us-east-1a");

        var answer = await _desk.Lifecycle.BuildAsync(Fields(("close_item", "true")), None);

        Assert.Equal(503, answer.StatusCode);
        var update = Assert.Single(_desk.Outbox.Sent);
        Assert.Equal(RequestItemEvent.Failed, update.Event);
        Assert.Equal(RequestItemStates.ClosedIncomplete, update.State);
        Assert.Contains("AWS has no t3.small capacity now (InsufficientInstanceCapacity)", update.WorkNote);
    }

    [Fact]
    public async Task A_decommission_tells_the_item_which_snapshots_keep_its_disks()
    {
        await _desk.Lifecycle.BuildAsync(Fields(), None);
        await _desk.Lifecycle.DecommissionAsync("RITM0010042", finalSnapshot: true, None);

        Assert.Equal([RequestItemEvent.Launched, RequestItemEvent.Decommissioned], _desk.Outbox.Sent.Select(u => u.Event));
        Assert.Contains("snapshots snap-", _desk.Outbox.Sent[1].WorkNote);
    }

    /// <summary>ServiceNow as the writer sees it: a queue of answers per call, Written when none is queued.</summary>
    private sealed class FakeTable : IServiceNowTable
    {
        public Queue<TableAnswer> Answers { get; } = new();
        public List<(string SysId, string Note)> Written { get; } = [];

        public Task<TableAnswer> UpdateAsync(string table, string sysId, IReadOnlyDictionary<string, string> fields, CancellationToken ct)
        {
            Assert.Equal("sc_req_item", table);
            var answer = Answers.Count > 0 ? Answers.Dequeue() : new TableAnswer.Written();
            if (answer is TableAnswer.Written) Written.Add((sysId, fields["work_notes"]));
            return Task.FromResult(answer);
        }
    }

    private static SqsRecord Message(string id, string sysId, RequestItemEvent what, int receiveCount = 1) => new()
    {
        MessageId = id, ReceiptHandle = "rh-" + id, EventSource = "aws:sqs",
        Body = JsonSerializer.Serialize(new RequestItemUpdate(sysId, "RITM0010042", what, $"{what} note", null, DateTimeOffset.UnixEpoch), RequestItemJsonContext.Default.RequestItemUpdate),
        Attributes = new() { ["MessageGroupId"] = sysId, ["ApproximateReceiveCount"] = receiveCount.ToString(System.Globalization.CultureInfo.InvariantCulture) },
    };

    private static RequestItemWriter Writer(FakeTable table, FakeFailedEvents? failed = null) =>
        new(table, failed ?? new FakeFailedEvents([]), new StructuredLog(new CheckedLogWriter(), TimeProvider.System, "InstanceRequests"));

    [Fact]
    public async Task An_update_ServiceNow_throttles_comes_back_after_its_Retry_After_and_the_item_s_later_updates_wait_behind_it()
    {
        var table = new FakeTable();
        table.Answers.Enqueue(new TableAnswer.TryAgain("429 Too Many Requests", TimeSpan.FromSeconds(120)));
        var other = "aaaaaaaabbbbbbbbccccccccdddddddd";

        var report = await Writer(table).WriteAsync([Message("1", SysId, RequestItemEvent.Launched), Message("2", other, RequestItemEvent.Launched),
            Message("3", SysId, RequestItemEvent.Decommissioned)], None);

        Assert.Equal([("1", TimeSpan.FromSeconds(120)), ("3", TimeSpan.FromSeconds(120))], report.Retried);
        Assert.Equal(["2"], report.Written); // another item goes on
        Assert.Equal([(other, "Launched note")], table.Written);

        var again = await Writer(table).WriteAsync([Message("1", SysId, RequestItemEvent.Launched, 2), Message("3", SysId, RequestItemEvent.Decommissioned, 2)], None);
        Assert.Equal(["1", "3"], again.Written);
        Assert.Equal(["Launched note", "Decommissioned note"], table.Written.Where(w => w.SysId == SysId).Select(w => w.Note));
    }

    [Fact]
    public async Task An_update_ServiceNow_refuses_for_good_is_kept_with_the_reason_and_the_item_s_next_update_goes_on()
    {
        var table = new FakeTable();
        table.Answers.Enqueue(new TableAnswer.Refused(404, "No Record found"));
        var failed = new FakeFailedEvents([]);

        var report = await Writer(table, failed).WriteAsync([Message("1", SysId, RequestItemEvent.Launched), Message("2", SysId, RequestItemEvent.Decommissioned)], None);

        Assert.Equal(["1"], report.Kept);
        Assert.Equal(["2"], report.Written);
        Assert.Equal("ServiceNow refused the update (404): No Record found", Assert.Single(failed.Kept).Reason);
    }

    [Theory]
    [InlineData(1, null, 10)]
    [InlineData(4, null, 80)]
    [InlineData(12, null, 900)]
    [InlineData(1, 300, 300)]
    [InlineData(5, 30, 160)]
    public void The_backoff_doubles_from_10_seconds_to_15_minutes_and_honours_a_longer_Retry_After(int attempt, int? retryAfter, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RequestItemWriter.Backoff(attempt, retryAfter is { } r ? TimeSpan.FromSeconds(r) : null));
}
