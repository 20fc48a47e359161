using System.Formats.Tar;
using System.IO.Compression;

namespace Steward.Core.Storage;

/// <summary>
/// Reads what an object holds into the scanner, whatever users store it as: text (scripts and source included), gzip,
/// zstd, bzip2 and xz streams, tar, ZIP, 7z and RAR archives (each member, nested to a limit), Office Open XML and OpenDocument files (their XML's
/// text), PDF text layers, and Parquet's column values; and keeps, in words, what it could not read: encrypted members and documents, formats it does
/// not read, members cut by a limit. Every read is bounded by <see cref="ReadLimits"/>, whatever the object claims of itself.
/// </summary>
public sealed class ContentReader(SensitivityScanner scanner, ReadLimits limits)
{
    private long _textLeft = limits.TextBytes;
    private int _members;
    private bool _wholeUnsupported, _wholeDamaged;
    private readonly List<string> _encrypted = [], _unsupported = [], _cut = [], _damaged = [];

    /// <summary>Bytes of text handed to the scanner so far.</summary>
    public long TextRead => limits.TextBytes - _textLeft;

    /// <summary>Reads a whole object already in memory. <paramref name="name"/> is its key, for the words only.</summary>
    public void ReadObject(byte[] content, string name) => Read(content, name, depth: 0, cutShort: false);

    /// <summary>
    /// What was read, as the object's coverage: encrypted when anything was (named so, as a reviewer needs to know);
    /// unsupported or damaged when the object itself is that; partial when a member or page was not read, or a limit cut it.
    /// </summary>
    public ScanExtent Extent()
    {
        var notRead = new List<string>();
        void Say(string what, List<string> names)
        {
            if (names.Count == 0) return;
            var shown = string.Join(", ", names.Take(3));
            notRead.Add(names.Count > 3 ? $"{what}: {shown} and {names.Count - 3} more" : $"{what}: {shown}");
        }
        Say("encrypted", _encrypted);
        Say("not read", _unsupported);
        Say("damaged", _damaged);
        Say("cut", _cut);
        var words = notRead.Count == 0 ? null : string.Join("; ", notRead);
        if (_encrypted.Count > 0) return new ScanExtent(ScanCoverage.Encrypted, words);
        if (_wholeUnsupported) return new ScanExtent(ScanCoverage.Unsupported, words);
        if (_wholeDamaged) return new ScanExtent(ScanCoverage.Damaged, words);
        return words is null ? ScanExtent.Complete : new ScanExtent(ScanCoverage.Partial, words);
    }

    /// <summary>
    /// Whether content starting so is opened (a container, a compressed stream, a document): only then is more than the
    /// first bytes worth reading; anything else (an image, a program, a format Steward does not read) is told by them.
    /// </summary>
    public static bool Opens(ReadOnlySpan<byte> head) => ContentSniffer.ContainerOf(head) is not null;

    /// <summary>A content told by its first bytes, read by its kind. <paramref name="cutShort"/>: the content was not read to its end.</summary>
    private void Read(byte[] content, string name, int depth, bool cutShort)
    {
        if (cutShort) _cut.Add($"{name} (past the read limit)");
        var head = content.AsSpan(0, Math.Min(content.Length, ContentSniffer.SampleBytes));
        if (ContentSniffer.ContainerOf(head) is not { } container) { Told(content, head, name, depth); return; }
        // Archives and compressed streams hold more content; documents end the nesting.
        if (depth >= limits.Depth && container is not (ContentSniffer.Container.Pdf or ContentSniffer.Container.Parquet or ContentSniffer.Container.EncryptedParquet))
        {
            _cut.Add($"{name} (nested deeper than {limits.Depth})");
            return;
        }
        switch (container)
        {
            case ContentSniffer.Container.Gzip:
                Decompressed(() => new GZipStream(new MemoryStream(content), CompressionMode.Decompress), content.Length, Inner(name, ".gz"), depth);
                break;
            case ContentSniffer.Container.Zstd:
                Decompressed(() => new ZstdSharp.DecompressionStream(new MemoryStream(content)), content.Length, Inner(name, ".zst"), depth);
                break;
            case ContentSniffer.Container.Bzip2:
                Decompressed(() => SharpCompress.Compressors.BZip2.BZip2Stream.Create(new MemoryStream(content), SharpCompress.Compressors.CompressionMode.Decompress,
                    decompressConcatenated: true, leaveOpen: false, tolerateTruncatedStream: false), content.Length, Inner(name, ".bz2"), depth);
                break;
            case ContentSniffer.Container.Xz:
                Decompressed(() => new SharpCompress.Compressors.Xz.XZStream(new MemoryStream(content)), content.Length, Inner(name, ".xz"), depth);
                break;
            case ContentSniffer.Container.Zip: Zip(content, name, depth); break;
            case ContentSniffer.Container.SevenZip or ContentSniffer.Container.Rar: SevenZipOrRar(content, name, depth); break;
            case ContentSniffer.Container.Tar: Tar(content, name, depth); break;
            case ContentSniffer.Container.Parquet: ParquetColumns.Read(content, this, name, depth); break;
            case ContentSniffer.Container.EncryptedParquet: _encrypted.Add($"{name} (Parquet with an encrypted footer)"); break;
            default: Pdf(content, name); break;
        }
    }

