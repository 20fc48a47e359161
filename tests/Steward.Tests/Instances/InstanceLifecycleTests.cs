using System.Text.Json;
using Steward.Core.Events;
using Steward.Core.Instances;
using Steward.Core.Ports;

namespace Steward.Tests.Instances;

public class InstanceLifecycleTests
{
    private readonly Desk _desk = new();
    private static readonly CancellationToken None = CancellationToken.None;

    private static Dictionary<string, string> Fields(params (string, string)[] extra)
    {
        var fields = new Dictionary<string, string> { ["os"] = "al2023", ["inst_size"] = "small", ["request_number"] = "RITM0010042" };
        foreach (var (k, v) in extra) fields[k] = v;
        return fields;
    }

    private static JsonElement Body(ApiGatewayProxyResponse r) => JsonDocument.Parse(r.Body!).RootElement;

    [Fact]
    public async Task A_build_launches_one_tagged_server_with_a_client_token_of_the_request_number_and_the_moment_of_its_claim()
    {
        var answer = await _desk.Lifecycle.BuildAsync(Fields(("cost_center", "CC-7"), ("owner", "jane@example.com")), None);

        Assert.Equal(202, answer.StatusCode);
        var spec = Assert.Single(_desk.Fleet.Launches);
        Assert.Equal(("RITM0010042", "t3.small", 20, "/dev/xvda"), (spec.RequestNumber, spec.InstanceType, spec.VolumeGiB, spec.RootDeviceName));
        // Not the number alone: EC2 keeps a token past its server's termination, so a number rebuilt later must launch anew.
        Assert.Equal("RITM0010042-20261125090000000", spec.LaunchToken);
        Assert.Equal("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64", Assert.Single(_desk.Images.Asked));
        Assert.Equal("CC-7", spec.Tags[InstanceTags.CostCenter]);
        Assert.Equal("jane@example.com", spec.Tags[InstanceTags.Owner]);
        Assert.Equal("steward", spec.Tags[InstanceTags.ManagedBy]);
        Assert.Equal("16.78 USD", spec.Tags[InstanceTags.MonthlyQuote]);
        Assert.Equal("2027-02-23T09:00:00Z", spec.Tags[InstanceTags.LeaseEnd]);
        Assert.Equal(16.78m, Body(answer).GetProperty("quote").GetProperty("monthlyTotal").GetDecimal());
    }

    [Fact]
    public async Task A_quote_launches_nothing_and_says_whether_approval_is_needed()
    {
        var answer = await _desk.Lifecycle.QuoteAsync(Fields(("inst_size", "m6i.2xlarge"), ("os", "windows"), ("volume_size", "200")));
        Assert.Equal(200, answer.StatusCode);
        Assert.Equal(564.96m, Body(answer).GetProperty("quote").GetProperty("monthlyTotal").GetDecimal());
        Assert.True(Body(answer).GetProperty("needsApproval").GetBoolean());
        Assert.Empty(_desk.Fleet.Launches);
        Assert.Empty(_desk.Idempotency.Records);
    }

    [Fact]
    public async Task Over_the_ceiling_is_refused_with_the_quote_and_ceiling_and_nothing_launched()
    {
        var answer = await _desk.Lifecycle.BuildAsync(Fields(("os", "windows"), ("inst_size", "m6i.2xlarge")), None);
        Assert.Equal(403, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Headers!["Content-Type"]);
        Assert.Equal(500m, Body(answer).GetProperty("monthlyCeiling").GetDecimal());
        Assert.True(Body(answer).GetProperty("quote").GetProperty("monthlyTotal").GetDecimal() > 500m);
        Assert.Contains("approval_reference", Body(answer).GetProperty("detail").GetString());
        Assert.Empty(_desk.Fleet.Launches);
        Assert.Empty(_desk.Idempotency.Records);
    }

    [Fact]
    public async Task An_approval_reference_lets_an_over_ceiling_request_through_and_is_tagged()
    {
        var answer = await _desk.Lifecycle.BuildAsync(Fields(("os", "windows"), ("inst_size", "m6i.2xlarge"), ("approval_reference", "CHG0030001")), None);
        Assert.Equal(202, answer.StatusCode);
        Assert.Equal("CHG0030001", Assert.Single(_desk.Fleet.Launches).Tags[InstanceTags.Approval]);
    }

