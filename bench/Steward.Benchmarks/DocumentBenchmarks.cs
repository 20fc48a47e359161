using System.Globalization;
using System.IO.Compression;
using System.Text;
using BenchmarkDotNet.Attributes;
using Steward.Core.Storage;

/// <summary>
/// Reading what users store, as the storage hook reads a whole object (ContentReader into the scanner): files Office and
/// qpdf wrote (pinned in tests/Steward.Tests/Storage/documents), a ZIP of 100 CSV exports and a gzip of a 4 MB log.
/// Run with <c>dotnet run -c Release -- --filter '*DocumentReading*'</c>.
/// </summary>
[MemoryDiagnoser]
public class DocumentReading
{
    private readonly Dictionary<string, byte[]> _objects = DocumentSamples.All();

    [Params("docx (Word)", "xlsx (Excel)", "pdf (qpdf)", "zip of 100 csv", "gzip log 4 MB")]
    public string Object { get; set; } = "docx (Word)";

    [Benchmark(Description = "object read whole and scanned")]
    public ScanExtent Read()
    {
        var reader = new ContentReader(new SensitivityScanner(), new ReadLimits(TextBytes: 16 * 1024 * 1024, OpenBytes: 64L * 1024 * 1024));
        reader.ReadObject(_objects[Object], "object");
        return reader.Extent();
    }
}

public static class DocumentSamples
{
    private static string Pinned(string name) => Path.Combine(BenchRunner.FindRoot(), "tests", "Steward.Tests", "Storage", "documents", name);

    public static Dictionary<string, byte[]> All()
    {
        var csv = new StringBuilder("id,name,email,card,note\n");
        for (var i = 0; i < 200; i++)
            csv.Append(CultureInfo.InvariantCulture, $"{i},Person {i},p{i}@example.com,{(i % 50 == 0 ? "4111 1111 1111 1111" : "n/a")},order {i * 7} shipped\n");
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
            for (var f = 0; f < 100; f++)
            {
                using var entry = archive.CreateEntry($"exports/{f:000}.csv").Open();
                entry.Write(Encoding.UTF8.GetBytes(csv.ToString()));
            }
        var log = new StringBuilder();
        for (var i = 0; log.Length < 4 * 1024 * 1024; i++)
            log.Append(CultureInfo.InvariantCulture, $"2026-03-02T09:{i / 60 % 60:00}:{i % 60:00}Z GET /orders/{i} 200 user=u{i % 977}@example.com 12ms\n");
        using var gz = new MemoryStream();
        using (var z = new GZipStream(gz, CompressionLevel.Optimal, leaveOpen: true)) z.Write(Encoding.UTF8.GetBytes(log.ToString()));
        return new()
        {
            ["docx (Word)"] = File.ReadAllBytes(Pinned("msoffcrypto-example.docx")),
            ["xlsx (Excel)"] = File.ReadAllBytes(Pinned("msoffcrypto-example.xlsx")),
            ["pdf (qpdf)"] = File.ReadAllBytes(Pinned("card-plain.pdf")),
            ["zip of 100 csv"] = zip.ToArray(),
            ["gzip log 4 MB"] = gz.ToArray(),
        };
    }
}
