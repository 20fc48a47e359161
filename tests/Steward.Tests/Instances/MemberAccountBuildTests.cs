using System.Text.Json;
using Steward.Core.Instances;
using Steward.Core.Organizations;
using Steward.Core.Ports;
using Steward.Tests.Incidents;

namespace Steward.Tests.Instances;

/// <summary>A fleet per account, each its own fake; a member whose role cannot be assumed fails as STS would.</summary>
public sealed class AccountFleets(TimeProvider clock) : IAccountAccess<IInstanceFleet>
{
    public Dictionary<string, FakeFleet> Fleets { get; } = [];
    public HashSet<string> Unreachable { get; } = [];
    public List<(string Account, string Session)> Sessions { get; } = [];

    public FakeFleet In(string account) => Fleets.TryGetValue(account, out var f) ? f : Fleets[account] = new FakeFleet(clock);

    public Task<IInstanceFleet> InAsync(string accountId, string sessionName, CancellationToken ct)
    {
        Sessions.Add((accountId, sessionName));
        if (Unreachable.Contains(accountId))
            throw new DependencyFailed("sts", "AccessDenied", $"account {accountId} is not set up for Steward: its member role cannot be assumed", 403);
        return Task.FromResult<IInstanceFleet>(In(accountId));
    }
}

public sealed class FakePlacements : IServerPlacements
{
    public Dictionary<string, string> Kept { get; } = [];
    public Task RecordAsync(string requestNumber, string accountId, CancellationToken ct) { Kept[requestNumber] = accountId; return Task.CompletedTask; }
    public Task<string?> AccountOfAsync(string requestNumber, CancellationToken ct) => Task.FromResult(Kept.GetValueOrDefault(requestNumber));
}

public class MemberAccountBuildTests
{
    private const string Home = "123456789012";
    private const string Payments = "111111111111";
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
    private readonly AccountFleets _fleets;
    private readonly FakePlacements _placements = new();
    private readonly RecordingNotifier _notifier = new();
    private readonly InstanceLifecycle _lifecycle;

    public MemberAccountBuildTests()
    {
        _fleets = new AccountFleets(_clock);
        var defaults = Desk.Defaults with { CostCenterAccounts = new Dictionary<string, string> { ["CC-PAY"] = Payments } };
        _lifecycle = new InstanceLifecycle(new FakeImages(), _fleets, MemberAccounts.Parse(Home, Payments, new FakeDirectory()), _placements,
            new FakeIdempotencyStore(), _notifier, PriceTable.Load("us-east-1"), new InstanceRequestsOptions(500m, defaults), _clock);
    }

    private static Dictionary<string, string> Fields(params (string, string)[] extra)
    {
        var fields = new Dictionary<string, string> { ["os"] = "al2023", ["inst_size"] = "small", ["request_number"] = "RITM0020001" };
        foreach (var (k, v) in extra) fields[k] = v;
        return fields;
    }

    private static JsonElement Body(Steward.Core.Events.ApiGatewayProxyResponse r) => JsonDocument.Parse(r.Body!).RootElement;

    [Fact]
    public async Task A_build_naming_a_member_account_is_built_reported_and_decommissioned_there()
    {
        var built = await _lifecycle.BuildAsync(Fields(("account", Payments)), None);

        Assert.Equal(202, built.StatusCode);
        Assert.Equal(Payments, Body(built).GetProperty("account").GetString());
        Assert.Single(_fleets.Fleets[Payments].Launches);
        Assert.False(_fleets.Fleets.ContainsKey(Home) && _fleets.Fleets[Home].Launches.Count > 0, "nothing was launched in the hub");
        Assert.Equal(Payments, _placements.Kept["RITM0020001"]);
        Assert.Contains((Payments, "steward-build-RITM0020001"), _fleets.Sessions);

        var status = await _lifecycle.StatusAsync("RITM0020001", None);
        Assert.Equal((200, Payments), (status.StatusCode, Body(status).GetProperty("account").GetString()));

        var gone = await _lifecycle.DecommissionAsync("RITM0020001", finalSnapshot: true, None);
        Assert.Equal(202, gone.StatusCode);
        Assert.Single(_fleets.Fleets[Payments].Terminated);
        Assert.NotEmpty(_fleets.Fleets[Payments].Snapshots);
    }

    [Fact]
    public async Task A_cost_centre_mapped_to_a_member_account_builds_there_and_a_request_s_own_account_wins()
    {
        await _lifecycle.BuildAsync(Fields(("cost_center", "CC-PAY")), None);
        await _lifecycle.BuildAsync(Fields(("cost_center", "CC-PAY"), ("account", Home), ("request_number", "RITM0020002")), None);

        Assert.Single(_fleets.Fleets[Payments].Launches);
        Assert.Single(_fleets.Fleets[Home].Launches);
        Assert.False(_placements.Kept.ContainsKey("RITM0020002"), "a server in the hub needs no placement");
    }

    [Fact]
    public async Task An_account_that_is_not_a_member_is_refused_in_words_and_nothing_is_built_or_claimed()
    {
        var refused = await _lifecycle.BuildAsync(Fields(("account", "333333333333")), None);

        Assert.Equal(403, refused.StatusCode);
        Assert.Contains("Account 333333333333 is not Steward's own (123456789012) nor one of its member accounts (111111111111). Nothing was built.", Body(refused).GetProperty("detail").GetString());
        Assert.Empty(_fleets.Sessions);
        // Nothing claimed either: the same number may be sent again for a member account.
        Assert.Equal(202, (await _lifecycle.BuildAsync(Fields(("account", Payments)), None)).StatusCode);
    }

    [Fact]
    public async Task The_same_request_number_for_another_account_is_a_conflict()
    {
        await _lifecycle.BuildAsync(Fields(("account", Payments)), None);
        var other = await _lifecycle.BuildAsync(Fields(), None);
        Assert.Equal(409, other.StatusCode);
    }

    [Fact]
    public async Task A_member_that_cannot_be_reached_is_a_502_naming_the_account_and_nothing_is_left_claimed()
    {
        _fleets.Unreachable.Add(Payments);
        var failed = await _lifecycle.BuildAsync(Fields(("account", Payments)), None);

        Assert.Equal(502, failed.StatusCode);
        Assert.Contains("account 111111111111 is not set up for Steward", Body(failed).GetProperty("detail").GetString());
        _fleets.Unreachable.Clear();
        Assert.Equal(202, (await _lifecycle.BuildAsync(Fields(("account", Payments)), None)).StatusCode);
    }

    [Fact]
    public async Task The_lease_sweep_stops_expired_servers_in_every_account_and_names_one_it_cannot_reach()
    {
        await _lifecycle.BuildAsync(Fields(("account", Payments), ("lease_days", "1")), None);
        await _lifecycle.BuildAsync(Fields(("lease_days", "1"), ("request_number", "RITM0020003")), None);
        foreach (var fleet in _fleets.Fleets.Values)
            for (var i = 0; i < fleet.Instances.Count; i++) fleet.Instances[i] = fleet.Instances[i] with { State = "running" };
        _clock.Now = _clock.Now.AddDays(2);

        var report = await _lifecycle.SweepLeasesAsync(None);
        Assert.Equal(2, report.Stopped.Count);
        Assert.Contains(_notifier.Sent, n => n.Message.Contains("in account 111111111111"));

        _fleets.Unreachable.Add(Payments);
        var partial = await _lifecycle.SweepLeasesAsync(None);
        Assert.Contains(partial.Failed, f => f.StartsWith("account 111111111111: ", StringComparison.Ordinal));
    }
}
