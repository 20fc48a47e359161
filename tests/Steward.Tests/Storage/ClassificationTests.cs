using System.IO.Compression;
using System.Text;
using Steward.Core.Events;
using Steward.Core.Observability;
using Steward.Core.Storage;
using Steward.Core.Ports;
using Steward.Testing;
using Steward.Tests.Instances;

namespace Steward.Tests.Storage;

public class ContentSnifferTests
{
    private static byte[] Gzip(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest)) gzip.Write(Encoding.UTF8.GetBytes(text));
        return output.ToArray();
    }

    public static TheoryData<string, byte[], ContentKind> Samples() => new()
    {
        { "a PDF", Encoding.ASCII.GetBytes("%PDF-1.7\n%âãÏÓ\n1 0 obj"), ContentKind.Pdf },
        { "a PNG", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], ContentKind.Image },
        { "a JPEG", [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10], ContentKind.Image },
        { "a ZIP", [.. "PK\x03\x04"u8, .. "data/readme.txt"u8], ContentKind.Archive },
        { "a Word document (a ZIP)", [.. "PK\x03\x04"u8, .. "[Content_Types].xml"u8], ContentKind.Office },
        { "an old Excel file (OLE2)", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0], ContentKind.Office },
        { "Parquet", [.. "PAR1"u8, 0x15, 0x04], ContentKind.Parquet },
        { "an ELF executable", [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1], ContentKind.Executable },
        { "a Windows executable", [.. "MZ"u8, 0x90, 0], ContentKind.Executable },
        { "a shell script", Encoding.ASCII.GetBytes("#!/bin/sh\nrm -rf /tmp/x\n"), ContentKind.Script },
        { "CSV", Encoding.UTF8.GetBytes("id,name,email\n1,Ann,ann@example.com\n2,\"Bo, Jr\",bo@example.com\n"), ContentKind.Csv },
        { "JSON", Encoding.UTF8.GetBytes("{\"orders\": [1, 2, 3], \"ok\": true}"), ContentKind.Json },
        { "JSON cut short by the sample", Encoding.UTF8.GetBytes("[{\"id\":1},{\"id\":2},{\"id\""), ContentKind.Json },
        { "text", Encoding.UTF8.GetBytes("Meeting notes: the plan for Q3, with ünïcödé.\nSecond line."), ContentKind.Text },
        { "UTF-16 text with its BOM", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("hello, world")], ContentKind.Text },
        { "random binary", Enumerable.Range(0, 512).Select(i => (byte)(i * 7919 % 251)).ToArray(), ContentKind.Unknown },
        { "a tar archive", [.. new byte[257], .. "ustar"u8, .. new byte[10]], ContentKind.Archive },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Content_is_told_by_signature(string what, byte[] head, ContentKind expected) => Assert.True(ContentSniffer.Sniff(head).Kind == expected, what);

    [Fact]
    public void Gzip_is_looked_through_for_text()
    {
        var sample = ContentSniffer.Sniff(Gzip("date,unit,count\n2026-03-02,orders,8412\n2026-03-03,orders,8500\n"));
        Assert.Equal((ContentKind.Csv, true), (sample.Kind, sample.Compressed));
        Assert.Equal((ContentKind.Archive, true), (ContentSniffer.Sniff(Gzip("\0\x01\x02binary")) is var b ? (b.Kind, b.Compressed) : default));
    }

    [Fact]
    public void A_gzip_cut_by_the_64_KB_sample_is_still_looked_through()
    {
        var big = Gzip(string.Concat(Enumerable.Range(0, 40_000).Select(i => $"{i},row {i},{i * 3}\n")));
        Assert.True(big.Length > ContentSniffer.SampleBytes);
        Assert.Equal(ContentKind.Csv, ContentSniffer.Sniff(big.AsSpan(0, ContentSniffer.SampleBytes)).Kind);
    }

    [Fact]
    public void UTF_8_cut_in_the_middle_of_a_character_is_still_text()
    {
        var bytes = Encoding.UTF8.GetBytes("price: 10 €");
        Assert.Equal(ContentKind.Text, ContentSniffer.Sniff(bytes.AsSpan(0, bytes.Length - 1)).Kind);
    }
}

