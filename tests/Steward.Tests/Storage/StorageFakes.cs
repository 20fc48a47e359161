using Steward.Core.Ports;

namespace Steward.Tests.Storage;

/// <summary>A bucket in memory: objects by key (one version each), their tags, and every read's size.</summary>
public sealed class FakeObjectStore : IObjectStore, IBucketLister
{
    public int PageSize { get; set; } = 1000;
    public int Listings { get; private set; }

    public Task<ListingPage> ListAsync(string bucket, string? token, CancellationToken ct)
    {
        Listings++;
        var keys = Objects.Keys.Order(StringComparer.Ordinal).ToList();
        var start = token is null ? 0 : int.Parse(token, System.Globalization.CultureInfo.InvariantCulture);
        var page = keys.Skip(start).Take(PageSize).Select(k => new ListedObject(k, Objects[k].Length, "STANDARD")).ToList();
        var next = start + PageSize < keys.Count ? (start + PageSize).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return Task.FromResult(new ListingPage(page, next));
    }

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

/// <summary>The ledger in memory, with the same rules as the DynamoDB one (one lock stands for its transactions).</summary>
public sealed class FakeLedger : IStorageLedger
{
    private readonly Lock _gate = new();
    public Dictionary<(string Bucket, string Key), Steward.Core.Storage.KeyState> Keys { get; } = [];

    public Task<Steward.Core.Storage.LedgerApply> ApplyAsync(Steward.Core.Storage.KeyState next, CancellationToken ct)
    {
        lock (_gate)
        {
            var held = Keys.GetValueOrDefault((next.Bucket, next.Key));
            if (!Steward.Core.Storage.LedgerRules.Replaces(held, next)) return Task.FromResult(Steward.Core.Storage.LedgerApply.Stale);
            Keys[(next.Bucket, next.Key)] = next;
            return Task.FromResult(Steward.Core.Storage.LedgerApply.Applied);
        }
    }

    public Task<bool> CorrectAsync(Steward.Core.Storage.KeyState? seen, Steward.Core.Storage.KeyState truth, CancellationToken ct)
    {
        lock (_gate)
        {
            if (Keys.GetValueOrDefault((truth.Bucket, truth.Key)) != seen) return Task.FromResult(false);
            Keys[(truth.Bucket, truth.Key)] = truth with { Order = seen?.Order ?? truth.Order };
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<Steward.Core.Storage.KeyState>> KeysAsync(string bucket, CancellationToken ct)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<Steward.Core.Storage.KeyState>>(Keys.Values.Where(k => k.Bucket == bucket).OrderBy(k => k.Key, StringComparer.Ordinal).ToList());
    }

    public Task<IReadOnlyList<(Steward.Core.Storage.LedgerGroup Group, long Objects, long Bytes)>> TotalsAsync(CancellationToken ct)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<(Steward.Core.Storage.LedgerGroup, long, long)>>(Keys.Values.Where(k => k.Exists).GroupBy(k => k.Group)
                .Select(g => (g.Key, (long)g.Count(), g.Sum(k => k.Size))).ToList());
    }
}
