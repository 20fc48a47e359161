using System.Text;
using Steward.Core.Events;
using Steward.Core.Observability;
using Steward.Core.Ports;

namespace Steward.Core.Storage;

/// <summary>What the storage hook was told and did about one change.</summary>
/// <remarks><see cref="Refused"/>: the bucket is in an account that is not one of Steward's: nothing was read or tagged.</remarks>
public enum ChangeOutcome { Classified, AlreadyClassified, Excluded, Gone, Removed, Refused }

/// <summary>One version as the hook found it: its start (size, storage class), its tags, its data class, and the classification if made now.</summary>
public sealed record Inspection(string Bucket, string Key, ObjectStart Start, IReadOnlyDictionary<string, string> Tags, string DataClass, Classification? Classification,
    IReadOnlyList<string> TagsLeftOut, string OwnerTag)
{
    /// <remarks>The class is this generation's: classified now, or tagged by it before (an older one's tags are classified again).</remarks>
    public KeyState State(string order) => new(Bucket, Key, order, true, Start.VersionId, Start.Size, LedgerRules.Owner(Key, Tags, OwnerTag), DataClass, Start.StorageClass ?? "STANDARD",
        ObjectClassifier.Generation);
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
/// One change to a watched bucket, handled: each new object version is classified (<see cref="ObjectClassifier"/>) and the
/// class written onto it (what was not read is said in the scan tag; the tags are merged into the owner's), then the ledger is moved to the key's new state. A version already classified
/// is not read again (a repeated event, or the tagging itself, costs a tag read and moves nothing); a removal moves the
/// ledger only; Steward's own objects and excluded prefixes are left alone.
/// </summary>
/// <param name="account">The member account whose buckets <paramref name="store"/> reads (through its member role); null for the deployment's own.</param>
public sealed class StorageHook(IObjectStore store, IStorageLedger ledger, StorageSettings settings, TimeProvider clock, StructuredLog log, string? account = null)
{
    private readonly ObjectClassifier _classifier = new(store, settings);

    public async Task<ChangeResult> HandleAsync(StoredObjectChange change, CancellationToken ct)
    {
        if (settings.Excludes(change.Bucket, change.Key)) return new ChangeResult(change, ChangeOutcome.Excluded);
        var order = LedgerRules.Order(change);
        if (change.Kind == ObjectChangeKind.Removed)
        {
            // A delete marker hides the key; a version deleted for good is the current one only if the ledger holds it as such.
            var removed = change.EventName.EndsWith("DeleteMarkerCreated", StringComparison.Ordinal) ? null : change.VersionId;
            var applied = await ledger.ApplyAsync(new KeyState(change.Bucket, change.Key, order, false, removed, 0, "", "", "", Account: account), ct);
            return new ChangeResult(change, ChangeOutcome.Removed, Ledger: applied);
        }

        var seen = await InspectAsync(change.Bucket, change.Key, change.VersionId, ct);
        if (seen is null) return Gone(change);
        var ledgered = await ledger.ApplyAsync(seen.State(order) with { Account = account }, ct);
        return new ChangeResult(change, seen.Classification is null ? ChangeOutcome.AlreadyClassified : ChangeOutcome.Classified, seen.Classification, seen.TagsLeftOut, ledgered);
    }

    /// <summary>What one version is, its tags and size: classified and tagged now if it never was; null when it is gone.</summary>
    /// <param name="again">Classify even though its tags say it was: the ledger says an older generation decided them.</param>
    public async Task<Inspection?> InspectAsync(string bucket, string key, string? versionId, CancellationToken ct, bool again = false)
    {
        var tags = await store.GetTagsAsync(bucket, key, versionId, ct);
        if (tags is null) return null;
        if (!again && ObjectTags.AlreadyClassified(tags))
        {
            var head = await store.ReadStartAsync(bucket, key, versionId, 0, ct);
            return head is null ? null : new Inspection(bucket, key, head, tags, tags[ObjectTags.ClassKey], null, [], settings.OwnerTag);
        }

        if (await _classifier.ClassifyAsync(bucket, key, versionId, ct) is not { } classified) return null;
        var (start, classification) = classified;

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

    private ChangeResult Gone(StoredObjectChange change)
    {
        log.Info("object gone before it could be classified: nothing to do", ("bucket", change.Bucket), ("key", change.Key), ("versionId", change.VersionId));
        return new ChangeResult(change, ChangeOutcome.Gone);
    }
}
