using System.Text;
using Steward.Core.Events;
using Steward.Core.Observability;
using Steward.Core.Ports;

namespace Steward.Core.Storage;

/// <summary>What the storage hook was told and did about one change.</summary>
public enum ChangeOutcome { Classified, AlreadyClassified, Excluded, Gone, Removed }

/// <summary>One version as the hook found it: its start (size, storage class), its tags, its data class, and the classification if made now.</summary>
public sealed record Inspection(string Bucket, string Key, ObjectStart Start, IReadOnlyDictionary<string, string> Tags, string DataClass, Classification? Classification,
    IReadOnlyList<string> TagsLeftOut, string OwnerTag)
{
    public KeyState State(string order) => new(Bucket, Key, order, true, Start.VersionId, Start.Size, LedgerRules.Owner(Key, Tags, OwnerTag), DataClass, Start.StorageClass ?? "STANDARD");
}

public sealed record ChangeResult(StoredObjectChange Change, ChangeOutcome Outcome, Classification? Classification = null, IReadOnlyList<string>? TagsLeftOut = null,
    LedgerApply? Ledger = null);

/// <summary>Where the hook must not work (its own outputs, excluded prefixes), what is public, and how far content is read.</summary>
/// <param name="ScanLimitBytes">Text scanned per object: a text's first bytes, or all the text inside a container or document.</param>
/// <param name="OwnerTag">The tag that names an object's owner in the ledger; without it, the key's first prefix.</param>
/// <param name="OpenLimitBytes">Containers and documents (ZIP, Office, PDF, gzip) up to this size are read whole; larger ones are tagged too-large.</param>
public sealed record StorageSettings(IReadOnlySet<string> OwnBuckets, IReadOnlyList<string> ExcludedPrefixes, IReadOnlyList<string> PublicPrefixes, long ScanLimitBytes,
    string OwnerTag = "Owner", long OpenLimitBytes = 64L * 1024 * 1024)
{
    public static readonly StorageSettings Default = new(new HashSet<string>(), [], ["public/"], 1024 * 1024);

    /// <summary>Steward's own objects (the ledger, the reports) and excluded prefixes trigger no work: nothing Steward writes can loop.</summary>
    public bool Excludes(string bucket, string key) => OwnBuckets.Contains(bucket) || ExcludedPrefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal));
}

/// <summary>
/// One change to a watched bucket, handled: each new object version is classified and the class written onto it (one
/// ranged GET of at most 64 KB tells the content; a text is scanned for sensitive data as a stream up to the scan limit;
/// anything else up to the open limit is read whole by <see cref="ContentReader"/>, into its members, pages and cells;
/// what was not read is said in the scan tag; the tags are merged into the owner's), then the ledger is moved to the key's new state. A version already classified
/// is not read again (a repeated event, or the tagging itself, costs a tag read and moves nothing); a removal moves the
/// ledger only; Steward's own objects and excluded prefixes are left alone.
/// </summary>
public sealed class StorageHook(IObjectStore store, IStorageLedger ledger, StorageSettings settings, TimeProvider clock, StructuredLog log)
{
    public async Task<ChangeResult> HandleAsync(StoredObjectChange change, CancellationToken ct)
    {
        if (settings.Excludes(change.Bucket, change.Key)) return new ChangeResult(change, ChangeOutcome.Excluded);
        var order = LedgerRules.Order(change);
        if (change.Kind == ObjectChangeKind.Removed)
        {
            // A delete marker hides the key; a version deleted for good is the current one only if the ledger holds it as such.
            var removed = change.EventName.EndsWith("DeleteMarkerCreated", StringComparison.Ordinal) ? null : change.VersionId;
            var applied = await ledger.ApplyAsync(new KeyState(change.Bucket, change.Key, order, false, removed, 0, "", "", ""), ct);
            return new ChangeResult(change, ChangeOutcome.Removed, Ledger: applied);
        }

        var seen = await InspectAsync(change.Bucket, change.Key, change.VersionId, ct);
        if (seen is null) return Gone(change);
        var ledgered = await ledger.ApplyAsync(seen.State(order), ct);
        return new ChangeResult(change, seen.Classification is null ? ChangeOutcome.AlreadyClassified : ChangeOutcome.Classified, seen.Classification, seen.TagsLeftOut, ledgered);
    }

    /// <summary>What one version is, its tags and size: classified and tagged now if it never was; null when it is gone.</summary>
    public async Task<Inspection?> InspectAsync(string bucket, string key, string? versionId, CancellationToken ct)
    {
        var tags = await store.GetTagsAsync(bucket, key, versionId, ct);
        if (tags is null) return null;
        if (ObjectTags.AlreadyClassified(tags))
        {
            var head = await store.ReadStartAsync(bucket, key, versionId, 0, ct);
            return head is null ? null : new Inspection(bucket, key, head, tags, tags[ObjectTags.ClassKey], null, [], settings.OwnerTag);
        }

        var start = await store.ReadStartAsync(bucket, key, versionId, ContentSniffer.SampleBytes, ct);
        if (start is null) return null;
        var classification = await ClassifyAsync(bucket, key, versionId, start, ct);
        if (classification is null) return null;

        var (merged, leftOut) = ObjectTags.Merge(tags, classification, clock.GetUtcNow());
        await store.PutTagsAsync(bucket, key, start.VersionId ?? versionId, merged, ct);
        if (leftOut.Count > 0)
            log.Warn("no room for all of Steward's tags: the owner's are kept", ("bucket", bucket), ("key", key), ("leftOut", leftOut));
        // Counts of findings only: never a value found.
        log.Info("object classified", ("bucket", bucket), ("key", key), ("versionId", start.VersionId), ("content", DataClassRules.Tag(classification.Content)),
            ("class", DataClassRules.Tag(classification.Class)), ("reason", classification.Reason), ("bytesRead", classification.BytesRead),
            ("findings", classification.Findings.Select(f => $"{f.Key}={f.Value}")));
        return new Inspection(bucket, key, start, merged, DataClassRules.Tag(classification.Class), classification, leftOut, settings.OwnerTag);
    }

