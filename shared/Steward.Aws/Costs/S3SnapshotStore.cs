using Amazon.S3;
using Steward.Core.Ports;

namespace Steward.Aws.Costs;

/// <summary>The cost snapshot bucket: the history, the units file, each day's set and each closed month.</summary>
public sealed class S3SnapshotStore(IAmazonS3 s3, string bucket) : ISnapshotStore
{
    public static IReadOnlyList<string> IamActions => S3Objects.IamActions;

    private readonly S3Objects _objects = new(s3, bucket);

    public Task<byte[]?> GetAsync(string key, CancellationToken ct) => _objects.GetAsync(key, ct);
    public Task<StoredObject> PutAsync(string key, byte[] content, string contentType, CancellationToken ct) => _objects.PutAsync(key, content, contentType, ct);
    public string ShareLink(string key, TimeSpan lifetime) => _objects.PresignedGet(key, lifetime);
    public string Location(string key) => _objects.Location(key);
}
