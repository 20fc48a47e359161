using System.Globalization;
using System.Text.Json.Serialization;
using Steward.Core.Events;

namespace Steward.Core.Storage;

/// <summary>
/// One key of a bucket as the ledger holds it: the current version, or none (deleted, or a delete marker on top). The
/// <see cref="Order"/> says which event it came from, so an older or repeated event never undoes a newer one.
/// </summary>
/// <param name="Classifier">The <see cref="ObjectClassifier.Generation"/> that decided <paramref name="DataClass"/>; 0 for a key the ledger
/// held before generations were kept: the reconciliation classifies such a key again.</param>
/// <param name="Account">The member account the bucket is in; null for the deployment's own buckets.</param>
public sealed record KeyState(string Bucket, string Key, string Order, bool Exists, string? VersionId, long Size, string Owner, string DataClass, string StorageClass, int Classifier = 0,
    string? Account = null)
{
    public LedgerGroup Group => new(Bucket, Owner, DataClass, StorageClass);
}

/// <summary>What the ledger adds up: a bucket's objects by owner, data class and storage class.</summary>
public sealed record LedgerGroup(string Bucket, string Owner, string DataClass, string StorageClass);

/// <summary>One row of the ledger: how many objects and bytes, and what they cost a month at their storage class's price.</summary>
public sealed record LedgerRow(
    [property: JsonPropertyName("bucket")] string Bucket,
    [property: JsonPropertyName("owner")] string Owner,
    [property: JsonPropertyName("class")] string DataClass,
    [property: JsonPropertyName("storageClass")] string StorageClass,
    [property: JsonPropertyName("objects")] long Objects,
    [property: JsonPropertyName("bytes")] long Bytes,
    [property: JsonPropertyName("monthlyCost")] decimal? MonthlyCost);

/// <summary>What applying a change did.</summary>
public enum LedgerApply { Applied, Stale }

/// <summary>How an event's place in a key's history is read and who owns an object.</summary>
public static class LedgerRules
{
    /// <summary>
    /// S3's sequencer orders the events of one key: compared as hex strings once padded to the same length (S3's rule).
    /// An event without one (some MinIO versions) is ordered by its time. The reconciliation's truth takes "" (before any event).
    /// </summary>
    public static string Order(StoredObjectChange change) =>
        change.Sequencer is { Length: > 0 } s ? "s" + s.ToUpperInvariant().PadLeft(40, '0')
        : change.Time is { } t ? "t" + t.UtcTicks.ToString("D20", CultureInfo.InvariantCulture)
        : "t" + DateTimeOffset.UtcNow.UtcTicks.ToString("D20", CultureInfo.InvariantCulture);

    public static bool IsNewer(string candidate, string? held) => held is null || string.CompareOrdinal(candidate, held) > 0;

    /// <summary>
    /// Whether a key's new state replaces the one held: only a newer one does, and the removal of a version that is not the
    /// current one (a noncurrent version deleted for good) leaves the current one standing.
    /// </summary>
    public static bool Replaces(KeyState? held, KeyState next) =>
        IsNewer(next.Order, held?.Order) && !(next is { Exists: false, VersionId: { } removed } && held is { Exists: true } && held.VersionId != removed);

    /// <summary>The owner tag's value, else the key's first prefix ("finance/q3.csv" → "finance"), else "(root)".</summary>
    public static string Owner(string key, IReadOnlyDictionary<string, string>? tags, string ownerTag) =>
        tags?.GetValueOrDefault(ownerTag) is { Length: > 0 } owner ? owner
        : key.IndexOf('/') is > 0 and var slash ? key[..slash]
        : "(root)";
}
