using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Steward.Core.Instances;
using Steward.Core.Observability;
using Steward.Core.Ports;

namespace Steward.Core.Storage;

/// <summary>Where a reconciliation stopped, so the next run goes on from there (a bucket of millions outlasts one Lambda).</summary>
public sealed record ReconcileCheckpoint(
    [property: JsonPropertyName("day")] DateOnly Day,
    [property: JsonPropertyName("bucket")] int Bucket,
    [property: JsonPropertyName("token")] string? Token,
    [property: JsonPropertyName("afterKey")] string? AfterKey,
    [property: JsonPropertyName("corrected")] int Corrected,
    [property: JsonPropertyName("classified")] int Classified);

/// <summary>A member account's bucket the reconciliation also lists (MemberBuckets).</summary>
public sealed record MemberBucket(string Account, string Bucket);

/// <summary>What the storage hook works with in one account: its buckets' listing and a hook reading and tagging there.</summary>
public sealed record AccountStorage(IBucketLister Lister, StorageHook Hook);

/// <summary>What one run did: done (the ledger written) or stopped at its time budget (to go on next run).</summary>
public sealed record ReconcileOutcome(bool Complete, int Listed, int Corrected, int Classified, string? LedgerLocation);

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(ReconcileCheckpoint))]
[JsonSerializable(typeof(IReadOnlyList<LedgerRow>))]
public sealed partial class StorageJsonContext : JsonSerializerContext;

