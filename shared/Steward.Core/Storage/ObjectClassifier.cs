using System.Text;
using Steward.Core.Ports;

namespace Steward.Core.Storage;

/// <summary>
/// What one object version is and how sensitive, from the store it is in: one ranged GET of at most 64 KB tells the
/// content; a text is scanned as a stream up to the scan limit; a container or document up to the open limit is read whole
/// by <see cref="ContentReader"/> into its members, pages and cells; anything else is told by its first bytes. The storage
/// hook classifies with it, and so does <c>steward-local classify</c> on local files: the same decisions on both.
/// </summary>
public sealed class ObjectClassifier(IObjectStore store, StorageSettings settings)
{
    /// <summary>
    /// Which classifier decided a class, kept with each key in the ledger: 1 read only text (its tags have no
    /// <c>steward:scan</c>: a PDF it called public was never read); 2 reads documents, archives and Parquet and says what
    /// it did not read; 3 finds private keys in PuTTY's and SSH.com's formats and written into source code, and JWTs
    /// without their signature. The reconciliation classifies again every key the ledger says an older generation
    /// decided, once, whatever its tags say; raise this when a detector finds what it did not.
    /// </summary>
    public const int Generation = 3;

    /// <summary>The version's start and its classification; null when it is gone.</summary>
    public async Task<(ObjectStart Start, Classification Classification)?> ClassifyAsync(string bucket, string key, string? versionId, CancellationToken ct)
    {
        var start = await store.ReadStartAsync(bucket, key, versionId, ContentSniffer.SampleBytes, ct);
        if (start is null) return null;
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
        return (start, new Classification(sample.Kind, sample.Compressed, dataClass, reason, scanner.Counts, read, scan));
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
}