    [Fact]
    public async Task A_retry_gets_the_stored_answer_and_builds_nothing_more()
    {
        var first = await _desk.Lifecycle.BuildAsync(Fields(), None);
        var retry = await _desk.Lifecycle.BuildAsync(Fields(), None);
        Assert.Single(_desk.Fleet.Launches);
        Assert.Equal((first.StatusCode, first.Body), (retry.StatusCode, retry.Body));
        Assert.Equal("true", retry.Headers![InstanceLifecycle.ReplayHeader]);
    }

    [Fact]
    public async Task The_same_number_with_different_fields_is_a_conflict_naming_the_first_request()
    {
        await _desk.Lifecycle.BuildAsync(Fields(), None);
        var answer = await _desk.Lifecycle.BuildAsync(Fields(("inst_size", "large")), None);
        Assert.Equal(409, answer.StatusCode);
        Assert.Contains("al2023, t3.small, 20 GiB", Body(answer).GetProperty("detail").GetString());
        Assert.Single(_desk.Fleet.Launches);
    }

    [Fact]
    public async Task A_retry_while_the_first_call_is_still_building_is_told_to_come_back()
    {
        await _desk.Idempotency.ClaimAsync("RITM0010042", InstanceRequestReader.Read(Fields(), Desk.Defaults, PriceTable.Load("us-east-1")).Request!.Fingerprint, "x", _desk.Clock.Now, None);
        var answer = await _desk.Lifecycle.BuildAsync(Fields(), None);
        Assert.Equal(409, answer.StatusCode);
        Assert.Equal("5", answer.Headers!["Retry-After"]);
        Assert.Empty(_desk.Fleet.Launches);
    }