    /// <summary>What is not opened: text is scanned; anything else is named by its kind, not read.</summary>
    private void Told(byte[] content, ReadOnlySpan<byte> head, string name, int depth)
    {
        var sample = ContentSniffer.Sniff(head);
        if (sample.IsText) { Text(content, name); return; }
        // Office encrypts a protected .docx/.xlsx into an OLE2 file holding an EncryptedPackage stream.
        if (sample.Kind == ContentKind.Office && OfficeDocuments.IsEncryptedPackage(head)) { _encrypted.Add($"{name} (a password-protected Office document)"); return; }
        NotRead(name, depth, sample.Kind switch
        {
            ContentKind.Image => "an image: its pixels are not read",
            ContentKind.Executable => "a compiled program",
            ContentKind.Office => "a legacy (OLE2) Office document",
            ContentKind.Archive => "an archive format Steward does not open",
            _ => "binary content of no format Steward reads",
        });
    }

    private void NotRead(string name, int depth, string why)
    {
        _unsupported.Add($"{name} ({why})");
        if (depth == 0) _wholeUnsupported = true;
    }

    internal void Damaged(string name, int depth, string why)
    {
        _damaged.Add($"{name} ({why})");
        if (depth == 0) _wholeDamaged = true;
    }

    /// <summary>Text as it is: decoded and scanned line by line within the text budget.</summary>
    private void Text(byte[] content, string name)
    {
        var length = (int)Math.Min(content.Length, _textLeft);
        if (length < content.Length) _cut.Add($"{name} (text past the {Bytes(limits.TextBytes)} scanned)");
        var text = ContentSniffer.Decode(content.AsSpan(0, length)) ?? "";
        scanner.ScanLines(text);
        _textLeft -= length;
    }

    /// <summary>Text extracted from a document (its XML, a PDF's pages): scanned within the budget, a character counted as a byte.</summary>
    internal bool ExtractedText(string text, string name)
    {
        if (_textLeft <= 0) { _cut.Add($"{name} (past the {Bytes(limits.TextBytes)} scanned)"); return false; }
        var allowed = (int)Math.Min(text.Length, _textLeft);
        scanner.ScanLines(text.AsSpan(0, allowed));
        _textLeft -= allowed;
        if (allowed < text.Length) { _cut.Add($"{name} (text past the {Bytes(limits.TextBytes)} scanned)"); return false; }
        return true;
    }

    /// <summary>A gzip, zstd, bzip2 or xz stream: decompressed up to the expansion cap, then read as what it holds.</summary>
    private void Decompressed(Func<Stream> open, long compressed, string name, int depth)
    {
        byte[] inner;
        bool cut;
        try
        {
            using var stream = open();
            (inner, cut) = ReadUpTo(stream, Math.Min(limits.ExpansionCap(compressed), limits.OpenBytes));
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ZstdSharp.ZstdException or SharpCompress.Common.SharpCompressException or InvalidOperationException or
                                       NotSupportedException or IndexOutOfRangeException)
        {
            Damaged(name, depth, "a compressed stream that does not decompress");
            return;
        }
        Read(inner, name, depth + 1, cut);
    }

