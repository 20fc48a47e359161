using Steward.Core.Ports;

namespace Steward.Tests.Storage;

/// <summary>A bucket in memory: objects by key (one version each), their tags, and every read's size.</summary>
public sealed class FakeObjectStore : IObjectStore
{
    public Dictionary<string, byte[]> Objects { get; } = [];
    public Dictionary<string, Dictionary<string, string>> Tags { get; } = [];
    public List<(string Key, long Bytes)> Reads { get; } = [];
    public int TagWrites { get; private set; }

    public void Put(string key, byte[] content, Dictionary<string, string>? tags = null)
    {
        Objects[key] = content;
        Tags[key] = tags ?? [];
    }

    public Task<ObjectStart?> ReadStartAsync(string bucket, string key, string? versionId, int maxBytes, CancellationToken ct)
    {
        if (!Objects.TryGetValue(key, out var content)) return Task.FromResult<ObjectStart?>(null);
        var head = content.Take(maxBytes).ToArray();
        Reads.Add((key, head.Length));
        return Task.FromResult<ObjectStart?>(new ObjectStart(head, content.Length, versionId ?? "v1", "STANDARD"));
    }

    public Task<Stream?> ReadRangeAsync(string bucket, string key, string? versionId, long from, long toExclusive, CancellationToken ct)
    {
        if (!Objects.TryGetValue(key, out var content)) return Task.FromResult<Stream?>(null);
        var part = content.Skip((int)from).Take((int)(toExclusive - from)).ToArray();
        Reads.Add((key, part.Length));
        return Task.FromResult<Stream?>(new MemoryStream(part));
    }

    public Task<IReadOnlyDictionary<string, string>?> GetTagsAsync(string bucket, string key, string? versionId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<string, string>?>(Tags.TryGetValue(key, out var t) ? new Dictionary<string, string>(t) : null);

    public Task PutTagsAsync(string bucket, string key, string? versionId, IReadOnlyDictionary<string, string> tags, CancellationToken ct)
    {
        if (tags.Count > 10) throw new DependencyFailed("s3", "BadRequest", "Object tags cannot be greater than 10", 400);
        TagWrites++;
        Tags[key] = new Dictionary<string, string>(tags);
        return Task.CompletedTask;
    }
}
