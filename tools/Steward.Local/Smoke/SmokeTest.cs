using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.S3.Model;
using Amazon.SimpleSystemsManagement.Model;
using Amazon.SQS.Model;
using Steward.Aws;

namespace Steward.Local.Smoke;

/// <summary>
/// After a deployment, the few things that prove the stack works end to end, each done as its caller does it, and nothing
/// left behind: ServiceNow's quote (with a key from the stack's own parameter), a GuardDuty sample finding (which Steward
/// never acts on) and its notice read from a queue of the test's own subscribed to the alerts topic, the
/// daily cost snapshot fired and its report read back, and an object uploaded to the data bucket and its tags waited for.
/// The queue, the subscription and every version of the object are deleted whatever happened; the snapshot is the day's
/// report, which the schedule rebuilds anyway. Exit 0 when every step passed, 1 when one failed (named), 2 when the call
/// was wrong.
/// </summary>
public sealed class SmokeTest(SmokeTarget target, TextWriter output, TimeSpan patience)
{
    private readonly string _id = "steward-smoke-" + Guid.NewGuid().ToString("n")[..12];
    private readonly List<Func<Task>> _cleanup = [];

    public async Task<int> RunAsync(CancellationToken ct)
    {
        output.WriteLine($"[smoke] {target.Description}, run {_id}");
        var failed = 0;
        foreach (var (name, step) in new (string, Func<CancellationToken, Task<string>>)[]
                 {
                     ("quote", QuoteAsync), ("finding notice", FindingNoticeAsync), ("cost snapshot", CostSnapshotAsync), ("stored object tagged", StoredObjectAsync),
                 })
        {
            var clock = Stopwatch.StartNew();
            try
            {
                var said = await step(ct);
                output.WriteLine($"[smoke] ok   {name} ({clock.Elapsed.TotalSeconds:0.0} s): {said}");
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                failed++;
                output.WriteLine($"[smoke] FAIL {name} ({clock.Elapsed.TotalSeconds:0.0} s): {e.Message}");
            }
        }
        foreach (var undo in Enumerable.Reverse(_cleanup))
        {
            try { await undo(); }
            catch (Exception e) { failed++; output.WriteLine($"[smoke] FAIL cleanup: {e.Message} (remove what {_id} left by hand)"); }
        }
        output.WriteLine(failed == 0 ? "[smoke] passed: every step, nothing left behind" : $"[smoke] FAILED: {failed} step(s)");
        return failed == 0 ? 0 : 1;
    }

