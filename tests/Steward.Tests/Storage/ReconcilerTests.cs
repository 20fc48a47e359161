using System.Text;
using System.Text.Json;
using Steward.Core.Events;
using Steward.Core.Instances;
using Steward.Core.Observability;
using Steward.Core.Storage;
using Steward.Testing;
using Steward.Tests.Costs;
using Steward.Tests.Instances;

namespace Steward.Tests.Storage;

/// <summary>The reconciliation with fakes: what events never said is corrected, a pass survives its time budget, the ledger is written.</summary>
public class ReconcilerTests
{
    private static readonly DateOnly Day = new(2026, 3, 2);
    private readonly FakeObjectStore _store = new();
    private readonly FakeLedger _ledger = new();
    private readonly FakeSnapshotStore _reports = new();
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 3, 2, 3, 0, 0, TimeSpan.Zero));
    private readonly StringWriter _log = new CheckedLogWriter();

    private StorageHook Hook() => new(_store, _ledger, StorageSettings.Default, _clock, new StructuredLog(_log, _clock, "StorageHooks"));

    private StorageReconciler Reconciler() =>
        new(_store, _ledger, Hook(), _reports, PriceTable.Load("us-east-1"), ["data"], StorageSettings.Default, _clock, new StructuredLog(_log, _clock, "StorageHooks"));

    private sealed class MemberAccess(FakeObjectStore store, StorageHook hook, bool reachable = true) : Steward.Core.Ports.IAccountAccess<AccountStorage>
    {
        public List<string> Asked { get; } = [];
        public Task<AccountStorage> InAsync(string accountId, string sessionName, CancellationToken ct)
        {
            Asked.Add($"{accountId} {sessionName}");
            return reachable ? Task.FromResult(new AccountStorage(store, hook))
                : throw new Steward.Core.Ports.DependencyFailed("sts", "AccessDenied", $"account {accountId} is not set up for Steward", 403);
        }
    }

    [Fact]
    public async Task A_member_account_s_bucket_is_listed_and_classified_through_its_role_and_its_keys_carry_the_account()
    {
        var member = new FakeObjectStore();
        member.Put("exports/cards.csv", Encoding.UTF8.GetBytes("name,card\nJane,4111 1111 1111 1111\n"));
        _store.Put("finance/a.csv", Encoding.UTF8.GetBytes("a,b\n1,2\n"));
        var access = new MemberAccess(member, new StorageHook(member, _ledger, StorageSettings.Default, _clock, new StructuredLog(_log, _clock, "StorageHooks"), "111111111111"));
        var reconciler = new StorageReconciler(_store, _ledger, Hook(), _reports, PriceTable.Load("us-east-1"), ["data"], StorageSettings.Default, _clock,
            new StructuredLog(_log, _clock, "StorageHooks"), ([new MemberBucket("111111111111", "payments-exports")], access));

        var outcome = await reconciler.RunAsync(Day, TimeSpan.FromMinutes(10), default);

        Assert.True(outcome.Complete);
        Assert.Equal("confidential", member.Tags["exports/cards.csv"]["steward:class"]);
        Assert.Equal("111111111111", _ledger.Keys[("payments-exports", "exports/cards.csv")].Account);
        Assert.Null(_ledger.Keys[("data", "finance/a.csv")].Account);
        Assert.Equal(["111111111111 steward-storage-reconcile"], access.Asked);
        var rows = JsonSerializer.Deserialize(_reports.Objects["storage/2026/03/02/ledger.json"][^1], StorageJsonContext.Default.IReadOnlyListLedgerRow)!;
        Assert.Contains(rows, r => r.Bucket == "payments-exports" && r.DataClass == "confidential");
    }

    [Fact]
    public async Task A_member_bucket_that_cannot_be_reached_fails_the_run_and_no_ledger_calls_itself_complete()
    {
        var member = new FakeObjectStore();
        var access = new MemberAccess(member, Hook(), reachable: false);
        var reconciler = new StorageReconciler(_store, _ledger, Hook(), _reports, PriceTable.Load("us-east-1"), ["data"], StorageSettings.Default, _clock,
            new StructuredLog(_log, _clock, "StorageHooks"), ([new MemberBucket("111111111111", "payments-exports")], access));

        await Assert.ThrowsAsync<Steward.Core.Ports.DependencyFailed>(() => reconciler.RunAsync(Day, TimeSpan.FromMinutes(10), default));
        Assert.False(_reports.Objects.ContainsKey("storage/2026/03/02/ledger.json"));
    }

    [Fact]
    public async Task Objects_never_announced_are_classified_and_counted_and_deletes_never_announced_are_removed()
    {
        _store.Put("finance/a.csv", Encoding.UTF8.GetBytes("a,b\n1,2\n"));
        _store.Put("finance/b.txt", Encoding.UTF8.GetBytes("hello"));
        await Hook().HandleAsync(new StoredObjectChange("data", "finance/b.txt", ObjectChangeKind.Created, "ObjectCreated:Put", 5, null, null, "01", null, "aws:s3"), default);
        _store.Put("finance/gone.txt", Encoding.UTF8.GetBytes("bye"));
        await Hook().HandleAsync(new StoredObjectChange("data", "finance/gone.txt", ObjectChangeKind.Created, "ObjectCreated:Put", 3, null, null, "02", null, "aws:s3"), default);
        _store.Objects.Remove("finance/gone.txt"); // deleted with no event (a versioned bucket in moto, a lost notification)

        var outcome = await Reconciler().RunAsync(Day, TimeSpan.FromMinutes(10), default);

        Assert.True(outcome.Complete);
        Assert.Equal((2, 2), (outcome.Listed, outcome.Corrected)); // two listed; a.csv added, gone.txt removed
        Assert.Equal("internal", _store.Tags["finance/a.csv"]["steward:class"]);
        var rows = JsonSerializer.Deserialize(_reports.Objects["storage/2026/03/02/ledger.json"][^1], StorageJsonContext.Default.IReadOnlyListLedgerRow)!;
        var row = Assert.Single(rows);
        Assert.Equal(("data", "finance", "internal", "STANDARD", 2L, 13L), (row.Bucket, row.Owner, row.DataClass, row.StorageClass, row.Objects, row.Bytes));
        Assert.Equal(Math.Round(13m / 1073741824m * 0.023m, 4), row.MonthlyCost);
        Assert.StartsWith("bucket,owner,class,storageClass,objects,bytes,monthlyCost\r\ndata,finance,internal,STANDARD,2,13,", _reports.Text("storage/2026/03/02/ledger.csv"));
    }

    [Fact]
    public async Task After_an_upgrade_keys_an_older_classifier_decided_are_classified_again_once()
    {
        // What a text-only Steward left: an encrypted ZIP under public/ tagged public, counted public, at no generation.
        _store.Put("public/export.zip", File.ReadAllBytes(Documents.Pinned("card-encrypted.zip")), new() { ["steward:class"] = "public", ["steward:content"] = "archive" });
        var size = _store.Objects["public/export.zip"].Length;
        await _ledger.ApplyAsync(new KeyState("data", "public/export.zip", "01", true, null, size, "public", "public", "STANDARD"), default);

        var first = await Reconciler().RunAsync(Day, TimeSpan.FromMinutes(10), default);
        Assert.Equal((1, 1), (first.Classified, first.Corrected));
        Assert.Equal(("unscanned", "encrypted"), (_store.Tags["public/export.zip"]["steward:class"], _store.Tags["public/export.zip"]["steward:scan"]));
        var held = Assert.Single(await _ledger.KeysAsync("data", default));
        Assert.Equal(("unscanned", ObjectClassifier.Generation), (held.DataClass, held.Classifier));
        Assert.Contains(await _ledger.TotalsAsync(default), t => t.Group.DataClass == "unscanned" && t.Objects == 1);
        Assert.DoesNotContain(await _ledger.TotalsAsync(default), t => t.Group.DataClass == "public" && t.Objects != 0);

        // The next day's pass reads nothing of it again.
        var reads = _store.Reads.Count;
        var second = await Reconciler().RunAsync(Day.AddDays(1), TimeSpan.FromMinutes(10), default);
        Assert.Equal((0, 0, reads), (second.Classified, second.Corrected, _store.Reads.Count));
    }

    [Fact]
    public async Task A_key_the_last_generation_tagged_is_read_again_when_a_detector_learns_what_it_missed()
    {
        // Generation 2 read this .ppk whole ("complete") and found nothing: it knew no PuTTY keys.
        const string ppk = "PuTTY-User-Key-File-2: ssh-ed25519\nEncryption: none\nComment: deploy\nPublic-Lines: 2\n" +
                           "AAAAC3NzaC1lZDI1NTE5AAAAIDAdJiRkkBM8yC8seTEoAn2PfwbLKrkcahZ0xxPo\nWICJ\nPrivate-Lines: 1\n" +
                           "XFJyRzRt5NjuCVhDEyb50sI+gRn8FB65hh0U8uhGvP3VBl4haChinQasOTBYa4pj\nPrivate-MAC: 80f50e1a7075567980742644460edffeb67ca829\n";
        _store.Put("ops/deploy.ppk", Encoding.UTF8.GetBytes(ppk),
            new() { ["steward:class"] = "internal", ["steward:scan"] = "complete", ["steward:content"] = "text", ["steward:findings"] = "none" });
        await _ledger.ApplyAsync(new KeyState("data", "ops/deploy.ppk", "01", true, null, ppk.Length, "ops", "internal", "STANDARD", 2), default);

        var first = await Reconciler().RunAsync(Day, TimeSpan.FromMinutes(10), default);
        Assert.Equal((1, 1), (first.Classified, first.Corrected));
        Assert.Equal(("restricted", "privateKey=1"), (_store.Tags["ops/deploy.ppk"]["steward:class"], _store.Tags["ops/deploy.ppk"]["steward:findings"]));
        Assert.Equal(("restricted", ObjectClassifier.Generation), ((await _ledger.KeysAsync("data", default)).Single().DataClass, (await _ledger.KeysAsync("data", default)).Single().Classifier));

        var reads = _store.Reads.Count;
        var second = await Reconciler().RunAsync(Day.AddDays(1), TimeSpan.FromMinutes(10), default);
        Assert.Equal((0, 0, reads), (second.Classified, second.Corrected, _store.Reads.Count));
    }

    [Fact]
    public void Storage_beyond_50_TB_is_costed_at_S3s_bands_for_the_class_as_a_whole_not_each_bucket_at_the_first()
    {
        const long TiB = 1L << 40;
        // 40 TB + 60 TB of STANDARD: 100 TB in all, of which 50 TB at 0.023 and 50 TB at 0.022, as AWS bills the class.
        var rows = Reconciler().Rows([
            (new LedgerGroup("logs", "ops", "internal", "STANDARD"), 10, 40 * TiB),
            (new LedgerGroup("lake", "data", "internal", "STANDARD"), 20, 60 * TiB),
            (new LedgerGroup("lake", "data", "internal", "GLACIER"), 5, 1 * TiB),
        ]);
        var whole = 51200m * 0.023m + 51200m * 0.022m;
        var standard = rows.Where(r => r.StorageClass == "STANDARD").ToList();
        Assert.Equal(whole, standard.Sum(r => r.MonthlyCost!.Value), precision: 3);
        Assert.Equal(Math.Round(40960m * whole / 102400m, 4), standard.Single(r => r.Bucket == "logs").MonthlyCost);
        Assert.Equal(1024m * 0.0036m, rows.Single(r => r.StorageClass == "GLACIER").MonthlyCost);
        Assert.True(whole < 102400m * 0.023m); // the first band's price alone would be about 2% too much
    }

    [Fact]
    public async Task A_pass_longer_than_its_budget_pauses_and_the_next_run_goes_on_to_the_exact_ledger()
    {
        for (var i = 0; i < 25; i++) _store.Put($"team{i % 3}/f{i:00}.txt", Encoding.UTF8.GetBytes(new string('x', i + 1)));
        _store.PageSize = 10;
        var reconciler = Reconciler();

        var first = await reconciler.RunAsync(Day, TimeSpan.FromTicks(-1), default); // already past its budget after one page
        Assert.False(first.Complete);
        Assert.False(_reports.Objects.ContainsKey("storage/2026/03/02/ledger.json"));

        var runs = 1;
        while (!(await reconciler.RunAsync(Day, TimeSpan.FromTicks(-1), default)).Complete) runs++;
        Assert.Equal(3, runs + 1); // three pages, one a run
        var rows = JsonSerializer.Deserialize(_reports.Objects["storage/2026/03/02/ledger.json"][^1], StorageJsonContext.Default.IReadOnlyListLedgerRow)!;
        Assert.Equal(25, rows.Sum(r => r.Objects));
        Assert.Equal(Enumerable.Range(1, 25).Sum(), rows.Sum(r => r.Bytes));
        Assert.Equal(3, _store.Listings);
    }
}
