using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Steward.Testing;

/// <summary>
/// The files users store, made by the libraries that make them in the world: Word and Excel files by the Open XML SDK,
/// PDFs by PdfPig's writer, ZIP, gzip and tar by the BCL. Real files nobody here wrote are pinned beside the storage
/// tests (tests/Steward.Tests/Storage/documents, PROVENANCE.md there).
/// </summary>
public static class Documents
{
    /// <summary>A card number as people type it, with the words around it a reader expects (Visa's published test number).</summary>
    public const string CardSentence = "Payment card number: 4111 1111 1111 1111, expires 12/29";

    public static string Pinned(string name) => Path.Combine(Fixtures.ProjectRoot, "tests", "Steward.Tests", "Storage", "documents", name);

    public static byte[] Docx(params string[] paragraphs)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            // Each paragraph split into two runs in the middle, as Word splits text where formatting or editing changes.
            main.Document = new W.Document(new W.Body(paragraphs.Select(p => new W.Paragraph(
                new W.Run(new W.Text(p[..(p.Length / 2)]) { Space = SpaceProcessingModeValues.Preserve }),
                new W.Run(new W.RunProperties(new W.Bold()), new W.Text(p[(p.Length / 2)..]) { Space = SpaceProcessingModeValues.Preserve })))));
        }
        return stream.ToArray();
    }

    /// <summary>A workbook of one sheet; text cells as shared strings (as Excel writes them), numbers as numbers.</summary>
    public static byte[] Xlsx(params object[][] rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var strings = workbook.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new SharedStringTable();
            var index = new Dictionary<string, int>();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            foreach (var row in rows)
                data.Append(new Row(row.Select(value =>
                {
                    if (value is string text)
                    {
                        if (!index.TryGetValue(text, out var i))
                        {
                            i = index[text] = index.Count;
                            strings.SharedStringTable.Append(new SharedStringItem(new Text(text)));
                        }
                        return new Cell { DataType = CellValues.SharedString, CellValue = new CellValue(i) };
                    }
                    return new Cell { CellValue = new CellValue(Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture)) };
                })));
            sheetPart.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Customers" }));
        }
        return stream.ToArray();
    }

    public static byte[] Pdf(params string[] lines)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        for (var i = 0; i < lines.Length; i++) page.AddText(lines[i], 11, new PdfPoint(50, 780 - 16 * i), font);
        return builder.Build();
    }

    /// <summary>A PDF of one page and no text: a rectangle, as a scanned page is a picture.</summary>
    public static byte[] PdfWithoutText()
    {
        var builder = new PdfDocumentBuilder();
        builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4).DrawRectangle(new PdfPoint(50, 50), 200, 100);
        return builder.Build();
    }

    public static byte[] Zip(params (string Name, byte[] Content)[] members)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content) in members)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                entry.Write(content);
            }
        return stream.ToArray();
    }

    public static byte[] Gzip(byte[] content)
    {
        using var stream = new MemoryStream();
        using (var gzip = new GZipStream(stream, CompressionLevel.SmallestSize, leaveOpen: true)) gzip.Write(content);
        return stream.ToArray();
    }

    public static byte[] Zstd(byte[] content) => new ZstdSharp.Compressor().Wrap(content).ToArray();

    public static byte[] Tar(params (string Name, byte[] Content)[] members)
    {
        using var stream = new MemoryStream();
        using (var tar = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true))
            foreach (var (name, content) in members)
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) });
        return stream.ToArray();
    }

    /// <summary>A Parquet file of one row group: text columns and whole-number columns, as a data lake's export holds them.</summary>
    public static byte[] Parquet(IReadOnlyDictionary<string, string?[]> text, IReadOnlyDictionary<string, long[]> numbers)
    {
        var textFields = text.Keys.Select(k => new global::Parquet.Schema.DataField<string>(k)).ToList();
        var numberFields = numbers.Keys.Select(k => new global::Parquet.Schema.DataField<long>(k)).ToList();
        using var stream = new MemoryStream();
        var writer = global::Parquet.ParquetWriter.CreateAsync(new global::Parquet.Schema.ParquetSchema([.. textFields, .. numberFields]), stream).GetAwaiter().GetResult();
        using (var group = writer.CreateRowGroup())
        {
            foreach (var field in textFields) group.WriteAsync(field, text[field.Name]).GetAwaiter().GetResult();
            foreach (var field in numberFields) group.WriteAsync<long>(field, numbers[field.Name].AsMemory()).GetAwaiter().GetResult();
        }
        writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return stream.ToArray();
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>The start of a PNG (signature and header chunk): an image whose pixels hold whatever was photographed.</summary>
    public static byte[] Png() => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];
}
