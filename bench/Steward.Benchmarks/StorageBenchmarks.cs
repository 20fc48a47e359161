using System.Globalization;
using System.IO.Compression;
using System.Text;
using BenchmarkDotNet.Attributes;
using Steward.Core.Events;
using Steward.Core.Observability;
using Steward.Core.Ports;
using Steward.Core.Storage;

/// <summary>Classifying one 64 KB sample, as the storage hook does per object: the signature, and for text the sensitive-data scan.</summary>
[MemoryDiagnoser]
public class StorageClassification
{
    private readonly Dictionary<string, byte[]> _samples = StorageSamples.All();

    [Params("text with findings", "csv", "json", "gzip csv", "binary")]
    public string Sample { get; set; } = "csv";

    [Benchmark(Description = "64 KB sample classified (content, sensitive data, class)")]
    public DataClass Classify()
    {
        var head = _samples[Sample];
        var content = ContentSniffer.Sniff(head);
        var findings = content.IsText ? SensitivityScanner.Scan(ContentSniffer.Decode(content.Compressed ? ContentSniffer.Gunzip(head) : head) ?? "") : new Dictionary<Finding, int>();
        return DataClassRules.Decide(findings, "data/x", ["public/"]).Class;
    }
}

public static class StorageSamples
{
    public static Dictionary<string, byte[]> All()
    {
        var rows = new StringBuilder("id,name,email,card,note\n");
        for (var i = 0; rows.Length < 64 * 1024; i++)
            rows.Append(CultureInfo.InvariantCulture, $"{i},Person {i},p{i}@example.com,{(i % 50 == 0 ? "4111 1111 1111 1111" : "n/a")},order {i * 7} shipped to the north warehouse\n");
        var csv = Encoding.UTF8.GetBytes(rows.ToString())[..(64 * 1024)];
        var text = new StringBuilder();
        for (var i = 0; text.Length < 64 * 1024; i++)
            text.Append(CultureInfo.InvariantCulture, $"Line {i}: the quarterly plan mentions ann{i}@example.com and IBAN GB82 WEST 1234 5698 7654 32; key AKIAIOSFODNN7EXAMPLE.\n");
        var json = new StringBuilder("[");
        for (var i = 0; json.Length < 64 * 1024; i++) json.Append(CultureInfo.InvariantCulture, $"{{\"id\":{i},\"sku\":\"SKU-{i:00000}\",\"qty\":{i % 9}}},");
        using var gz = new MemoryStream();
        using (var z = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true)) z.Write(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(rows.ToString(), 4))));
        return new()
        {
            ["text with findings"] = Encoding.UTF8.GetBytes(text.ToString())[..(64 * 1024)],
            ["csv"] = csv,
            ["json"] = Encoding.UTF8.GetBytes(json.ToString())[..(64 * 1024)],
            ["gzip csv"] = gz.ToArray()[..Math.Min(64 * 1024, (int)gz.Length)],
            ["binary"] = Enumerable.Range(0, 64 * 1024).Select(i => (byte)(i * 7919 % 251)).ToArray(),
        };
    }
}

/// <summary>
/// What the hook reads of an object and what classifying costs in AWS requests, beside Macie's $1 per GB inspected. Run
/// with <c>dotnet run -c Release -- storage-costs</c>.
/// </summary>
public static class StorageCosts
{
    private sealed class MeteredStore(byte[] content) : IObjectStore, IStorageLedger
    {
        public long BytesRead, Requests;
        public Task<ObjectStart?> ReadStartAsync(string b, string k, string? v, int max, CancellationToken ct)
        { Requests++; BytesRead += Math.Min(max, content.Length); return Task.FromResult<ObjectStart?>(new ObjectStart(content[..Math.Min(max, content.Length)], content.Length, "v1", "STANDARD")); }
        public Task<Stream?> ReadRangeAsync(string b, string k, string? v, long from, long to, CancellationToken ct)
        { Requests++; BytesRead += to - from; return Task.FromResult<Stream?>(new MemoryStream(content[(int)from..(int)to])); }
        public Task<IReadOnlyDictionary<string, string>?> GetTagsAsync(string b, string k, string? v, CancellationToken ct) { Requests++; return Task.FromResult<IReadOnlyDictionary<string, string>?>(new Dictionary<string, string>()); }
        public Task PutTagsAsync(string b, string k, string? v, IReadOnlyDictionary<string, string> t, CancellationToken ct) { Requests++; return Task.CompletedTask; }
        public Task<LedgerApply> ApplyAsync(KeyState next, CancellationToken ct) => Task.FromResult(LedgerApply.Applied);
        public Task<bool> CorrectAsync(KeyState? seen, KeyState truth, CancellationToken ct) => Task.FromResult(true);
        public Task<IReadOnlyList<KeyState>> KeysAsync(string bucket, CancellationToken ct) => Task.FromResult<IReadOnlyList<KeyState>>([]);
        public Task<IReadOnlyList<(LedgerGroup Group, long Objects, long Bytes)>> TotalsAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<(LedgerGroup, long, long)>>([]);
    }