    [Fact]
    public async Task Concurrent_duplicates_build_exactly_one_server()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => _desk.Lifecycle.BuildAsync(Fields(), None))));
        Assert.Single(_desk.Fleet.Launches);
        Assert.Contains(answers, a => a.StatusCode == 202);
        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { 202, 409 }));
    }

    [Fact]
    public async Task A_server_that_outlived_its_idempotency_record_is_found_not_built_again()
    {
        await _desk.Lifecycle.BuildAsync(Fields(), None);
        _desk.Idempotency.Records.Clear();
        var again = await _desk.Lifecycle.BuildAsync(Fields(), None);
        Assert.Equal(200, again.StatusCode);
        Assert.Single(_desk.Fleet.Launches);
        Assert.Contains("was already built", Body(again).GetProperty("warnings")[0].GetString());
    }

    [Fact]
    public async Task Without_a_request_number_one_is_assigned_and_the_answer_warns_about_retries()
    {
        var fields = Fields();
        fields.Remove("request_number");
        var answer = await _desk.Lifecycle.BuildAsync(fields, None);
        Assert.Equal(202, answer.StatusCode);
        Assert.Equal("STW20261125090000000", Body(answer).GetProperty("requestNumber").GetString());
        Assert.Contains("would build a second server", Body(answer).GetProperty("warnings")[0].GetString());
    }

    [Fact]
    public async Task No_capacity_is_a_503_to_retry_and_the_number_is_freed()
    {
        _desk.Fleet.LaunchFailure = new CapacityUnavailable("ec2", "InsufficientInstanceCapacity", "We currently do not have sufficient t3.small capacity");
        var answer = await _desk.Lifecycle.BuildAsync(Fields(), None);
        Assert.Equal(503, answer.StatusCode);
        Assert.Contains("InsufficientInstanceCapacity", Body(answer).GetProperty("detail").GetString());
        Assert.Equal("60", answer.Headers!["Retry-After"]);
        Assert.Equal(["RITM0010042"], _desk.Idempotency.Released);

        _desk.Fleet.LaunchFailure = null;
        Assert.Equal(202, (await _desk.Lifecycle.BuildAsync(Fields(), None)).StatusCode);
    }

    [Fact]
    public async Task A_refusal_by_AWS_is_a_502_with_AWS_s_reason()
    {
        _desk.Images.Failure = new DependencyFailed("ssm", "ParameterNotFound", "the image parameter does not exist in this region", 404);
        var answer = await _desk.Lifecycle.BuildAsync(Fields(), None);
        Assert.Equal(502, answer.StatusCode);
        Assert.Contains("ssm answered ParameterNotFound", Body(answer).GetProperty("detail").GetString());
        Assert.Empty(_desk.Fleet.Launches);
    }

    [Fact]
    public async Task Status_reports_the_server_its_quote_cost_since_launch_and_lease()
    {
        await _desk.Lifecycle.BuildAsync(Fields(("lease_days", "10")), None);
        _desk.Fleet.SetState(_desk.Fleet.Instances[0].InstanceId, "running");
        _desk.Clock.Now = _desk.Clock.Now.AddHours(73); // 73 h at 16.78/730 an hour = 1.678

        var status = Body(await _desk.Lifecycle.StatusAsync("ritm0010042", None));
        Assert.Equal("running", status.GetProperty("state").GetString());
        Assert.Equal("16.78 USD", status.GetProperty("monthlyQuote").GetString());
        Assert.Equal(1.68m, status.GetProperty("costSinceLaunch").GetDecimal());
        Assert.False(status.GetProperty("leaseExpired").GetBoolean());

        _desk.Clock.Now = _desk.Clock.Now.AddDays(10);
        Assert.True(Body(await _desk.Lifecycle.StatusAsync("RITM0010042", None)).GetProperty("leaseExpired").GetBoolean());
    }

    [Theory]
    [InlineData("RITM0099999", 404)]
    [InlineData("not-a-number", 400)]
    public async Task Status_of_an_unknown_or_malformed_number_is_a_clear_problem(string number, int status) =>
        Assert.Equal(status, (await _desk.Lifecycle.StatusAsync(number, None)).StatusCode);

    [Fact]
    public async Task Decommission_snapshots_when_asked_terminates_and_is_idempotent()
    {
        await _desk.Lifecycle.BuildAsync(Fields(("cost_center", "CC-7")), None);
        var first = await _desk.Lifecycle.DecommissionAsync("RITM0010042", finalSnapshot: true, None);
        Assert.Equal(202, first.StatusCode);
        Assert.Equal("shutting-down", Body(first).GetProperty("state").GetString());
        var snapshot = Assert.Single(_desk.Fleet.Snapshots);
        Assert.Equal(("RITM0010042", "CC-7"), (snapshot.Tags[InstanceTags.ServiceNowRequest], snapshot.Tags[InstanceTags.CostCenter]));
        Assert.Single(Body(first).GetProperty("snapshotIds").EnumerateArray());

        var again = await _desk.Lifecycle.DecommissionAsync("RITM0010042", finalSnapshot: true, None);
        Assert.Equal(200, again.StatusCode);
        Assert.Single(_desk.Fleet.Terminated);
        Assert.Single(_desk.Fleet.Snapshots);
    }

    [Fact]
    public async Task The_sweep_stops_only_servers_past_their_lease_and_tells_their_owners()
    {
        await _desk.Lifecycle.BuildAsync(Fields(("request_number", "RITM0000001"), ("lease_days", "1"), ("owner", "jane@example.com")), None);
        await _desk.Lifecycle.BuildAsync(Fields(("request_number", "RITM0000002"), ("lease_days", "30")), None);
        foreach (var i in _desk.Fleet.Instances.ToList()) _desk.Fleet.SetState(i.InstanceId, "running");
        _desk.Clock.Now = _desk.Clock.Now.AddDays(2);

        var report = await _desk.Lifecycle.SweepLeasesAsync(None);

        Assert.Equal(2, report.Checked);
        var stopped = Assert.Single(_desk.Fleet.Stopped);
        Assert.Equal(_desk.Fleet.Instances[0].InstanceId, stopped.Id);
        Assert.True(stopped.Tags.ContainsKey(InstanceTags.LeaseExpired));
        var (subject, message) = Assert.Single(_desk.Notifier.Sent);
        Assert.Contains("RITM0000001", subject);
        Assert.Contains("jane@example.com", message);

        Assert.Empty((await _desk.Lifecycle.SweepLeasesAsync(None)).Stopped);
    }

    [Fact]
    public async Task A_server_the_sweep_cannot_stop_is_reported_and_the_others_are_still_stopped()
    {
        await _desk.Lifecycle.BuildAsync(Fields(("request_number", "RITM0000001"), ("lease_days", "1")), None);
        await _desk.Lifecycle.BuildAsync(Fields(("request_number", "RITM0000002"), ("lease_days", "1")), None);
        foreach (var i in _desk.Fleet.Instances.ToList()) _desk.Fleet.SetState(i.InstanceId, "running");
        _desk.Fleet.FailToStop.Add(_desk.Fleet.Instances[0].InstanceId);
        _desk.Clock.Now = _desk.Clock.Now.AddDays(2);

        var report = await _desk.Lifecycle.SweepLeasesAsync(None);
        Assert.Single(report.Stopped);
        Assert.Contains("IncorrectInstanceState", Assert.Single(report.Failed));
    }
}