    private async Task<Classification?> ClassifyAsync(string bucket, string key, string? versionId, ObjectStart start, CancellationToken ct)
    {
        var sample = ContentSniffer.Sniff(start.Bytes);
        var scanner = new SensitivityScanner();
        var version = start.VersionId ?? versionId;
        long read;
        ScanExtent scan;
        if (sample.IsText && !sample.Compressed)
        {
            // Text is streamed: never held whole, whatever its size, up to the scan limit.
            if (await ScanTextAsync(bucket, key, version, start, scanner, ct) is not { } scanned) return null;
            read = scanned;
            scan = read >= start.Size ? ScanExtent.Complete : new ScanExtent(ScanCoverage.Partial, $"the first {Size(read)} of {Size(start.Size)} scanned");
        }
        else if (!ContentReader.Opens(start.Bytes))
        {
            // An image, a program, a format not read: the first bytes tell what it is, and reading more would tell no more.
            var reader = new ContentReader(scanner, new ReadLimits(settings.ScanLimitBytes, settings.OpenLimitBytes));
            reader.ReadObject(start.Bytes, key);
            read = start.Bytes.Length;
            scan = reader.Extent();
        }
        else if (start.Size > settings.OpenLimitBytes)
        {
            // A container's index is at its end and a document's pages point across it: read whole or not at all.
            read = start.Bytes.Length;
            scan = new ScanExtent(ScanCoverage.TooLarge, $"{Size(start.Size)} is over the {Size(settings.OpenLimitBytes)} opened whole");
        }
        else
        {
            if (await WholeAsync(bucket, key, version, start, ct) is not { } content) return null;
            var reader = new ContentReader(scanner, new ReadLimits(settings.ScanLimitBytes, settings.OpenLimitBytes));
            reader.ReadObject(content, key);
            read = content.Length;
            scan = reader.Extent();
        }
        var (dataClass, reason) = DataClassRules.Decide(scanner.Counts, scan, key, settings.PublicPrefixes);
        return new Classification(sample.Kind, sample.Compressed, dataClass, reason, scanner.Counts, read, scan);
    }

    /// <summary>
    /// A text scanned as a stream: the sample is the whole text, or its start; then the rest is streamed up to the scan
    /// limit, and the sample's last line, which the sample's end may cut, is scanned joined to the first line of the rest.
    /// The bytes read; null when the object went meanwhile.
    /// </summary>
    private async Task<long?> ScanTextAsync(string bucket, string key, string? version, ObjectStart start, SensitivityScanner scanner, CancellationToken ct)
    {
        var text = ContentSniffer.Decode(start.Bytes) ?? "";
        var more = start.Size > start.Bytes.Length && start.Bytes.Length < settings.ScanLimitBytes;
        // Scanned as spans of the sample's text: no string per line. The last line waits when more follows.
        var lastBreak = text.LastIndexOf('\n');
        scanner.ScanLines(more ? text.AsSpan(0, Math.Max(lastBreak, 0)) : text);
        if (!more) return start.Bytes.Length;
        var end = Math.Min(start.Size, settings.ScanLimitBytes);
        await using var rest = await store.ReadRangeAsync(bucket, key, version, start.Bytes.Length, end, ct);
        if (rest is null) return null;
        using var reader = new StreamReader(rest, Encoding.UTF8);
        var carry = text[(lastBreak + 1)..];
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            scanner.ScanLine(carry + line);
            carry = "";
        }
        if (carry.Length > 0) scanner.ScanLine(carry);
        return end;
    }

    /// <summary>The whole object: the sample when it was all of it, else the sample and the rest; null when gone meanwhile.</summary>
    private async Task<byte[]?> WholeAsync(string bucket, string key, string? version, ObjectStart start, CancellationToken ct)
    {
        if (start.Size <= start.Bytes.Length) return start.Bytes;
        await using var rest = await store.ReadRangeAsync(bucket, key, version, start.Bytes.Length, start.Size, ct);
        if (rest is null) return null;
        var whole = new MemoryStream(checked((int)start.Size));
        whole.Write(start.Bytes);
        await rest.CopyToAsync(whole, ct);
        return whole.ToArray();
    }

    private static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.#} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.#} MiB",
        >= 1L << 10 => $"{bytes / 1024.0:0.#} KiB",
        _ => $"{bytes} bytes",
    };

    private ChangeResult Gone(StoredObjectChange change)
    {
        log.Info("object gone before it could be classified: nothing to do", ("bucket", change.Bucket), ("key", change.Key), ("versionId", change.VersionId));
        return new ChangeResult(change, ChangeOutcome.Gone);
    }
}