public class SensitivityScannerTests
{
    [Theory]
    [InlineData("card 4111 1111 1111 1111 on file", Finding.PaymentCard, 1)]
    [InlineData("card 4111-1111-1111-1112 mistyped", Finding.PaymentCard, 0)]    // fails Luhn: not a card
    [InlineData("order 1234567890123456 shipped", Finding.PaymentCard, 0)]       // no card network starts with 12
    [InlineData("amex 3782 822463 10005", Finding.PaymentCard, 1)]
    [InlineData("pay to GB82 WEST 1234 5698 7654 32", Finding.Iban, 1)]
    [InlineData("pay to GB82WEST12345698765433", Finding.Iban, 0)]              // fails mod 97
    [InlineData("aws_access_key_id = AKIAIOSFODNN7EXAMPLE", Finding.AwsAccessKeyId, 1)]
    [InlineData("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", Finding.AwsSecretAccessKey, 1)]
    [InlineData("commit wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", Finding.AwsSecretAccessKey, 0)] // forty characters with no name beside them
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi", Finding.PrivateKey, 1)]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----", Finding.PrivateKey, 0)]                                 // a header alone is documentation
    [InlineData("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ", Finding.PrivateKey, 1)]
    [InlineData("-----BEGIN PUBLIC KEY-----", Finding.PrivateKey, 0)]
    [InlineData("ann@example.com, bo@example.org", Finding.EmailAddress, 2)]
    [InlineData("ssn 078-05-1120", Finding.UsSocialSecurityNumber, 1)]
    [InlineData("ssn 666-05-1120", Finding.UsSocialSecurityNumber, 0)]
    [InlineData("token ghp_abcdefghijklmnopqrstuvwxyz0123456789", Finding.GitHubToken, 1)]
    public void Each_kind_is_found_the_way_its_issuer_defines_it(string text, Finding kind, int count) =>
        Assert.Equal(count, SensitivityScanner.Scan(text).GetValueOrDefault(kind));

    [Fact]
    public void Only_counts_come_out_never_the_values() =>
        Assert.Equal(typeof(IReadOnlyDictionary<Finding, int>), typeof(SensitivityScanner).GetMethod(nameof(SensitivityScanner.Scan))!.ReturnType);
}

public class DataClassRulesTests
{
    [Theory]
    [InlineData("aws_access_key_id = AKIAIOSFODNN7EXAMPLE\nann@example.com", "data/x.txt", DataClass.Restricted)]
    [InlineData("card 4111 1111 1111 1111", "data/x.txt", DataClass.Confidential)]
    [InlineData("ann@example.com", "public/x.txt", DataClass.Internal)]
    [InlineData("nothing here", "public/brochure.txt", DataClass.Public)]
    [InlineData("nothing here", "team/notes.txt", DataClass.Internal)]
    public void The_class_follows_the_rules_in_their_order(string text, string key, DataClass expected) =>
        Assert.Equal(expected, DataClassRules.Decide(SensitivityScanner.Scan(text), key, ["public/"]).Class);

    [Fact]
    public void Ten_e_mail_addresses_are_a_list_of_people() =>
        Assert.Equal(DataClass.Confidential, DataClassRules.Decide(SensitivityScanner.Scan(string.Join("\n", Enumerable.Range(0, 10).Select(i => $"p{i}@example.com"))), "k", []).Class);
}

