using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Steward.Core.Storage;

/// <summary>What an object holds, as its first bytes say (never its name: a PDF named .csv is a PDF).</summary>
public enum ContentKind { Pdf, Image, Archive, Office, Parquet, Csv, Json, Text, Script, Executable, Unknown }

/// <summary>The content and, for text, the text itself (decoded, possibly cut at the sample's end) for the sensitivity scan.</summary>
public sealed record ContentSample(ContentKind Kind, bool Compressed, bool IsText);

/// <summary>
/// Tells an object's content from at most its first 64 KB by signature (magic numbers), the way file(1) and libmagic do:
/// ZIP containers are told apart by their first entries (Office Open XML and OpenDocument are ZIPs), gzip is looked
/// through, and text is told from binary by whether it decodes as UTF-8 (or a UTF-16 with its byte order mark).
/// </summary>
public static class ContentSniffer
{
    public const int SampleBytes = 64 * 1024;

    public static ContentSample Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]))
        {
            var inner = Gunzip(head);
            if (inner.Length > 0 && Sniff(inner) is { IsText: true } text) return text with { Compressed = true };
            return new ContentSample(ContentKind.Archive, true, false);
        }
        return Binary(head) is { } kind ? new ContentSample(kind, false, false) : TextKind(head);
    }

    /// <summary>The first bytes of a gzip stream, decompressed as far as the sample allows (the sample may end mid-stream).</summary>
    public static byte[] Gunzip(ReadOnlySpan<byte> head)
    {
        using var output = new MemoryStream();
        try
        {
            using var gzip = new GZipStream(new MemoryStream(head.ToArray()), CompressionMode.Decompress);
            var buffer = new byte[8192];
            int read;
            while (output.Length < SampleBytes && (read = gzip.Read(buffer, 0, buffer.Length)) > 0) output.Write(buffer, 0, read);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException) { /* cut short: keep what came out */ }
        return output.ToArray();
    }

    private static ContentKind? Binary(ReadOnlySpan<byte> h)
    {
        var container = ContainerOf(h);
        if (container == Container.Pdf) return ContentKind.Pdf;
        if (h.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]) || h.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) || h.StartsWith("GIF87a"u8) ||
            h.StartsWith("GIF89a"u8) || (h.Length >= 12 && h.StartsWith("RIFF"u8) && h[8..12].SequenceEqual("WEBP"u8)) || h.StartsWith("II*\0"u8) ||
            h.StartsWith("MM\0*"u8) || (h.Length >= 12 && h[4..8].SequenceEqual("ftyp"u8) && (h[8..12].SequenceEqual("heic"u8) || h[8..12].SequenceEqual("avif"u8))))
            return ContentKind.Image;
        if (container is Container.Parquet or Container.EncryptedParquet) return ContentKind.Parquet;
        if (h.StartsWith((ReadOnlySpan<byte>)[0x7F, (byte)'E', (byte)'L', (byte)'F']) || h.StartsWith("MZ"u8) || h.StartsWith((ReadOnlySpan<byte>)[0xCF, 0xFA, 0xED, 0xFE]) || h.StartsWith((ReadOnlySpan<byte>)[0xCE, 0xFA, 0xED, 0xFE]) ||
            h.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xED, 0xFA, 0xCF]) || h.StartsWith((ReadOnlySpan<byte>)[0xCA, 0xFE, 0xBA, 0xBE]))
            return ContentKind.Executable;
        if (h.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])) return ContentKind.Office; // OLE2: .doc, .xls, .ppt
        if (container == Container.Zip)
            return h.IndexOf("[Content_Types].xml"u8) >= 0 || h.IndexOf("mimetypeapplication/vnd.oasis.opendocument"u8) >= 0 ||
                   h.IndexOf("word/"u8) >= 0 || h.IndexOf("xl/"u8) >= 0 || h.IndexOf("ppt/"u8) >= 0
                ? ContentKind.Office : ContentKind.Archive;
        return container is null ? null : ContentKind.Archive;
    }

    /// <summary>The containers, compressed streams and documents <see cref="ContentReader"/> opens, told by their magic numbers.</summary>
    internal enum Container { Gzip, Zstd, Bzip2, Xz, Zip, SevenZip, Rar, Tar, Pdf, Parquet, EncryptedParquet }

    /// <summary>The one place their signatures are written: the content's kind and what the reader opens both come from here.</summary>
    internal static Container? ContainerOf(ReadOnlySpan<byte> h)
    {
        if (h.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B])) return Container.Gzip;
        if (h.StartsWith((ReadOnlySpan<byte>)[0x28, 0xB5, 0x2F, 0xFD])) return Container.Zstd;
        if (IsBzip2(h)) return Container.Bzip2;
        if (h.StartsWith((ReadOnlySpan<byte>)[0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00])) return Container.Xz;
        if (h.StartsWith("PK\x03\x04"u8) || h.StartsWith("PK\x05\x06"u8)) return Container.Zip;
        if (h.StartsWith((ReadOnlySpan<byte>)[0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C])) return Container.SevenZip;
        if (h.StartsWith("Rar!\x1A\x07"u8)) return Container.Rar;
        if (h.Length > 262 && h[257..262].SequenceEqual("ustar"u8)) return Container.Tar;
        if (h.StartsWith("%PDF-"u8)) return Container.Pdf;
        if (h.StartsWith("PAR1"u8)) return Container.Parquet;
        if (h.StartsWith("PARE"u8)) return Container.EncryptedParquet; // a footer encrypted by Parquet's modular encryption
        return null;
    }

    /// <summary>bzip2: "BZh", the block size 1 to 9, and a block's or the stream end's magic (so a text starting "BZh5" is not taken).</summary>
    private static bool IsBzip2(ReadOnlySpan<byte> head) =>
        head.Length >= 10 && head.StartsWith("BZh"u8) && head[3] is >= (byte)'1' and <= (byte)'9' &&
        (head[4..10].SequenceEqual((ReadOnlySpan<byte>)[0x31, 0x41, 0x59, 0x26, 0x53, 0x59]) || head[4..10].SequenceEqual((ReadOnlySpan<byte>)[0x17, 0x72, 0x45, 0x38, 0x50, 0x90]));

    private static ContentSample TextKind(ReadOnlySpan<byte> head)
    {
        if (Decode(head) is not { } text) return new ContentSample(ContentKind.Unknown, false, false);
        var trimmed = text.TrimStart();
        if (trimmed.Length == 0) return new ContentSample(ContentKind.Text, false, true);
        // A script (#!/bin/sh, #!/usr/bin/env python) is text, and where hard-coded keys live: scanned as any text.
        if (text.StartsWith("#!", StringComparison.Ordinal)) return new ContentSample(ContentKind.Script, false, true);
        // The first 8 KB decide the shape: JSON that is well formed so far, or lines that split alike.
        var start = trimmed.Length > 8192 ? trimmed[..8192] : trimmed;
        if (start[0] is '{' or '[' && LooksLikeJson(Encoding.UTF8.GetBytes(start))) return new ContentSample(ContentKind.Json, false, true);
        return new ContentSample(LooksLikeCsv(text.Length > 8192 ? text[..8192] : text) ? ContentKind.Csv : ContentKind.Text, false, true);
    }

    /// <summary>The sample as text: UTF-8 (a sequence cut by the sample's end is allowed), or UTF-16 with its BOM; null when binary.</summary>
    public static string? Decode(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return Encoding.Unicode.GetString(head[2..(head.Length & ~1)]);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return Encoding.BigEndianUnicode.GetString(head[2..(head.Length & ~1)]);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) head = head[3..];
        // Up to three bytes at the end may be a character cut in two by the sample's end.
        for (var cut = 0; cut <= Math.Min(3, head.Length); cut++)
        {
            var span = head[..^cut];
            if (Utf8.IsValid(span)) return Printable(Encoding.UTF8.GetString(span));
        }
        // Not UTF-8: a text in a Windows or ISO 8859 code page (Excel's "CSV" on Windows writes the ANSI code page) reads
        // as Latin-1 where it matters here (digits, ASCII letters and punctuation are the same bytes), as long as the high
        // bytes are a minority, as accented letters are in Western text.
        var high = 0;
        foreach (var b in head) if (b >= 0x80) high++;
        return high * 10 <= head.Length * 3 ? Printable(Encoding.Latin1.GetString(head)) : null;
    }

    /// <summary>The text, unless a NUL or more than 1% other control characters say it is binary that happens to decode.</summary>
    private static string? Printable(string text)
    {
        var control = 0;
        foreach (var c in text)
            if (c < ' ' && c is not ('\t' or '\n' or '\r' or '\f') && (c == '\0' || ++control * 100 > text.Length)) return null;
        return text;
    }

    private static bool LooksLikeJson(byte[] utf8)
    {
        var reader = new Utf8JsonReader(utf8, isFinalBlock: false, state: default);
        try
        {
            var tokens = 0;
            while (reader.Read() && tokens < 10_000) tokens++;
            return tokens > 0;
        }
        catch (JsonException) { return false; }
    }

    /// <summary>At least two lines with the same number (one or more) of one delimiter: comma, semicolon or tab.</summary>
    private static bool LooksLikeCsv(string text)
    {
        var lines = text.Split('\n', 12).Take(11).Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        if (lines.Count > 2) lines.RemoveAt(lines.Count - 1); // the last line may be cut (by the sample's end, or the 8 KB looked at)
        if (lines.Count < 2) return false;
        foreach (var delimiter in new[] { ',', ';', '\t' })
        {
            var counts = lines.Select(l => Fields(l, delimiter)).ToList();
            if (counts[0] > 0 && counts.All(c => c == counts[0])) return true;
        }
        return false;
    }

    /// <summary>Delimiters outside double quotes.</summary>
    private static int Fields(string line, char delimiter)
    {
        var (count, quoted) = (0, false);
        foreach (var c in line)
        {
            if (c == '"') quoted = !quoted;
            else if (c == delimiter && !quoted) count++;
        }
        return count;
    }
}
