using System.IO.Compression;
using System.Text;
using Steward.Core.Storage;
using Steward.Testing;

namespace Steward.Tests.Storage;

/// <summary>
/// What the classifier reads inside what users store, and what it says it did not read: files made by the libraries that
/// make them (tests/Shared/Documents.cs) and by Office, qpdf and Info-ZIP (pinned in documents/, PROVENANCE.md there).
/// </summary>
public sealed class ContentReaderTests
{
    private static (IReadOnlyDictionary<Finding, int> Findings, ScanExtent Scan) Read(byte[] content, string name = "object", ReadLimits? limits = null)
    {
        var scanner = new SensitivityScanner();
        var reader = new ContentReader(scanner, limits ?? ReadLimits.Default);
        reader.ReadObject(content, name);
        return (scanner.Counts, reader.Extent());
    }

    private static void FindsTheCard(byte[] content)
    {
        var (findings, scan) = Read(content);
        Assert.Equal(ScanCoverage.Complete, scan.Coverage);
        Assert.Equal(1, findings.GetValueOrDefault(Finding.PaymentCard));
    }

    [Fact]
    public void A_Word_document_s_text_is_read_though_Word_splits_it_into_runs() => FindsTheCard(Documents.Docx("Customer record", Documents.CardSentence));

    [Fact]
    public void A_spreadsheet_s_shared_strings_are_read_in_their_cells_beside_the_numbers_of_their_row()
    {
        // "Visa card" is a shared string; the number is a numeric cell of the same row: one line, as the sheet shows it.
        var (findings, scan) = Read(Documents.Xlsx(["customer", "payment"], ["Visa card", 4111111111111111m]));
        Assert.Equal(ScanCoverage.Complete, scan.Coverage);
        Assert.Equal(1, findings.GetValueOrDefault(Finding.PaymentCard));
    }

    [Fact]
    public void An_OpenDocument_text_is_read()
    {
        var content = $"""<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>Notes</text:p><text:p>{Documents.CardSentence}</text:p></office:text></office:body></office:document-content>""";
        FindsTheCard(Documents.Zip(("mimetype", Documents.Utf8("application/vnd.oasis.opendocument.text")), ("content.xml", Documents.Utf8(content))));
    }

    [Fact]
    public void A_PDF_s_text_layer_is_read() => FindsTheCard(Documents.Pdf("Invoice 2026-0113", Documents.CardSentence));

    [Fact]
    public void A_PDF_rewritten_by_qpdf_and_one_with_an_empty_user_password_are_read_as_any_viewer_opens_them()
    {
        FindsTheCard(File.ReadAllBytes(Documents.Pinned("card-plain.pdf")));
        FindsTheCard(File.ReadAllBytes(Documents.Pinned("card-owner-password-only.pdf")));
    }

    [Theory]
    [InlineData("pdfpig-simple-openoffice.pdf")]
    [InlineData("pdfpig-simple-googledrive.pdf")]
    [InlineData("pdfpig-rotated-libreoffice.pdf")]
    public void PDFs_exported_by_office_suites_are_read_whole(string file)
    {
        var scanner = new SensitivityScanner();
        var reader = new ContentReader(scanner, ReadLimits.Default);
        reader.ReadObject(File.ReadAllBytes(Documents.Pinned(file)), file);
        Assert.Equal(ScanCoverage.Complete, reader.Extent().Coverage);
        Assert.True(reader.TextRead > 10, $"{reader.TextRead} characters of text read");
    }

    [Fact]
    public void A_PDF_whose_page_holds_no_text_says_so() =>
        Assert.Equal(ScanCoverage.Unsupported, Read(File.ReadAllBytes(Documents.Pinned("pdfpig-empty.pdf"))).Scan.Coverage);

    [Theory]
    [InlineData("card-encrypted.pdf", "a PDF that needs a password")]
    [InlineData("card-encrypted.zip", "card-encrypted.zip/card.txt")]
    [InlineData("msoffcrypto-example_password.docx", "a password-protected Office document")]
    [InlineData("msoffcrypto-example_password.xlsx", "a password-protected Office document")]
    public void What_needs_a_password_is_named_encrypted_never_clean(string file, string words)
    {
        var (findings, scan) = Read(File.ReadAllBytes(Documents.Pinned(file)), file);
        Assert.Equal(ScanCoverage.Encrypted, scan.Coverage);
        Assert.Contains(words, scan.NotRead);
        Assert.Empty(findings);
        var (dataClass, reason) = DataClassRules.Decide(findings, scan, "public/" + file, ["public/"]);
        Assert.Equal(DataClass.Unscanned, dataClass);
        Assert.StartsWith("encrypted, not read", reason);
    }

