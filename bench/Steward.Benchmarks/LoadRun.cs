using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Amazon.EC2.Model;
using Amazon.S3.Model;

/// <summary>
/// A bounded load run against the local runner, as ServiceNow and S3 would make it: the API under a steady mix of quotes,
/// builds and status reads with a fixed number of requests in flight, every build's request number sent four times at once
/// (the retries a real client makes when it times out); then a burst of object uploads, each of which S3 announces to the
/// storage hooks. It reports throughput and latency, and fails (exit 1) on any error, on any request number that built
/// other than exactly one server, or on any object left unclassified.
/// </summary>
internal static class LoadRun
{
    private sealed record Result(string Kind, HttpStatusCode? Status, double Milliseconds, string? Error);

    public static async Task<int> RunAsync(string[] args)
    {
        string Arg(string name, string fallback) => BenchRunner.Option(args, name, fallback);
        int Number(string name, int fallback) => int.Parse(Arg(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        var port = Number("--port", 3000);
        var total = Number("--requests", 20_000);
        var concurrency = Number("--concurrency", 64);
        var objects = Number("--objects", 1_000);
        var apiKey = Arg("--api-key", "bench:bench-key");
        var runner = await BenchRunner.ConnectAsync(port);
        var (template, stack, clients) = (runner.Template, runner.Stack, runner.Clients);

        var api = await ApiAsync(port, stack.Parameter("Stage"), total, concurrency, apiKey);
        using var ec2 = clients.Ec2();
        var idempotent = await ExactlyOneServerEachAsync(ec2, api.Numbers);
        using var s3 = clients.S3();
        var storage = await ObjectsAsync(s3, stack.BucketName(template.Resources.Single(r => r.LogicalId == "DataBucket")), objects, concurrency);

        var failures = api.Results.Where(r => r.Error is not null).ToList();
        Console.WriteLine($"API: {total:N0} requests, {concurrency} at once, in {api.Seconds:0.0} s: {total / api.Seconds:0} requests/s; " +
                          $"latency p50 {Percentile(api.Results, 0.5):0} ms, p90 {Percentile(api.Results, 0.9):0} ms, p99 {Percentile(api.Results, 0.99):0} ms, max {api.Results.Max(r => r.Milliseconds):0} ms");
        foreach (var g in api.Results.GroupBy(r => (r.Kind, r.Status)).OrderBy(g => g.Key.Kind).ThenBy(g => g.Key.Status))
            Console.WriteLine($"  {g.Key.Kind,-7} {(g.Key.Status is { } s ? $"{(int)s} {s}" : "no answer"),-28} {g.Count(),7:N0}  p50 {Percentile(g, 0.5):0} ms, p99 {Percentile(g, 0.99):0} ms");
        Console.WriteLine($"  errors: {failures.Count}{string.Concat(failures.Take(5).Select(f => $"\n    {f.Kind}: {f.Error}"))}");
        Console.WriteLine($"  idempotency: {api.Numbers.Count:N0} request numbers, each sent 4 times at once: {idempotent.Exactly1:N0} built exactly one server" +
                          (idempotent.Wrong.Count == 0 ? "" : $"; WRONG: {string.Join(", ", idempotent.Wrong.Take(10))}"));
        Console.WriteLine($"Objects: {objects:N0} uploaded, {concurrency} at once, in {storage.UploadSeconds:0.0} s; all classified and tagged {storage.DrainSeconds:0.0} s after the first upload " +
                          $"({objects / storage.DrainSeconds:0} objects/s); {storage.Untagged.Count} left untagged{string.Concat(storage.Untagged.Take(5).Select(k => $"\n    {k}"))}");
        return failures.Count == 0 && idempotent.Wrong.Count == 0 && storage.Untagged.Count == 0 ? 0 : 1;
    }

    private sealed record ApiRun(List<Result> Results, double Seconds, HashSet<string> Numbers);

    /// <summary>Nine requests in ten are quotes and status reads; one in ten is a build, four in a row sharing a request number.</summary>
    private static async Task<ApiRun> ApiAsync(int port, string stage, int total, int concurrency, string apiKey)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}/{stage}/"), Timeout = TimeSpan.FromSeconds(60),
        };
        var auth = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(apiKey)));
        var run = $"{DateTime.UtcNow:HHmmss}";
        var numbers = new ConcurrentDictionary<string, byte>();
        var results = new ConcurrentBag<Result>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, total), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
        {
            var build = i % 10 == 0;
            var number = $"RITM{run}{i / 40:D5}"; // builds i, i+10, i+20, i+30 share it: in flight together
            using var request = (i % 10) switch
            {
                0 => Post("instances", $$"""{"os":"Amazon Linux 2023","inst_size":"small","request_number":"{{number}}","cost_center":"CC-LOAD"}"""),
                1 or 2 => new HttpRequestMessage(HttpMethod.Get, $"instances/{number}"),
                _ => Post("instances/quote", """{"os":"rhel9","inst_size":"large","volume_size":100}"""),
            };
            request.Headers.Authorization = auth;
            if (build) numbers[number] = 0;
            var kind = build ? "build" : i % 10 is 1 or 2 ? "status" : "quote";
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await http.SendAsync(request, ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                var ok = (kind, response.StatusCode) switch
                {
                    ("build", HttpStatusCode.Accepted or HttpStatusCode.OK or HttpStatusCode.Conflict) => true, // built, replayed, or being built by its twin
                    ("status", HttpStatusCode.OK or HttpStatusCode.NotFound) => true,                          // built already, or not yet
                    ("quote", HttpStatusCode.OK) => true,
                    _ => false,
                };
                results.Add(new Result(kind, response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ok ? null : $"{(int)response.StatusCode} to {request.RequestUri}: {body[..Math.Min(body.Length, 400)]}"));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                results.Add(new Result(kind, null, Stopwatch.GetElapsedTime(started).TotalMilliseconds, $"{e.GetType().Name}: {e.Message}"));
            }
        });
        return new ApiRun([.. results], clock.Elapsed.TotalSeconds, [.. numbers.Keys]);

        static HttpRequestMessage Post(string path, string json) =>
            new(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
    }

    /// <summary>What EC2 holds for each request number: exactly one server, never two.</summary>
    private static async Task<(int Exactly1, List<string> Wrong)> ExactlyOneServerEachAsync(Amazon.EC2.IAmazonEC2 ec2, HashSet<string> numbers)
    {
        var count = new Dictionary<string, int>();
        foreach (var chunk in numbers.Chunk(150))
        {
            string? next = null;
            do // every page: EC2 answers a hundred or so reservations at a time
            {
                var response = await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { Filters = [new Amazon.EC2.Model.Filter("tag:ServiceNowRequest", [.. chunk])], NextToken = next });
                foreach (var instance in (response.Reservations ?? []).SelectMany(r => r.Instances ?? []))
                {
                    var number = instance.Tags.Single(t => t.Key == "ServiceNowRequest").Value;
                    count[number] = count.GetValueOrDefault(number) + 1;
                }
                next = response.NextToken;
            } while (!string.IsNullOrEmpty(next));
        }
        var wrong = numbers.Where(n => count.GetValueOrDefault(n) != 1).Select(n => $"{n}: {count.GetValueOrDefault(n)} servers").ToList();
        return (numbers.Count - wrong.Count, wrong);
    }

    private sealed record StorageRun(double UploadSeconds, double DrainSeconds, List<string> Untagged);

    /// <summary>The objects uploaded at once, then watched until each carries its classification tag (or ten minutes pass).</summary>
    private static async Task<StorageRun> ObjectsAsync(Amazon.S3.IAmazonS3 s3, string bucket, int objects, int concurrency)
    {
        var keys = Enumerable.Range(0, objects).Select(i => $"load/{DateTime.UtcNow:HHmmss}/{i:D5}.csv").ToList();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (key, ct) =>
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = "customer,email\nJane Doe,jane.doe@example.com\n" }, ct));
        var uploaded = clock.Elapsed.TotalSeconds;

        var waiting = new ConcurrentDictionary<string, byte>(keys.Select(k => KeyValuePair.Create(k, (byte)0)));
        while (!waiting.IsEmpty && clock.Elapsed < TimeSpan.FromMinutes(10))
        {
            // Looked at every few seconds, a few at a time: the watching must not be what keeps moto busy.
            await Parallel.ForEachAsync(waiting.Keys.ToList(), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (key, ct) =>
            {
                var tags = await s3.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = bucket, Key = key }, ct);
                if (tags.Tagging?.Any(t => t.Key == "steward:class") == true) waiting.TryRemove(key, out _);
            });
            if (!waiting.IsEmpty) await Task.Delay(TimeSpan.FromSeconds(5));
        }
        return new StorageRun(uploaded, clock.Elapsed.TotalSeconds, [.. waiting.Keys.Order()]);
    }

    private static double Percentile(IEnumerable<Result> results, double p)
    {
        var sorted = results.Select(r => r.Milliseconds).Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }
}