/// <summary>
/// The daily reconciliation: each watched bucket listed page by page and set beside the ledger, so that what events never
/// said (a lost notification, a delete moto or MinIO never announced, an object stored before Steward) is corrected, and
/// what was never classified is classified. Listing and ledger keys are both in key order, so each page settles its own
/// range: a ledger key in it that the page lacks is gone. After each page a checkpoint is kept in the snapshot bucket, and
/// a run that reaches its time budget stops there; the next run goes on. A full pass writes the day's ledger
/// (<c>storage/yyyy/MM/dd/ledger.json</c> and <c>.csv</c>) with each row's monthly cost at its storage class's price.
/// Member accounts' buckets (<paramref name="members"/>) come after the deployment's own, each listed and read through its
/// account's member role; one that cannot be reached fails the run, as one of its own would: a ledger is never "complete"
/// without a bucket it was told to hold.
/// </summary>
public sealed class StorageReconciler(IBucketLister lister, IStorageLedger ledger, StorageHook hook, ISnapshotStore reports, PriceTable? prices,
    IReadOnlyList<string> buckets, StorageSettings settings, TimeProvider clock, StructuredLog log,
    (IReadOnlyList<MemberBucket> Buckets, IAccountAccess<AccountStorage> Access)? members = null)
{
    private int Total => buckets.Count + (members?.Buckets.Count ?? 0);

    /// <summary>The b-th bucket to list: the deployment's own first, then the members'; with the lister and hook that reach it.</summary>
    private async Task<(string Bucket, string? Account, IBucketLister Lister, StorageHook Hook)> BucketAsync(int b, CancellationToken ct)
    {
        if (b < buckets.Count) return (buckets[b], null, lister, hook);
        var m = members!.Value.Buckets[b - buckets.Count];
        var there = await members.Value.Access.InAsync(m.Account, "steward-storage-reconcile", ct);
        return (m.Bucket, m.Account, there.Lister, there.Hook);
    }

    public const string CheckpointKey = "storage/reconcile-checkpoint.json";
    public static string LedgerPrefix(DateOnly day) => $"storage/{day:yyyy}/{day:MM}/{day:dd}/";

    public async Task<ReconcileOutcome> RunAsync(DateOnly day, TimeSpan budget, CancellationToken ct)
    {
        var deadline = clock.GetUtcNow() + budget;
        var checkpoint = await reports.GetAsync(CheckpointKey, ct) is { } bytes && JsonSerializer.Deserialize(bytes, StorageJsonContext.Default.ReconcileCheckpoint) is { } saved && saved.Day == day
            ? saved : new ReconcileCheckpoint(day, 0, null, null, 0, 0);
        var listed = 0;
        for (var b = checkpoint.Bucket; b < Total; b++)
        {
            var (bucket, account, lister, hook) = await BucketAsync(b, ct);
            var held = (await ledger.KeysAsync(bucket, ct)).ToDictionary(k => k.Key, StringComparer.Ordinal);
            var (token, after) = b == checkpoint.Bucket ? (checkpoint.Token, checkpoint.AfterKey) : (null, null);
            do
            {
                var page = await lister.ListAsync(bucket, token, ct);
                var last = page.NextToken is null ? null : page.Objects.LastOrDefault()?.Key;
                var present = new HashSet<string>(StringComparer.Ordinal);
                foreach (var o in page.Objects.Where(o => !settings.Excludes(bucket, o.Key)))
                {
                    present.Add(o.Key);
                    var was = held.GetValueOrDefault(o.Key);
                    // Unchanged, and classified by this generation: nothing to do. A key an older classifier decided is read again.
                    if (was is { Exists: true } && was.Size == o.Size && was.StorageClass == o.StorageClass && was.Classifier >= ObjectClassifier.Generation) continue;
                    var seen = await hook.InspectAsync(bucket, o.Key, null, ct, again: was is { Exists: true } && was.Classifier < ObjectClassifier.Generation);
                    if (seen is null) continue; // deleted since the listing: its event will say so
                    if (seen.Classification is not null) checkpoint = checkpoint with { Classified = checkpoint.Classified + 1 };
                    if (await ledger.CorrectAsync(was, seen.State(was?.Order ?? "") with { Account = account }, ct)) checkpoint = checkpoint with { Corrected = checkpoint.Corrected + 1 };
                }
                // Ledger keys in this page's range that the listing lacks are gone.
                foreach (var gone in held.Values.Where(k => k.Exists && !present.Contains(k.Key) && !settings.Excludes(bucket, k.Key) &&
                                                            (after is null || string.CompareOrdinal(k.Key, after) > 0) && (last is null || string.CompareOrdinal(k.Key, last) <= 0)))
                    if (await ledger.CorrectAsync(gone, gone with { Exists = false, Size = 0 }, ct)) checkpoint = checkpoint with { Corrected = checkpoint.Corrected + 1 };

                listed += page.Objects.Count;
                (token, after) = (page.NextToken, last);
                checkpoint = checkpoint with { Bucket = token is null ? b + 1 : b, Token = token, AfterKey = token is null ? null : after };
                if (clock.GetUtcNow() > deadline && (token is not null || b + 1 < Total))
                {
                    await SaveAsync(checkpoint, ct);
                    log.Info("reconciliation paused at its time budget; the next run goes on", ("bucket", bucket), ("afterKey", after), ("listed", listed));
                    return new ReconcileOutcome(false, listed, checkpoint.Corrected, checkpoint.Classified, null);
                }
                await SaveAsync(checkpoint, ct);
            } while (token is not null);
        }

        var rows = Rows(await ledger.TotalsAsync(ct));
        var prefix = LedgerPrefix(day);
        await reports.PutAsync(prefix + "ledger.json", JsonSerializer.SerializeToUtf8Bytes(rows, StorageJsonContext.Default.IReadOnlyListLedgerRow), "application/json", ct);
        await reports.PutAsync(prefix + "ledger.csv", Encoding.UTF8.GetBytes(Csv(rows)), "text/csv; charset=utf-8", ct);
        await SaveAsync(new ReconcileCheckpoint(day, Total, null, null, checkpoint.Corrected, checkpoint.Classified), ct);
        log.Info("reconciliation done; ledger written", ("location", reports.Location(prefix)), ("listed", listed), ("corrected", checkpoint.Corrected), ("classified", checkpoint.Classified));
        return new ReconcileOutcome(true, listed, checkpoint.Corrected, checkpoint.Classified, reports.Location(prefix + "ledger.json"));
    }

    /// <summary>
    /// The ledger's rows, each costed at its storage class's rate for the volume the ledger holds in that class (S3's bands
    /// apply to a class's whole volume, not to each bucket's: see <see cref="PriceTable.StorageRate"/>). Buckets Steward
    /// does not watch add to the account's volume too, so the rate can only be lower on the bill, never higher.
    /// </summary>
    public IReadOnlyList<LedgerRow> Rows(IEnumerable<(LedgerGroup Group, long Objects, long Bytes)> totals)
    {
        var held = totals.Where(t => t.Objects != 0 || t.Bytes != 0).ToList();
        var rates = held.GroupBy(t => t.Group.StorageClass, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => prices?.StorageRate(g.Key, g.Sum(t => t.Bytes)), StringComparer.Ordinal);
        return held
            .Select(t => new LedgerRow(t.Group.Bucket, t.Group.Owner, t.Group.DataClass, t.Group.StorageClass, t.Objects, t.Bytes,
                rates[t.Group.StorageClass] is { } rate ? Math.Round(t.Bytes / 1073741824m * rate, 4) : null))
            .OrderBy(r => r.Bucket, StringComparer.Ordinal).ThenBy(r => r.Owner, StringComparer.Ordinal).ThenBy(r => r.DataClass, StringComparer.Ordinal).ThenBy(r => r.StorageClass, StringComparer.Ordinal)
            .ToList();
    }

    public static string Csv(IReadOnlyList<LedgerRow> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = SpreadsheetCsv.Writer(text))
        {
            foreach (var h in new[] { "bucket", "owner", "class", "storageClass", "objects", "bytes", "monthlyCost" }) csv.WriteField(h);
            csv.NextRecord();
            foreach (var r in rows)
            {
                csv.WriteField(r.Bucket); csv.WriteField(r.Owner); csv.WriteField(r.DataClass); csv.WriteField(r.StorageClass);
                csv.WriteField(r.Objects); csv.WriteField(r.Bytes); csv.WriteField(r.MonthlyCost?.ToString(CultureInfo.InvariantCulture) ?? "");
                csv.NextRecord();
            }
        }
        return text.ToString();
    }

    private Task SaveAsync(ReconcileCheckpoint checkpoint, CancellationToken ct) =>
        reports.PutAsync(CheckpointKey, JsonSerializer.SerializeToUtf8Bytes(checkpoint, StorageJsonContext.Default.ReconcileCheckpoint), "application/json", ct);
}