    [Theory]
    [InlineData("msoffcrypto-example.docx")]
    [InlineData("msoffcrypto-example.xlsx")]
    public void Files_saved_by_Office_are_read_whole(string file) => Assert.Equal(ScanCoverage.Complete, Read(File.ReadAllBytes(Documents.Pinned(file))).Scan.Coverage);

    [Fact]
    public void A_legacy_Word_document_is_not_read_and_says_so()
    {
        var scan = Read(File.ReadAllBytes(Documents.Pinned("msoffcrypto-plain.doc")), "old.doc").Scan;
        Assert.Equal(ScanCoverage.Unsupported, scan.Coverage);
        Assert.Contains("legacy (OLE2) Office document", scan.NotRead);
    }

    [Fact]
    public void Archives_are_read_member_by_member_through_nesting_and_compression()
    {
        var card = Documents.Utf8(Documents.CardSentence + "\n");
        FindsTheCard(Documents.Zip(("readme.txt", Documents.Utf8("nothing here\n")), ("inner.zip", Documents.Zip(("data.csv.gz", Documents.Gzip(card))))));
        FindsTheCard(Documents.Tar(("etc/notes.txt", card)));
        FindsTheCard(Documents.Zstd(card));
        FindsTheCard(File.ReadAllBytes(Documents.Pinned("card.txt.bz2")));
        FindsTheCard(File.ReadAllBytes(Documents.Pinned("card.txt.xz")));
    }

    [Theory]
    [InlineData("sharpcompress-7Zip.LZMA2.7z")]
    [InlineData("sharpcompress-Rar.rar")]
    public void A_7z_or_RAR_is_read_member_by_member_and_its_picture_and_program_are_named(string file)
    {
        var scanner = new SensitivityScanner();
        var reader = new ContentReader(scanner, ReadLimits.Default);
        reader.ReadObject(File.ReadAllBytes(Documents.Pinned(file)), file);
        var scan = reader.Extent();
        // SharpCompress's test archives: a 15 KB Russian text, a JPEG and a Windows program.
        Assert.True(reader.TextRead > 10_000, $"{reader.TextRead} bytes of text read");
        Assert.Equal(ScanCoverage.Partial, scan.Coverage);
        Assert.Contains("test.jpg (an image", scan.NotRead);
        Assert.Contains("test.exe (a compiled program)", scan.NotRead);
    }

    [Theory]
    [InlineData("sharpcompress-7Zip.LZMA2.Aes.7z", "тест.txt")]
    [InlineData("sharpcompress-Rar.encrypted_filesOnly.rar", "тест.txt")]
    [InlineData("sharpcompress-Rar.encrypted_filesAndHeader.rar", "file names are encrypted too")]
    public void An_encrypted_7z_or_RAR_is_named_encrypted(string file, string words)
    {
        var (findings, scan) = Read(File.ReadAllBytes(Documents.Pinned(file)), file);
        Assert.Equal(ScanCoverage.Encrypted, scan.Coverage);
        Assert.Contains(words, scan.NotRead);
        Assert.Empty(findings);
    }

    [Fact]
    public void A_text_that_starts_like_bzip2_is_text() =>
        Assert.Equal(1, Read(Documents.Utf8("BZh9 is bzip2's magic; " + Documents.CardSentence)).Findings.GetValueOrDefault(Finding.PaymentCard));

    [Fact]
    public void A_gzip_is_read_past_its_first_64_KB()
    {
        var text = string.Concat(Enumerable.Repeat("2026-03-02T09:00:00Z GET /health 200\n", 6000)) + Documents.CardSentence + "\n";
        Assert.True(text.Length > 200_000);
        FindsTheCard(Documents.Gzip(Documents.Utf8(text)));
    }