public class StorageHookTests
{
    private readonly FakeObjectStore _store = new();
    private readonly FakeLedger _ledger = new();
    private readonly StringWriter _log = new CheckedLogWriter();
    private StorageHook Classifier(StorageSettings? settings = null) =>
        new(_store, _ledger, settings ?? StorageSettings.Default with { OwnBuckets = new HashSet<string> { "steward-snapshots" }, ExcludedPrefixes = ["tmp/"] },
            new ManualClock(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero)), new StructuredLog(_log, TimeProvider.System, "StorageHooks"));

    private static StoredObjectChange Created(string key, string bucket = "data") => new(bucket, key, ObjectChangeKind.Created, "ObjectCreated:Put", null, null, "v1", "0055AED6DCD90281E5", null, "aws:s3");

    [Fact]
    public async Task A_PDF_named_csv_is_tagged_a_PDF_and_the_owner_s_tags_are_kept()
    {
        _store.Put("reports/q3.csv", Documents.Pdf("Quarterly figures"), new() { ["Owner"] = "finance", ["Project"] = "q3" });
        var result = await Classifier().HandleAsync(Created("reports/q3.csv"), default);
        Assert.Equal(ChangeOutcome.Classified, result.Outcome);
        Assert.Equal(new Dictionary<string, string>
        {
            ["Owner"] = "finance", ["Project"] = "q3", ["steward:class"] = "internal", ["steward:scan"] = "complete", ["steward:content"] = "pdf", ["steward:classified-at"] = "2026-03-02T09:00:00Z",
            ["steward:findings"] = "none",
        }, _store.Tags["reports/q3.csv"]);
    }

    [Fact]
    public async Task A_credential_in_a_text_is_restricted_and_never_written_to_the_log()
    {
        _store.Put("config/.env", Encoding.UTF8.GetBytes("AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\naws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"));
        await Classifier().HandleAsync(Created("config/.env"), default);
        Assert.Equal("restricted", _store.Tags["config/.env"]["steward:class"]);
        Assert.DoesNotContain("AKIAIOSFODNN7EXAMPLE", _log.ToString());
        Assert.DoesNotContain("wJalrXUtnFEMI", _log.ToString());
        Assert.Contains("AwsAccessKeyId=1", _log.ToString());
    }

    [Fact]
    public async Task A_document_is_read_whole_and_classified_by_what_it_holds()
    {
        var docx = Documents.Docx(new string('x', 100_000), Documents.CardSentence);
        _store.Put("finance/customers.docx", docx);
        var result = await Classifier().HandleAsync(Created("finance/customers.docx"), default);
        Assert.Equal(DataClass.Confidential, result.Classification!.Class);
        Assert.Equal(ScanCoverage.Complete, result.Classification.Scan.Coverage);
        Assert.Equal(docx.Length, _store.Reads.Sum(r => r.Bytes));
        Assert.Equal(("confidential", "complete", "office"), (_store.Tags["finance/customers.docx"]["steward:class"], _store.Tags["finance/customers.docx"]["steward:scan"],
            _store.Tags["finance/customers.docx"]["steward:content"]));
    }

    [Fact]
    public async Task An_encrypted_ZIP_under_the_public_prefix_is_tagged_not_read_never_public()
    {
        _store.Put("public/card.zip", File.ReadAllBytes(Documents.Pinned("card-encrypted.zip")));
        await Classifier().HandleAsync(Created("public/card.zip"), default);
        Assert.Equal(("unscanned", "encrypted"), (_store.Tags["public/card.zip"]["steward:class"], _store.Tags["public/card.zip"]["steward:scan"]));
        Assert.Contains("encrypted, not read (encrypted: public/card.zip/card.txt)", _log.ToString());
    }

    [Fact]
    public async Task A_container_over_the_open_limit_is_tagged_too_large_after_its_first_bytes()
    {
        var noise = new byte[300_000];
        new Random(7).NextBytes(noise); // does not compress: the ZIP stays over the limit
        var zip = Documents.Zip(("noise.bin", noise));
        _store.Put("archive/big.zip", zip);
        var result = await Classifier(StorageSettings.Default with { OpenLimitBytes = 100_000 }).HandleAsync(Created("archive/big.zip"), default);
        Assert.Equal(ScanCoverage.TooLarge, result.Classification!.Scan.Coverage);
        Assert.Equal(DataClass.Unscanned, result.Classification.Class);
        Assert.Equal(ContentSniffer.SampleBytes, _store.Reads.Sum(r => r.Bytes));
        Assert.Equal("too-large", _store.Tags["archive/big.zip"]["steward:scan"]);
    }

    [Fact]
    public async Task The_count_of_each_kind_found_is_kept_on_the_object_most_first()
    {
        _store.Put("crm/export.csv", Encoding.UTF8.GetBytes("name,email,card\nAnn,ann@example.com,4111 1111 1111 1111\nBo,bo@example.com,n/a\n"));
        await Classifier().HandleAsync(Created("crm/export.csv"), default);
        Assert.Equal("emailAddress=2 paymentCard=1", _store.Tags["crm/export.csv"]["steward:findings"]);
    }

    [Fact]
    public async Task A_version_classified_by_a_Steward_that_read_only_text_is_classified_again()
    {
        // Tagged before the scan tag existed: a PDF called internal without its text having been read.
        _store.Put("old/statement.pdf", Documents.Pdf(Documents.CardSentence), new() { ["steward:class"] = "internal", ["steward:content"] = "pdf" });
        var result = await Classifier().HandleAsync(Created("old/statement.pdf"), default);
        Assert.Equal(ChangeOutcome.Classified, result.Outcome);
        Assert.Equal(("confidential", "complete"), (_store.Tags["old/statement.pdf"]["steward:class"], _store.Tags["old/statement.pdf"]["steward:scan"]));

        // Classified now, it is not read again.
        var again = await Classifier().HandleAsync(Created("old/statement.pdf"), default);
        Assert.Equal(ChangeOutcome.AlreadyClassified, again.Outcome);
    }

    [Fact]
    public async Task A_binary_object_is_read_for_64_KB_at_most()
    {
        _store.Put("video.bin", Enumerable.Range(0, 5_000_000).Select(i => (byte)(i * 7919 % 251)).ToArray());
        var result = await Classifier().HandleAsync(Created("video.bin"), default);
        Assert.Equal(ContentKind.Unknown, result.Classification!.Content);
        Assert.Equal(ContentSniffer.SampleBytes, _store.Reads.Sum(r => r.Bytes));
        Assert.Equal("unsupported", _store.Tags["video.bin"]["steward:scan"]);
        Assert.Equal("unscanned", _store.Tags["video.bin"]["steward:class"]);
    }

    [Fact]
    public async Task A_large_text_is_scanned_as_a_stream_up_to_the_limit_and_a_card_across_the_sample_s_end_is_found()
    {
        var filler = new string('x', ContentSniffer.SampleBytes - 10) + "\n";
        var text = filler + "card 4111 1111 1111 1111\n" + new string('y', 200_000) + "\nlate 4111 1111 1111 1111\n";
        _store.Put("dump.txt", Encoding.UTF8.GetBytes(text));
        var settings = StorageSettings.Default with { ScanLimitBytes = 150_000 };
        var result = await Classifier(settings).HandleAsync(Created("dump.txt"), default);
        Assert.Equal(1, result.Classification!.Findings[Steward.Core.Storage.Finding.PaymentCard]); // the one past the limit is not read
        Assert.Equal(150_000, _store.Reads.Sum(r => r.Bytes));
        Assert.Equal("confidential", _store.Tags["dump.txt"]["steward:class"]);
    }

    [Fact]
    public async Task A_version_already_classified_is_left_alone_so_a_repeat_or_the_tagging_itself_changes_nothing()
    {
        _store.Put("a.txt", Encoding.UTF8.GetBytes("hello"));
        await Classifier().HandleAsync(Created("a.txt"), default);
        var again = await Classifier().HandleAsync(Created("a.txt"), default);
        Assert.Equal(ChangeOutcome.AlreadyClassified, again.Outcome);
        Assert.Equal(1, _store.TagWrites);
        Assert.Equal(5, _store.Reads.Sum(r => r.Bytes)); // the content once; the repeat only asks S3 for the size
    }

    private static StoredObjectChange Event(string key, ObjectChangeKind kind, string sequencer, string eventName = "ObjectCreated:Put", string? version = "v1") =>
        new("data", key, kind, eventName, null, null, version, sequencer, null, "aws:s3");

    [Fact]
    public async Task The_ledger_holds_each_key_s_latest_state_by_owner_and_class_whatever_the_order_of_events()
    {
        _store.Put("finance/cards.csv", Encoding.UTF8.GetBytes("name,card\nAnn,4111 1111 1111 1111\n"), new() { ["Owner"] = "payments" });
        _store.Put("search/notes.txt", Encoding.UTF8.GetBytes("hello"));
        var hook = Classifier();
        await hook.HandleAsync(Event("finance/cards.csv", ObjectChangeKind.Created, "0A"), default);
        await hook.HandleAsync(Event("search/notes.txt", ObjectChangeKind.Created, "0B"), default);
        var totals = await _ledger.TotalsAsync(default);
        Assert.Contains(totals, t => t.Group == new LedgerGroup("data", "payments", "confidential", "STANDARD") && t.Objects == 1 && t.Bytes == 34);
        Assert.Contains(totals, t => t.Group == new LedgerGroup("data", "search", "internal", "STANDARD") && t.Objects == 1);

        // A delete marker (newer) removes the key from the totals; the put, delivered again late, does not bring it back.
        var removed = await hook.HandleAsync(Event("search/notes.txt", ObjectChangeKind.Removed, "0C", "ObjectRemoved:DeleteMarkerCreated", "marker-1"), default);
        Assert.Equal(LedgerApply.Applied, removed.Ledger);
        var late = await hook.HandleAsync(Event("search/notes.txt", ObjectChangeKind.Created, "0B"), default);
        Assert.Equal(LedgerApply.Stale, late.Ledger);
        Assert.DoesNotContain(await _ledger.TotalsAsync(default), t => t.Group.Owner == "search");

        // Deleting a version that is not the current one leaves the current one counted.
        var noncurrent = await hook.HandleAsync(Event("finance/cards.csv", ObjectChangeKind.Removed, "0D", "ObjectRemoved:Delete", "v0"), default);
        Assert.Equal(LedgerApply.Stale, noncurrent.Ledger);
        Assert.Contains(await _ledger.TotalsAsync(default), t => t.Group.Owner == "payments" && t.Objects == 1);
    }

    [Fact]
    public async Task With_no_room_left_the_owner_s_tags_win_and_the_log_says_so()
    {
        _store.Put("full.txt", Encoding.UTF8.GetBytes("hello"), Enumerable.Range(0, 9).ToDictionary(i => $"t{i}", i => "v"));
        var result = await Classifier().HandleAsync(Created("full.txt"), default);
        Assert.Equal(10, _store.Tags["full.txt"].Count);
        Assert.Equal("internal", _store.Tags["full.txt"]["steward:class"]);
        Assert.Equal(["steward:scan", "steward:content", "steward:classified-at", "steward:findings"], result.TagsLeftOut!);
        Assert.Contains("no room for all of Steward's tags", _log.ToString());
    }

    [Fact]
    public async Task Steward_s_own_bucket_and_excluded_prefixes_trigger_no_work_and_a_gone_object_is_noted()
    {
        Assert.Equal(ChangeOutcome.Excluded, (await Classifier().HandleAsync(Created("storage/2026/03/02/ledger.json", "steward-snapshots"), default)).Outcome);
        Assert.Equal(ChangeOutcome.Excluded, (await Classifier().HandleAsync(Created("tmp/x"), default)).Outcome);
        Assert.Equal(ChangeOutcome.Gone, (await Classifier().HandleAsync(Created("deleted-already.txt"), default)).Outcome);
        Assert.Empty(_store.Reads);
        Assert.Contains("object gone before it could be classified", _log.ToString());
    }
}
