using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using Steward.Testing;

namespace Steward.Integration.Tests;

/// <summary>
/// Objects uploaded to the data bucket with the AWS CLI, as a team does, reaching the storage hook through the bucket's
/// notification; the tags read back (polled) through the SDK, in process.
/// </summary>
[Trait(Tiers.Category, Tiers.Slow)]
[Collection(SharedRunner.Name)]
public class StorageHooksEndToEndTests(ServeFixture serve)
{
    private const string Bucket = "steward-data-123456789012-us-east-1-dev";

    private readonly IAmazonS3 _s3 = serve.Clients.S3();

    private async Task<Dictionary<string, string>> TagNowAsync(string bucket, string key) =>
        ((await _s3.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = bucket, Key = key })).Tagging ?? []).ToDictionary(t => t.Key, t => t.Value);

    /// <summary>The object's tags once the hook has classified it (or what it has after a minute).</summary>
    private async Task<Dictionary<string, string>> TagsAsync(string key)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var tags = await TagNowAsync(Bucket, key);
            if (tags.ContainsKey("steward:class") || DateTime.UtcNow > deadline) return tags;
            await Task.Delay(100);
        }
    }

    /// <summary>As a team uploads: <c>aws s3 cp</c>; <c>s3api put-object</c> when the owner tags the object at upload.</summary>
    private async Task UploadAsync(string key, byte[] content, string? tagging = null)
    {
        var file = Path.GetTempFileName();
        await File.WriteAllBytesAsync(file, content);
        var args = tagging is null
            ? new List<string> { "s3", "cp", file, $"s3://{Bucket}/{key}" }
            : new List<string> { "s3api", "put-object", "--bucket", Bucket, "--key", key, "--body", file, "--tagging", tagging };
        var result = await Commands.Aws(serve.Aws, [.. args]);
        Assert.True(result.ExitCode == 0, result.Stderr);
    }

    [Fact]
    public async Task A_mixed_upload_leaves_each_object_tagged_with_its_content_and_class()
    {
        using var gz = new MemoryStream();
        using (var z = new GZipStream(gz, CompressionLevel.Fastest)) z.Write(Encoding.UTF8.GetBytes("name,iban\nAnn,GB82 WEST 1234 5698 7654 32\n"));
        var set = new (string Key, byte[] Content, string Class, string Content_)[]
        {
            ("mixed/report.csv", Encoding.ASCII.GetBytes("%PDF-1.7\n%Steward test\n"), "unscanned", "pdf"), // a PDF that does not parse: damaged, not read
            ("mixed/creds/.env", Encoding.UTF8.GetBytes("AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n"), "restricted", "text"),
            ("mixed/cards.csv", Encoding.UTF8.GetBytes("name,card\nAnn,4111 1111 1111 1111\nBo,5555 5555 5555 4444\n"), "confidential", "csv"),
            ("mixed/payees.csv.gz", gz.ToArray(), "confidential", "csv+gzip"),
            ("public/brochure.json", Encoding.UTF8.GetBytes("{\"title\":\"Our services\"}"), "public", "json"),
            ("mixed/tool", [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0], "unscanned", "executable"), // a program's bytes are not read
            ("mixed/Q3 plan+final ü.txt", Encoding.UTF8.GetBytes("plans"), "internal", "text"),
        };
        foreach (var (key, content, _, _) in set) await UploadAsync(key, content);
        foreach (var (key, _, cls, content) in set)
        {
            var tags = await TagsAsync(key);
            Assert.True(tags.GetValueOrDefault("steward:class") == cls && tags.GetValueOrDefault("steward:content") == content,
                $"{key}: {string.Join(", ", tags.Select(t => $"{t.Key}={t.Value}"))}\n{serve.Runner.Output}");
        }
    }

    [Fact]
    public async Task A_PDF_a_docx_an_xlsx_and_a_ZIP_with_a_card_inside_are_confidential_and_an_encrypted_ZIP_is_tagged_not_read()
    {
        var set = new (string Key, byte[] Content, string Class, string Scan)[]
        {
            ("documents/invoice.pdf", Documents.Pdf("Invoice 2026-0113", Documents.CardSentence), "confidential", "complete"),
            ("documents/customer.docx", Documents.Docx("Customer record", Documents.CardSentence), "confidential", "complete"),
            ("documents/customers.xlsx", Documents.Xlsx(["customer", "payment"], ["Visa card", 4111111111111111m]), "confidential", "complete"),
            ("documents/export.zip", Documents.Zip(("readme.txt", Documents.Utf8("export of 2 March\n")), ("cards/card.txt", Documents.Utf8(Documents.CardSentence))), "confidential", "complete"),
            ("public/locked.zip", File.ReadAllBytes(Documents.Pinned("card-encrypted.zip")), "unscanned", "encrypted"),
            ("documents/locked.xlsx", File.ReadAllBytes(Documents.Pinned("msoffcrypto-example_password.xlsx")), "unscanned", "encrypted"),
        };
        foreach (var (key, content, _, _) in set) await UploadAsync(key, content);
        foreach (var (key, _, cls, scan) in set)
        {
            var tags = await TagsAsync(key);
            Assert.True(tags.GetValueOrDefault("steward:class") == cls && tags.GetValueOrDefault("steward:scan") == scan,
                $"{key}: {string.Join(", ", tags.Select(t => $"{t.Key}={t.Value}"))}\n{serve.Runner.Output}");
        }
    }

    [Fact]
    public async Task The_owner_s_tags_are_kept_and_the_tagging_does_not_classify_again()
    {
        await UploadAsync("owned/data.json", Encoding.UTF8.GetBytes("[1,2,3]"), "Owner=payments&Project=ledger");
        var tags = await TagsAsync("owned/data.json");
        Assert.Equal(("payments", "ledger", "json"), (tags["Owner"], tags["Project"], tags["steward:content"]));
        // S3 sends a bucket's notifications in order through one queue: once an object uploaded after it is classified,
        // any event the tagging had caused would have been handled already.
        await UploadAsync("owned/after.txt", Encoding.UTF8.GetBytes("later"));
        Assert.Equal("internal", (await TagsAsync("owned/after.txt"))["steward:class"]);
        Assert.Single(serve.Runner.Output.Split('\n'), l => l.Contains("\"message\":\"object classified\"") && l.Contains("owned/data.json"));
    }

    [Fact]
    public async Task After_deletes_replays_and_an_upload_with_the_notification_off_the_reconciliation_makes_the_ledger_equal_the_bucket()
    {
        await UploadAsync("heal/keep.txt", Encoding.UTF8.GetBytes("keep me"));
        await UploadAsync("heal/delete-me.txt", Encoding.UTF8.GetBytes("delete me"));
        Assert.Equal("internal", (await TagsAsync("heal/delete-me.txt"))["steward:class"]);

        // moto sends no event for a delete in a versioned bucket: only the reconciliation can see it.
        Assert.Equal(0, (await Commands.Aws(serve.Aws, "s3", "rm", $"s3://{Bucket}/heal/delete-me.txt")).ExitCode);

        // The notification switched off while an upload happens: no event at all for it.
        var saved = await _s3.GetBucketNotificationAsync(Bucket);
        await _s3.PutBucketNotificationAsync(new PutBucketNotificationRequest { BucketName = Bucket });
        await UploadAsync("heal/unannounced.csv", Encoding.UTF8.GetBytes("name,card\nAnn,4111 1111 1111 1111\n"));
        await _s3.PutBucketNotificationAsync(new PutBucketNotificationRequest { BucketName = Bucket, QueueConfigurations = saved.QueueConfigurations });

        // A replay: S3's notification of keep.txt delivered again, by hand, after the fact. It counts once.
        var replay = Path.GetTempFileName();
        await File.WriteAllTextAsync(replay, $$$$"""{"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1","eventTime":"2026-03-02T10:00:00Z","eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"{{{{Bucket}}}}"},"object":{"key":"heal/keep.txt","size":7,"sequencer":"0000000000000001"}}}]}""");
        for (var i = 0; i < 2; i++)
            Assert.Equal(0, (await Commands.Runner("invoke", "StorageHooks", "--event", replay, "--port", serve.ApiPort.ToString())).ExitCode);

        using var fired = await serve.Http.PostAsync(new Uri(serve.Api, "/_local/schedules/StorageHooks"), null);
        var answer = JsonDocument.Parse(await fired.Content.ReadAsStringAsync()).RootElement;
        Assert.True(fired.IsSuccessStatusCode, answer.ToString());
        Assert.Equal("complete", answer.GetProperty("summary").GetProperty("reconciliation").GetString());
        Assert.Equal("confidential", (await TagsAsync("heal/unannounced.csv"))["steward:class"]);

        // The ledger equals the bucket: every current object counted once, with its bytes.
        var listing = (await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket })).S3Objects ?? [];
        var ledgerKey = answer.GetProperty("summary").GetProperty("ledger").GetString()!.Replace("s3://steward-local-costsnapshotbucket/", "");
        using var ledger = await _s3.GetObjectAsync("steward-local-costsnapshotbucket", ledgerKey);
        var rows = (await JsonDocument.ParseAsync(ledger.ResponseStream)).RootElement.EnumerateArray().Where(r => r.GetProperty("bucket").GetString() == Bucket).ToList();
        Assert.Equal(listing.Count, rows.Sum(r => r.GetProperty("objects").GetInt64()));
        Assert.Equal(listing.Sum(o => o.Size ?? 0), rows.Sum(r => r.GetProperty("bytes").GetInt64()));
        Assert.DoesNotContain(listing, o => o.Key == "heal/delete-me.txt");
    }

    /// <summary>MinIO's webhook body (the documented example) about an object in a bucket of the runner's S3, playing MinIO.</summary>
    private static string MinioBody(string bucket, string encodedKey)
    {
        var body = System.Text.Json.Nodes.JsonNode.Parse(Fixtures.Text("s3/minio-event-nats-subscriber-output.minio-docs.json"))!;
        body["Key"] = $"{bucket}/{encodedKey}";
        var s3 = body["Records"]![0]!["s3"]!;
        s3["bucket"]!["name"] = bucket;
        s3["bucket"]!["arn"] = $"arn:aws:s3:::{bucket}";
        s3["object"]!["key"] = encodedKey;
        s3["object"]!["versionId"] = null;
        return body.ToJsonString();
    }

    [Fact]
    public async Task MinIO_s_webhook_body_is_refused_without_the_token_and_classified_and_tagged_in_MinIO_with_it()
    {
        const string bucket = "minio-photos";
        Assert.Equal(0, (await Commands.Aws(serve.Aws, "s3", "mb", $"s3://{bucket}")).ExitCode);
        var file = Path.GetTempFileName();
        await File.WriteAllBytesAsync(file, [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF"u8]);
        Assert.Equal(0, (await Commands.Aws(serve.Aws, "s3", "cp", file, $"s3://{bucket}/trips/2026/my photo.jpg")).ExitCode);
        var token = serve.Runner.Output.Split('\n').Single(l => l.Contains("MinIO webhook token made for this run")).Split(": ")[^1].Trim();
        // MinIO encodes a key's slashes as %2F and its spaces as +.
        var body = MinioBody(bucket, "trips%2F2026%2Fmy+photo.jpg");
        var url = new Uri(serve.Api, "/storage/minio");

        foreach (var wrong in new[] { null, "Bearer not-the-token", "Basic " + token })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if (wrong is not null) request.Headers.TryAddWithoutValidation("Authorization", wrong);
            using var refused = await serve.Http.SendAsync(request);
            Assert.Equal(401, (int)refused.StatusCode);
        }
        Assert.Empty(await TagNowAsync(bucket, "trips/2026/my photo.jpg"));

        using var accepted = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        accepted.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        using var answer = await serve.Http.SendAsync(accepted);
        var text = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.IsSuccessStatusCode, text + serve.Runner.Output);
        Assert.Contains("\"classified\":\"1\"", text);
        var tags = await TagNowAsync(bucket, "trips/2026/my photo.jpg");
        Assert.Equal(("image", "unscanned", "unsupported"), (tags["steward:content"], tags["steward:class"], tags["steward:scan"])); // a photo's pixels are not read

        using var bad = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent("{\"hello\":\"world\"}", Encoding.UTF8, "application/json") };
        bad.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        using var badAnswer = await serve.Http.SendAsync(bad);
        Assert.Equal(400, (int)badAnswer.StatusCode);
    }
}