    // us-east-1 list prices: S3 GET-class $0.0004 and PUT-class $0.005 per 1,000; DynamoDB on demand $0.125 per million reads
    // and $0.625 per million writes (a transaction's item counts twice); Lambda arm64 $0.20 per million requests and
    // $0.0000133334 per GB-second; Macie's sensitive-data discovery $1 per GB inspected.
    private const decimal S3Get = 0.0004m / 1000, S3Put = 0.005m / 1000, DdbRead = 0.125m / 1_000_000, DdbWrite = 0.625m / 1_000_000,
        LambdaRequest = 0.20m / 1_000_000, LambdaGbSecond = 0.0000133334m, MaciePerGb = 1m;

    public static void Run(TextWriter output)
    {
        foreach (var (what, content) in new[] { ("a 5 MB binary (video)", Enumerable.Range(0, 5_000_000).Select(i => (byte)(i * 7919 % 251)).ToArray()),
                     ("a 5 MB text (log)", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("2026-03-02 12:00:01 INFO order 1234 shipped to ann@example.com\n", 80_000)))) })
        {
            var store = new MeteredStore(content);
            var hook = new StorageHook(store, store, StorageSettings.Default, TimeProvider.System, new StructuredLog(TextWriter.Null, TimeProvider.System, "bench"));
            hook.HandleAsync(new StoredObjectChange("b", "k", ObjectChangeKind.Created, "ObjectCreated:Put", content.Length, null, "v1", "01", null, "aws:s3"), default).GetAwaiter().GetResult();
            output.WriteLine($"{what}: {store.BytesRead:#,0} bytes read in {store.Requests} S3 requests (tags read, ranged GETs, tags written)");
        }

        // Per object: a Lambda invocation of about 0.1 s at 512 MB (S3 and DynamoDB round trips dominate; classifying a
        // sample is well under a millisecond, see StorageClassification), GetObjectTagging + one ranged GET (GET class),
        // PutObjectTagging (PUT class), one consistent GetItem and a transaction of up to three items.
        var perObject = LambdaRequest + 0.5m * 0.1m * LambdaGbSecond + 2 * S3Get + S3Put + DdbRead + 3 * 2 * DdbWrite;
        output.WriteLine($"per object: ${perObject:0.########}; a million objects: ${perObject * 1_000_000:0.00}");
        output.WriteLine("| average object | objects in a GB | Steward per GB | Macie per GB | Steward / Macie |");
        output.WriteLine("| ---: | ---: | ---: | ---: | ---: |");
        foreach (var (size, label) in new[] { (64L * 1024, "64 KB"), (1024L * 1024, "1 MB"), (10L * 1024 * 1024, "10 MB"), (100L * 1024 * 1024, "100 MB") })
        {
            var objects = 1073741824m / size;
            var cost = objects * perObject;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {label} | {objects:#,0} | ${cost:0.0000} | ${MaciePerGb:0.00} | {cost / MaciePerGb * 100:0.###}% |"));
        }
    }
}

/// <summary>
/// The storage classifier's precision and recall on the pinned public labelled data (tests/data/classification), and how
/// fast one core scans text. Run with <c>dotnet run -c Release -- classify-accuracy</c>; figures in docs/performance.md.
/// </summary>
public static class ClassifyAccuracy
{
    public static void Run(TextWriter output)
    {
        var dir = Path.Combine(BenchRunner.FindRoot(), "tests", "data", "classification");
        var personal = ClassificationAccuracy.ReadPresidio(File.ReadAllText(Path.Combine(dir, "presidio-synth_dataset_v2.json")))
            .Concat(ClassificationAccuracy.ReadPresidio(File.ReadAllText(Path.Combine(dir, "presidio-generated_large.json")))).ToList();
        var secrets = ClassificationAccuracy.ReadSecrets(File.ReadAllText(Path.Combine(dir, "secrets.jsonl")));
        var keys = ClassificationAccuracy.ReadSecrets(File.ReadAllText(Path.Combine(dir, "private-keys.jsonl")));
        output.WriteLine(ClassificationAccuracy.Markdown(ClassificationAccuracy.Measure(personal, secrets, keys)));

        // Speed on one core: every labelled text as one mixed document (chat, letters, configuration, keys), and the hook's
        // 64 KB samples; each scanned over and over for two seconds after a warm-up.
        var mixed = string.Join("\n", personal.Select(s => s.Text).Concat(secrets.Select(s => s.Text)));
        var samples = StorageSamples.All();
        output.WriteLine("| text | size | MB/s on one core |");
        output.WriteLine("|---|---:|---:|");
        foreach (var (name, text) in new[] { ("labelled texts, mixed", mixed), ("CSV with cards (64 KB)", Encoding.UTF8.GetString(samples["csv"])),
                     ("text with findings (64 KB)", Encoding.UTF8.GetString(samples["text with findings"])), ("JSON (64 KB)", Encoding.UTF8.GetString(samples["json"])) })
        {
            var bytes = Encoding.UTF8.GetByteCount(text);
            SensitivityScanner.Scan(text);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            long scanned = 0;
            while (watch.Elapsed < TimeSpan.FromSeconds(2)) { SensitivityScanner.Scan(text); scanned += bytes; }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {bytes / 1024.0:0} KB | {scanned / 1e6 / watch.Elapsed.TotalSeconds:0.0} |"));
        }
    }
}
