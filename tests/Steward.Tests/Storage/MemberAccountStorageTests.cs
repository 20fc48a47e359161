using System.Text;
using System.Text.Json.Nodes;
using Steward.Core.Observability;
using Steward.Core.Organizations;
using Steward.Core.Ports;
using Steward.Core.Storage;
using Steward.Testing;
using Steward.Tests.Incidents;

namespace Steward.Tests.Storage;

/// <summary>Member accounts' object events, as the hub receives them from their member stacks' forwarding rules.</summary>
public class MemberAccountStorageTests
{
    private const string Home = "123456789012";
    private const string Payments = "111111111111";

    private readonly FakeObjectStore _homeStore = new();
    private readonly FakeObjectStore _paymentsStore = new();
    private readonly FakeLedger _ledger = new();
    private readonly StringWriter _log = new CheckedLogWriter();
    private readonly List<(string Account, string Session)> _sessions = [];
    private readonly HashSet<string> _unreachable = [];

    private sealed class Hooks(MemberAccountStorageTests t) : IAccountAccess<AccountStorage>
    {
        public Task<AccountStorage> InAsync(string accountId, string sessionName, CancellationToken ct)
        {
            t._sessions.Add((accountId, sessionName));
            if (t._unreachable.Contains(accountId)) throw new DependencyFailed("sts", "AccessDenied", $"account {accountId} is not set up for Steward", 403);
            return Task.FromResult(new AccountStorage(t._paymentsStore, t.Hook(t._paymentsStore, accountId)));
        }
    }

    private StorageHook Hook(FakeObjectStore store, string? account) =>
        new(store, _ledger, StorageSettings.Default, TimeProvider.System, new StructuredLog(_log, TimeProvider.System, "StorageHooks"), account);

    private StorageEventHandler Handler() => new(Hook(_homeStore, null), null, TimeSpan.FromMinutes(1), null, new StructuredLog(_log, TimeProvider.System, "StorageHooks"),
        (MemberAccounts.Parse(Home, Payments, new FakeDirectory()), new Hooks(this)));

    /// <summary>An S3 "Object Created" event as EventBridge delivers it, from <paramref name="account"/>.</summary>
    private static MemoryStream Created(string account, string bucket, string key) => new(Encoding.UTF8.GetBytes(new JsonObject
    {
        ["version"] = "0", ["id"] = Guid.NewGuid().ToString(), ["detail-type"] = "Object Created", ["source"] = "aws.s3", ["account"] = account,
        ["time"] = "2026-12-04T10:00:00Z", ["region"] = "us-east-1", ["resources"] = new JsonArray(),
        ["detail"] = new JsonObject
        {
            ["version"] = "0", ["bucket"] = new JsonObject { ["name"] = bucket },
            ["object"] = new JsonObject { ["key"] = key, ["size"] = 40, ["etag"] = "x", ["sequencer"] = "00A" }, ["reason"] = "PutObject",
        },
    }.ToJsonString()));

    [Fact]
    public async Task A_member_account_s_object_is_read_and_tagged_through_its_member_role_and_the_ledger_names_the_account()
    {
        _paymentsStore.Put("exports/cards.csv", Encoding.UTF8.GetBytes("name,card\nJane,4111 1111 1111 1111\n"));

        var answer = await Handler().HandleAsync(Created(Payments, "payments-exports", "exports/cards.csv"), CancellationToken.None);

        Assert.Equal("done", answer.Outcome!.Status);
        Assert.Equal("confidential", _paymentsStore.Tags["exports/cards.csv"]["steward:class"]);
        Assert.Empty(_homeStore.Reads);
        Assert.Equal([(Payments, "steward-storage-events")], _sessions);
        Assert.Equal(Payments, _ledger.Keys[("payments-exports", "exports/cards.csv")].Account);
    }

    [Fact]
    public async Task An_object_event_from_an_account_that_is_not_a_member_is_refused_and_nothing_is_read()
    {
        var answer = await Handler().HandleAsync(Created("333333333333", "someone-elses", "a.csv"), CancellationToken.None);

        Assert.Equal("1", answer.Outcome!.Summary!["refused"]);
        Assert.Empty(_sessions);
        Assert.Empty(_homeStore.Reads);
        Assert.Empty(_ledger.Keys);
        Assert.Contains("\"object change refused: nothing read or tagged\"", _log.ToString());
    }

    [Fact]
    public async Task This_account_s_own_events_stay_with_its_own_hook()
    {
        _homeStore.Put("reports/q3.txt", "plain text"u8.ToArray());
        await Handler().HandleAsync(Created(Home, "steward-data", "reports/q3.txt"), CancellationToken.None);
        Assert.Empty(_sessions);
        Assert.Null(_ledger.Keys[("steward-data", "reports/q3.txt")].Account);
    }

    [Fact]
    public async Task A_member_that_cannot_be_reached_fails_the_invocation_so_Lambda_retries_and_keeps_the_event()
    {
        _unreachable.Add(Payments);
        await Assert.ThrowsAsync<DependencyFailed>(() => Handler().HandleAsync(Created(Payments, "payments-exports", "x.csv"), CancellationToken.None));
        Assert.Empty(_ledger.Keys);
    }
}