    [Fact]
    public void Parquet_column_values_are_read_with_their_column_s_name_as_context()
    {
        var parquet = Documents.Parquet(
            new Dictionary<string, string?[]> { ["customer"] = ["Ann", null, "Bo"], ["email"] = ["ann@example.com", null, "bo@example.com"] },
            new Dictionary<string, long[]> { ["card_number"] = [4111111111111111, 0, 5555555555554444], ["trace_id"] = [4012888888881881, 4222222222222, 4000056655665556] });
        Assert.Equal(ContentKind.Parquet, ContentSniffer.Sniff(parquet).Kind);
        var (findings, scan) = Read(parquet, "lake/customers.parquet");
        Assert.Equal(ScanCoverage.Complete, scan.Coverage);
        // Two cards under "card_number"; the trace ids pass Luhn too, but no word there says card.
        Assert.Equal(2, findings.GetValueOrDefault(Finding.PaymentCard));
        Assert.Equal(2, findings.GetValueOrDefault(Finding.EmailAddress));
    }

    [Fact]
    public void A_Parquet_file_that_does_not_parse_is_damaged() =>
        Assert.Equal(ScanCoverage.Damaged, Read([.. "PAR1"u8.ToArray(), .. new byte[100], .. "PAR1"u8.ToArray()]).Scan.Coverage);

    [Fact]
    public void A_CSV_in_a_Windows_code_page_is_text()
    {
        // As Excel on Windows saves "CSV": the ANSI code page, é as one byte (0xE9), not UTF-8.
        var csv = Encoding.Latin1.GetBytes("name,city,payment card\nJosé Núñez,Málaga,4111 1111 1111 1111\n");
        Assert.False(System.Text.Unicode.Utf8.IsValid(csv));
        Assert.Equal(ContentKind.Csv, ContentSniffer.Sniff(csv).Kind);
        FindsTheCard(csv);
    }

    [Fact]
    public void A_script_is_text_and_its_keys_are_found()
    {
        var script = Documents.Utf8("#!/bin/sh\nexport AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\naws s3 ls\n");
        Assert.Equal(ContentKind.Script, ContentSniffer.Sniff(script).Kind);
        Assert.True(ContentSniffer.Sniff(script).IsText);
        Assert.Equal(1, Read(script).Findings.GetValueOrDefault(Finding.AwsAccessKeyId));
    }

    [Fact]
    public void A_member_that_expands_a_thousandfold_is_read_only_to_the_expansion_limit()
    {
        var zeros = new byte[50 * 1024 * 1024];
        var bomb = Documents.Zip(("zeros.txt", zeros));
        Assert.True(bomb.Length < 200_000);
        var (_, scan) = Read(bomb, "bomb.zip");
        Assert.Equal(ScanCoverage.Partial, scan.Coverage);
        Assert.Contains("bomb.zip/zeros.txt (past the read limit)", scan.NotRead);
    }

    [Fact]
    public void Past_the_member_limit_the_rest_is_named_not_read()
    {
        var members = Enumerable.Range(0, 12).Select(i => ($"m{i:00}.txt", Documents.Utf8("hello\n"))).ToArray();
        var (_, scan) = Read(Documents.Zip(members), "many.zip", ReadLimits.Default with { Members = 10 });
        Assert.Equal(ScanCoverage.Partial, scan.Coverage);
        Assert.Contains("many.zip/m10.txt and the members after it (more than 10 members)", scan.NotRead);
    }

    [Fact]
    public void Nesting_past_the_depth_limit_is_named_not_read()
    {
        var inner = Documents.Zip(("card.txt", Documents.Utf8(Documents.CardSentence)));
        var nested = Documents.Zip(("a.zip", Documents.Zip(("b.zip", Documents.Zip(("c.zip", inner))))));
        var (findings, scan) = Read(nested, "deep.zip");
        Assert.Empty(findings);
        Assert.Equal(ScanCoverage.Partial, scan.Coverage);
        Assert.Contains("nested deeper than 3", scan.NotRead);
    }

    [Fact]
    public void An_image_in_a_ZIP_makes_it_partial_but_a_picture_inside_a_document_does_not()
    {
        var (_, zip) = Read(Documents.Zip(("notes.txt", Documents.Utf8("hello\n")), ("logo.png", Documents.Png())), "bundle.zip");
        Assert.Equal(ScanCoverage.Partial, zip.Coverage);
        Assert.Contains("not read: bundle.zip/logo.png (an image: its pixels are not read)", zip.NotRead);

        using var docx = new MemoryStream();
        docx.Write(Documents.Docx("hello"));
        using (var archive = new ZipArchive(docx, ZipArchiveMode.Update, leaveOpen: true))
        using (var picture = archive.CreateEntry("word/media/image1.png").Open()) picture.Write(Documents.Png());
        Assert.Equal(ScanCoverage.Complete, Read(docx.ToArray()).Scan.Coverage);
    }