    private void Zip(byte[] content, string name, int depth)
    {
        ZipArchive archive;
        try { archive = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read); }
        catch (InvalidDataException) { Damaged(name, depth, "a ZIP whose directory cannot be read"); return; }
        using (archive)
        {
            var office = OfficeDocuments.Kind(archive);
            if (office is not null) { OfficeDocuments.Read(archive, office.Value, this, name, depth); return; }
            foreach (var entry in archive.Entries)
            {
                if (entry.FullName.EndsWith('/')) continue; // a folder
                var member = $"{name}/{entry.FullName}";
                if (!Member(member)) return;
                if (entry.IsEncrypted) { _encrypted.Add(member); continue; }
                var (bytes, cut) = Entry(entry, member, depth);
                if (bytes is not null) Read(bytes, member, depth + 1, cut);
            }
        }
    }

    /// <summary>One more member: false when the member limit is reached, and said once.</summary>
    internal bool Member(string member)
    {
        if (++_members <= limits.Members) return true;
        if (_members == limits.Members + 1) _cut.Add($"{member} and the members after it (more than {limits.Members} members)");
        return false;
    }

    /// <summary>A ZIP member's bytes, up to its expansion cap (a member's declared size is not trusted: the stream is counted).</summary>
    internal (byte[]? Bytes, bool Cut) Entry(ZipArchiveEntry entry, string member, int depth)
    {
        try
        {
            using var stream = entry.Open();
            return ReadUpTo(stream, Math.Min(limits.ExpansionCap(entry.CompressedLength), limits.OpenBytes));
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
        {
            Damaged(member, depth + 1, "a member that does not decompress");
            return (null, false);
        }
    }

    /// <summary>
    /// 7z and RAR, with SharpCompress: each member read as any member is; an encrypted member named; a RAR whose file names
    /// are encrypted too cannot even be listed, and is named encrypted whole. A solid 7z does not say each member's
    /// compressed size, so a member's expansion is bounded by the whole archive's.
    /// </summary>
    private void SevenZipOrRar(byte[] content, string name, int depth)
    {
        try
        {
            using var archive = SharpCompress.Archives.ArchiveFactory.OpenArchive(new MemoryStream(content), new SharpCompress.Readers.ReaderOptions());
            foreach (var entry in archive.Entries)
            {
                if (entry.IsDirectory) continue;
                var member = $"{name}/{entry.Key}";
                if (!Member(member)) return;
                if (entry.IsEncrypted) { _encrypted.Add(member); continue; }
                using var stream = entry.OpenEntryStream();
                var (bytes, cut) = ReadUpTo(stream, Math.Min(limits.ExpansionCap(entry.CompressedSize > 0 ? entry.CompressedSize : content.Length), limits.OpenBytes));
                Read(bytes, member, depth + 1, cut);
            }
        }
        catch (SharpCompress.Common.CryptographicException) { _encrypted.Add($"{name} (an archive whose file names are encrypted too)"); }
        catch (Exception e) when (e is SharpCompress.Common.SharpCompressException or InvalidDataException or IOException or NotSupportedException or InvalidOperationException or
                                       IndexOutOfRangeException or ArgumentException)
        {
            Damaged(name, depth, "an archive that cannot be read");
        }
    }

    private void Tar(byte[] content, string name, int depth)
    {
        try
        {
            using var reader = new TarReader(new MemoryStream(content));
            while (reader.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null) continue;
                var member = $"{name}/{entry.Name}";
                if (!Member(member)) return;
                var (bytes, cut) = ReadUpTo(entry.DataStream, limits.OpenBytes);
                Read(bytes, member, depth + 1, cut);
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or IOException)
        {
            Damaged(name, depth, "a tar archive that cannot be read to its end");
        }
    }

    private void Pdf(byte[] content, string name)
    {
        switch (PdfText.Read(content, this, name))
        {
            case PdfOutcome.Encrypted: _encrypted.Add($"{name} (a PDF that needs a password)"); break;
            case PdfOutcome.Damaged: Damaged(name, 0, "a PDF that cannot be parsed"); break;
            case PdfOutcome.NoText: NotRead(name, 0, "a PDF without a text layer: scanned pages are images"); break;
        }
    }

    /// <summary>Up to <paramref name="cap"/> bytes of a stream; cut when more followed.</summary>
    internal static (byte[] Bytes, bool Cut) ReadUpTo(Stream stream, long cap)
    {
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, cap - output.Length + 1))) > 0)
        {
            if (output.Length + read > cap) { output.Write(buffer, 0, (int)(cap - output.Length)); return (output.ToArray(), true); }
            output.Write(buffer, 0, read);
        }
        return (output.ToArray(), false);
    }

    internal void Encrypted(string what) => _encrypted.Add(what);
    internal void Cut(string what) => _cut.Add(what);
    internal long TextLeft => _textLeft;
    internal void ReadMember(byte[] content, string member, int depth, bool cutShort) => Read(content, member, depth, cutShort);

    private static string Inner(string name, string extension) => name.EndsWith(extension, StringComparison.OrdinalIgnoreCase) ? name[..^extension.Length] : name + "(decompressed)";

    private static string Bytes(long n) => n >= 1024 * 1024 ? $"{n / (1024 * 1024)} MiB" : $"{n / 1024} KiB";
}
