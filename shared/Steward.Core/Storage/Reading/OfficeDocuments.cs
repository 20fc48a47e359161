using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Steward.Core.Storage;

internal enum OfficeFormat { OpenXml, OpenDocument }

/// <summary>
/// Office Open XML (docx, xlsx, pptx) and OpenDocument (odt, ods, odp) are ZIPs of XML: their text is the XML's text, read
/// here with the BCL's XmlReader (no DTDs, no external entities), lines where the document breaks paragraphs and rows, tabs
/// between cells. A spreadsheet's shared strings are put back in their cells, so a row reads as it is shown ("card" beside
/// its number). The Open XML SDK (served) reads only Open XML and builds a whole DOM to be walked the same way, so it is not
/// used. Pictures inside a document are part of its layout, not files of their own: they are not read and do not make the
/// document's scan partial (the README says so); anything else inside (macros, embedded files) is read as any member is.
/// </summary>
internal static class OfficeDocuments
{
    private static readonly HashSet<string> LineEnds = ["p", "tr", "row", "h", "br", "line-break", "cr", "list-item", "si"];
    private static readonly HashSet<string> CellEnds = ["tc", "c", "table-cell", "tab", "s"];

    public static OfficeFormat? Kind(ZipArchive archive)
    {
        if (archive.GetEntry("[Content_Types].xml") is not null) return OfficeFormat.OpenXml;
        if (archive.GetEntry("mimetype") is { } mimetype && mimetype.Length < 200)
        {
            using var reader = new StreamReader(mimetype.Open());
            if (reader.ReadToEnd().StartsWith("application/vnd.oasis.opendocument", StringComparison.Ordinal)) return OfficeFormat.OpenDocument;
        }
        return null;
    }

    /// <summary>A password-protected docx/xlsx/pptx: an OLE2 compound file holding the stream "EncryptedPackage" (MS-OFFCRYPTO).</summary>
    public static bool IsEncryptedPackage(ReadOnlySpan<byte> content) => content.IndexOf(Encoding.Unicode.GetBytes("EncryptedPackage")) >= 0;

    public static void Read(ZipArchive archive, OfficeFormat format, ContentReader reader, string name, int depth)
    {
        if (format == OfficeFormat.OpenDocument && archive.GetEntry("META-INF/manifest.xml") is { } manifest && Contains(manifest, "encryption-data"))
        {
            reader.Encrypted($"{name} (a password-protected OpenDocument file)");
            return;
        }
        var shared = format == OfficeFormat.OpenXml && archive.GetEntry("xl/sharedStrings.xml") is { } strings ? SharedStrings(strings, reader, name, depth) : [];
        // What people wrote first (the document, the sheets, comments, slides, notes), its layout last (styles, themes,
        // drawings, settings): when the text budget runs out, it runs out on layout.
        foreach (var entry in archive.Entries.OrderBy(e => IsLayout(e.FullName) ? 1 : 0))
        {
            var path = entry.FullName;
            if (path.EndsWith('/') || path is "[Content_Types].xml" or "mimetype" or "xl/sharedStrings.xml" || path.EndsWith(".rels", StringComparison.Ordinal) ||
                IsPicture(path) || IsPrinterSettings(path)) continue;
            var member = $"{name}/{path}";
            if (!reader.Member(member)) return;
            if (entry.IsEncrypted) { reader.Encrypted(member); continue; }
            var (bytes, cut) = reader.Entry(entry, member, depth);
            if (bytes is null) continue;
            if (path.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
            {
                if (Text(bytes, shared, reader.TextLeft) is { } text) reader.ExtractedText(text, member);
                else reader.Damaged(member, depth + 1, "XML that does not parse");
                if (cut) reader.Cut($"{member} (past the read limit)");
            }
            else reader.ReadMember(bytes, member, depth + 1, cut);
        }
    }

    /// <summary>XML that lays the document out and holds no text anyone typed, read after the rest.</summary>
    private static bool IsLayout(string path) =>
        path.EndsWith("styles.xml", StringComparison.Ordinal) || path.Contains("/theme/", StringComparison.Ordinal) || path.EndsWith(".vml", StringComparison.Ordinal) ||
        path.EndsWith("settings.xml", StringComparison.OrdinalIgnoreCase) || path.EndsWith("fontTable.xml", StringComparison.Ordinal) || path.EndsWith("calcChain.xml", StringComparison.Ordinal);

    /// <summary>A printer's DEVMODE, which Office keeps with a sheet's print setup: the printer's name and settings, nothing anyone typed.</summary>
    private static bool IsPrinterSettings(string path) => path.Contains("/printerSettings/", StringComparison.Ordinal);

    private static bool IsPicture(string path) =>
        path.Contains("/media/", StringComparison.Ordinal) || path.StartsWith("Pictures/", StringComparison.Ordinal) || path.StartsWith("Thumbnails/", StringComparison.Ordinal) ||
        path.StartsWith("docProps/thumbnail", StringComparison.Ordinal);

    private static bool Contains(ZipArchiveEntry entry, string what)
    {
        using var stream = entry.Open();
        var (bytes, _) = ContentReader.ReadUpTo(stream, 1024 * 1024);
        return Encoding.UTF8.GetString(bytes).Contains(what, StringComparison.Ordinal);
    }

    private static List<string> SharedStrings(ZipArchiveEntry entry, ContentReader reader, string name, int depth)
    {
        var (bytes, _) = reader.Entry(entry, $"{name}/{entry.FullName}", depth);
        return bytes is null ? [] : (Text(bytes, [], reader.TextLeft) ?? "").Split('\n').ToList();
    }

    /// <summary>
    /// The XML's text, at most <paramref name="maxChars"/>: text nodes joined as written (Word splits one word into runs),
    /// a line at a paragraph's or row's end, a tab at a cell's; a cell of a shared string (<c>t="s"</c>) shows the string.
    /// Null when the XML does not parse.
    /// </summary>
    private static string? Text(byte[] xml, List<string> shared, long maxChars)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, IgnoreComments = true, IgnoreProcessingInstructions = true };
        var text = new StringBuilder();
        var sharedCell = false;
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(xml), settings);
            while (reader.Read() && text.Length <= maxChars)
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element when reader.LocalName == "c":
                        sharedCell = reader.GetAttribute("t") == "s";
                        if (reader.IsEmptyElement) text.Append('\t');
                        break;
                    case XmlNodeType.Element when reader.IsEmptyElement && (LineEnds.Contains(reader.LocalName) || CellEnds.Contains(reader.LocalName)):
                        text.Append(LineEnds.Contains(reader.LocalName) ? '\n' : reader.LocalName == "s" ? ' ' : '\t');
                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA:
                        text.Append(sharedCell && int.TryParse(reader.Value, out var i) && i >= 0 && i < shared.Count ? shared[i] : reader.Value);
                        break;
                    case XmlNodeType.EndElement when LineEnds.Contains(reader.LocalName):
                        text.Append('\n');
                        break;
                    case XmlNodeType.EndElement when CellEnds.Contains(reader.LocalName):
                        if (reader.LocalName == "c") sharedCell = false;
                        text.Append('\t');
                        break;
                }
            }
        }
        catch (XmlException) { return null; }
        return text.ToString();
    }
}