    [Fact]
    public void A_sheet_s_printer_settings_are_not_content_and_its_layout_is_read_after_its_cells()
    {
        // As Excel saves a sheet with a print setup (XlsxWriter's comparison files, made in Excel, hold 36 of them): a
        // binary DEVMODE. And a budget that the styles would use up: the cells are read first.
        using var xlsx = new MemoryStream();
        xlsx.Write(Documents.Xlsx(["customer", "payment"], ["Visa card", 4111111111111111m]));
        using (var archive = new ZipArchive(xlsx, ZipArchiveMode.Update, leaveOpen: true))
        {
            using (var devmode = archive.CreateEntry("xl/printerSettings/printerSettings1.bin").Open()) devmode.Write(Enumerable.Range(0, 220).Select(i => (byte)i).ToArray());
            using var styles = new StreamWriter(archive.CreateEntry("xl/styles.xml").Open());
            styles.Write("<styleSheet>" + string.Concat(Enumerable.Repeat("<numFmt formatCode=\"general\">General</numFmt>", 2000)) + "</styleSheet>");
        }
        var (findings, scan) = Read(xlsx.ToArray(), "book.xlsx", ReadLimits.Default with { TextBytes = 4096 });
        Assert.Equal(1, findings.GetValueOrDefault(Finding.PaymentCard));
        Assert.DoesNotContain("printerSettings", scan.NotRead ?? "");
        Assert.Contains("book.xlsx/xl/styles.xml (text past the 4 KiB scanned)", scan.NotRead);
    }

    [Fact]
    public void Text_past_the_scan_budget_is_partial()
    {
        var (_, scan) = Read(Documents.Docx(new string('a', 5000), new string('b', 5000)), "long.docx", ReadLimits.Default with { TextBytes = 4096 });
        Assert.Equal(ScanCoverage.Partial, scan.Coverage);
        Assert.Contains("long.docx/word/document.xml (text past the 4 KiB scanned)", scan.NotRead);
    }

    [Theory]
    [InlineData("%PDF-1.7\n...", "a PDF that cannot be parsed")]
    [InlineData("PK\u0003\u0004 cut short", "a ZIP whose directory cannot be read")]
    public void A_file_that_is_not_what_its_first_bytes_say_is_damaged(string content, string words)
    {
        var scan = Read(Encoding.Latin1.GetBytes(content)).Scan;
        Assert.Equal(ScanCoverage.Damaged, scan.Coverage);
        Assert.Contains(words, scan.NotRead);
    }

    [Fact]
    public void A_PDF_of_scanned_pages_says_its_text_was_not_read()
    {
        var scan = Read(Documents.PdfWithoutText(), "scan.pdf").Scan;
        Assert.Equal(ScanCoverage.Unsupported, scan.Coverage);
        Assert.Contains("without a text layer", scan.NotRead);
    }

    [Fact]
    public void An_image_under_a_public_prefix_is_unscanned_not_public()
    {
        var (findings, scan) = Read(Documents.Png(), "public/logo.png");
        Assert.Equal(ScanCoverage.Unsupported, scan.Coverage);
        Assert.Equal(DataClass.Unscanned, DataClassRules.Decide(findings, scan, "public/logo.png", ["public/"]).Class);
        // What was read whole and held nothing is still public there.
        Assert.Equal(DataClass.Public, DataClassRules.Decide(Read(Documents.Docx("Opening hours")).Findings, ScanExtent.Complete, "public/hours.docx", ["public/"]).Class);
    }

    [Fact]
    public void What_is_found_in_a_partial_read_still_decides_the_class()
    {
        var zip = Documents.Zip(("card.txt", Documents.Utf8(Documents.CardSentence)), ("photo.png", Documents.Png()));
        var (findings, scan) = Read(zip);
        Assert.Equal(ScanCoverage.Partial, scan.Coverage);
        Assert.Equal(DataClass.Confidential, DataClassRules.Decide(findings, scan, "k", []).Class);
    }
}
