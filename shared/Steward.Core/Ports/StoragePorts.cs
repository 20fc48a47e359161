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