    /// <summary>ServiceNow's first call: a quote, with Basic auth from the stack's API-key parameter.</summary>
    private async Task<string> QuoteAsync(CancellationToken ct)
    {
        var parameter = target.Parameters.GetValueOrDefault("ApiKeysParameterName") ?? throw new SmokeFailed("the stack has no ApiKeysParameterName parameter");
        using var ssm = target.Aws.Ssm();
        var keys = (await ssm.GetParameterAsync(new GetParameterRequest { Name = parameter, WithDecryption = true }, ct)).Parameter.Value;
        var pair = keys.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(p => p.Contains(':'))
                   ?? throw new SmokeFailed($"{parameter} holds no user:key pair");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Post, target.Output("ApiUrl").TrimEnd('/') + "/instances/quote")
        {
            Content = new StringContent("""{"os":"Amazon Linux 2023","inst_size":"small","volume_size":20}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
        using var answer = await http.SendAsync(request, ct);
        var text = await answer.Content.ReadAsStringAsync(ct);
        if (!answer.IsSuccessStatusCode) throw new SmokeFailed($"the API answered {(int)answer.StatusCode}: {text}");
        var total = JsonNode.Parse(text)?["quote"]?["monthlyTotal"]?.GetValue<decimal>() ?? throw new SmokeFailed($"the quote has no monthlyTotal: {text}");
        if (total <= 0) throw new SmokeFailed($"the quote is {total}");
        return $"Amazon Linux 2023, small, 20 GiB: ${total} a month";
    }

    /// <summary>A GuardDuty sample finding; its notice, marked [SAMPLE] and naming it, read from a queue subscribed to the alerts topic.</summary>
    private async Task<string> FindingNoticeAsync(CancellationToken ct)
    {
        var topic = target.Output("AlertsTopicArn");
        using var sqs = target.Aws.Sqs();
        var queueUrl = (await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = _id }, ct)).QueueUrl;
        _cleanup.Add(async () =>
        {
            using var client = target.Aws.Sqs();
            await client.DeleteQueueAsync(queueUrl, CancellationToken.None);
        });
        var queueArn = (await sqs.GetQueueAttributesAsync(queueUrl, ["QueueArn"], ct)).QueueARN;
        var policy = new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(new JsonObject
            {
                ["Effect"] = "Allow", ["Principal"] = new JsonObject { ["Service"] = "sns.amazonaws.com" }, ["Action"] = "sqs:SendMessage",
                ["Resource"] = queueArn, ["Condition"] = new JsonObject { ["ArnEquals"] = new JsonObject { ["aws:SourceArn"] = topic } },
            }),
        };
        await sqs.SetQueueAttributesAsync(queueUrl, new Dictionary<string, string> { ["Policy"] = policy.ToJsonString() }, ct);
        using var sns = target.Aws.Signed(AwsService.Sns);
        var subscribed = await sns.CallQueryAsync("Subscribe", "2010-03-31",
            [new("TopicArn", topic), new("Protocol", "sqs"), new("Endpoint", queueArn), new("ReturnSubscriptionArn", "true")], ct);
        var subscription = subscribed.Descendants().First(e => e.Name.LocalName == "SubscriptionArn").Value;
        _cleanup.Add(async () =>
        {
            using var client = target.Aws.Signed(AwsService.Sns);
            await client.CallQueryAsync("Unsubscribe", "2010-03-31", [new("SubscriptionArn", subscription)], CancellationToken.None);
        });

        var sent = DateTime.UtcNow;
        var named = await target.SendSampleFinding(_id, ct);

        var deadline = DateTime.UtcNow + patience;
        while (DateTime.UtcNow < deadline)
        {
            var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 5, MaxNumberOfMessages = 10 }, ct);
            foreach (var message in received.Messages ?? [])
                if (message.Body.Contains(named, StringComparison.Ordinal) && message.Body.Contains("[SAMPLE]", StringComparison.Ordinal))
                    return $"the alert for a sample {SmokeTarget.SampleFindingType} finding ({named}) arrived {(DateTime.UtcNow - sent).TotalSeconds:0} s after it was sent, marked [SAMPLE]";
        }
        throw new SmokeFailed($"no [SAMPLE] notice naming {named} reached the alerts topic within {patience.TotalSeconds:0} s (GuardDuty can take five minutes to publish a finding: raise --wait)");
    }

    /// <summary>The daily cost snapshot, fired now; its report read back from the snapshot bucket.</summary>
    private async Task<string> CostSnapshotAsync(CancellationToken ct)
    {
        var started = DateTime.UtcNow.AddSeconds(-5);
        var answer = await target.FireCostSnapshot(ct);
        if (answer.Contains("\"errorMessage\"", StringComparison.Ordinal)) throw new SmokeFailed($"the function failed: {answer}");
        var bucket = target.Output("CostSnapshotBucketName");
        using var s3 = target.Aws.S3();
        var listed = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = "snapshots/" }, ct);
        var written = (listed.S3Objects ?? []).Where(o => o.LastModified >= started).ToList();
        var manifest = written.FirstOrDefault(o => o.Key.EndsWith("manifest.json", StringComparison.Ordinal))
                       ?? throw new SmokeFailed($"no report manifest was written under s3://{bucket}/snapshots/ (answer: {answer})");
        using var read = await s3.GetObjectAsync(bucket, manifest.Key, ct);
        using var reader = new StreamReader(read.ResponseStream);
        var text = await reader.ReadToEndAsync(ct);
        if (JsonNode.Parse(text) is null) throw new SmokeFailed($"s3://{bucket}/{manifest.Key} is not JSON");
        return $"{written.Count} objects written, s3://{bucket}/{manifest.Key} read back";
    }

    /// <summary>An object uploaded to the data bucket, classified and tagged by the storage hook; every version deleted after.</summary>
    private async Task<string> StoredObjectAsync(CancellationToken ct)
    {
        var bucket = target.Output("DataBucketName");
        var key = $"steward-smoke/{_id}.txt";
        using var s3 = target.Aws.S3();
        _cleanup.Add(async () =>
        {
            using var client = target.Aws.S3();
            var versions = await client.ListVersionsAsync(new ListVersionsRequest { BucketName = bucket, Prefix = key }, CancellationToken.None);
            foreach (var v in (versions.Versions ?? []).Where(v => v.Key == key))
                await client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = key, VersionId = v.VersionId }, CancellationToken.None);
        });
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = $"Steward smoke test {_id}: nothing secret here.\n", ContentType = "text/plain" }, ct);
        var deadline = DateTime.UtcNow + patience;
        while (DateTime.UtcNow < deadline)
        {
            var tags = (await s3.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = bucket, Key = key }, ct)).Tagging ?? [];
            var mine = tags.Where(t => t.Key.StartsWith("steward:", StringComparison.Ordinal)).ToList();
            if (mine.Count > 0) return $"s3://{bucket}/{key}: {string.Join(", ", mine.Select(t => $"{t.Key}={t.Value}"))}";
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
        }
        throw new SmokeFailed($"s3://{bucket}/{key} was not tagged within {patience.TotalSeconds:0} s");
    }
}
