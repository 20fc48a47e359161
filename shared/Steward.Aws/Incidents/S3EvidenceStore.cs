using Amazon.S3;
using Steward.Core.Ports;

namespace Steward.Aws.Incidents;

/// <summary>The evidence bucket: each object written whole, with its SHA-256 computed here and checked by S3 on arrival.</summary>
public sealed class S3EvidenceStore(IAmazonS3 s3, string bucket) : IEvidenceStore
{
    public static IReadOnlyList<string> IamActions => S3Objects.IamActions;

    private readonly S3Objects _objects = new(s3, bucket);

    public async Task<EvidenceObject> PutAsync(string key, byte[] content, string contentType, CancellationToken ct)
    {
        var stored = await _objects.PutAsync(key, content, contentType, ct);
        return new EvidenceObject(bucket, key, stored.VersionId, stored.Sha256);
    }

    public Task<byte[]?> GetAsync(string key, CancellationToken ct) => _objects.GetAsync(key, ct);

    public string Location(string key) => _objects.Location(key);
}
