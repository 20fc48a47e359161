namespace Steward.Core.Ports;

/// <summary>The first bytes of one object version, with what S3 says of the whole.</summary>
public sealed record ObjectStart(byte[] Bytes, long Size, string? VersionId, string? StorageClass);

/// <summary>The buckets Steward classifies (S3, or a MinIO deployment through its S3 API).</summary>
public interface IObjectStore
{
    /// <summary>One ranged GET of at most <paramref name="maxBytes"/> from the start; null when the object (or that version) is gone.</summary>
    Task<ObjectStart?> ReadStartAsync(string bucket, string key, string? versionId, int maxBytes, CancellationToken ct);

    /// <summary>The bytes from <paramref name="from"/> up to <paramref name="toExclusive"/>, streamed; null when gone.</summary>
    Task<Stream?> ReadRangeAsync(string bucket, string key, string? versionId, long from, long toExclusive, CancellationToken ct);

    /// <summary>The version's tags; null when gone.</summary>
    Task<IReadOnlyDictionary<string, string>?> GetTagsAsync(string bucket, string key, string? versionId, CancellationToken ct);

    /// <summary>Replaces the version's whole tag set (S3 has no merge: the caller merges).</summary>
    Task PutTagsAsync(string bucket, string key, string? versionId, IReadOnlyDictionary<string, string> tags, CancellationToken ct);
}

/// <summary>
/// The storage ledger: each key's current state and the totals by bucket, owner, data class and storage class, kept exact
/// under concurrent invocations, repeated and reordered events, and a crash between any two writes.
/// </summary>
public interface IStorageLedger
{
    /// <summary>Applies a key's new state if it is newer than the one held (by its order); a repeat or an older one changes nothing.</summary>
    Task<Steward.Core.Storage.LedgerApply> ApplyAsync(Steward.Core.Storage.KeyState next, CancellationToken ct);

    /// <summary>Sets a key to what the bucket holds (the reconciliation), unless an event changed it since <paramref name="seen"/> was read.</summary>
    Task<bool> CorrectAsync(Steward.Core.Storage.KeyState? seen, Steward.Core.Storage.KeyState truth, CancellationToken ct);

    Task<IReadOnlyList<Steward.Core.Storage.KeyState>> KeysAsync(string bucket, CancellationToken ct);

    /// <summary>The totals, without prices: (group, objects, bytes).</summary>
    Task<IReadOnlyList<(Steward.Core.Storage.LedgerGroup Group, long Objects, long Bytes)>> TotalsAsync(CancellationToken ct);
}

/// <summary>An object as a bucket listing shows it (the current version of its key).</summary>
public sealed record ListedObject(string Key, long Size, string StorageClass);

/// <summary>A page of a bucket's listing, in key order, and where the next one starts.</summary>
public sealed record ListingPage(IReadOnlyList<ListedObject> Objects, string? NextToken);

/// <summary>The listing side of a watched bucket, for the reconciliation.</summary>
public interface IBucketLister
{
    Task<ListingPage> ListAsync(string bucket, string? token, CancellationToken ct);
}
