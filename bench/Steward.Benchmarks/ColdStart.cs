using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.EC2.Model;
using Amazon.S3.Model;
using Steward.Changes.CloudFormation;
using Steward.Local.Hosting;
using Steward.Local.Template;

/// <summary>
/// Cold starts as Lambda makes them, measured side by side against moto: each run is a fresh process (the function's native
/// bootstrap, the same program run by the JIT, or the original Python handler), started, initialized and handed one real
/// event through the Lambda runtime API, until its answer. Runs alternate (one of each per round, the order flipped every
/// round) so that whatever else the machine does falls on all of them alike. Wall time is measured here, from process start
/// to answer; peak memory is GNU time's maximum resident set size of the process.
/// <para>
/// Needs a runner (Steward.Local) serving template.yaml on <c>--port</c> (it is the AWS side: moto with the stack's resources,
/// seeds and Cost Explorer), the bootstraps built by functions/publish.mk under <c>--bootstraps DIR/&lt;Name&gt;/bootstrap</c>,
/// python3 with boto3, and /usr/bin/time. bench/coldstart/run.sh does all of it.
/// </para>
/// </summary>
internal static class ColdStart
{
    private sealed record Subject(string Label, string Function, Launch? Launch, bool Python = false);

    private sealed record Run(string Label, double Seconds, long PeakKiB, double CpuSeconds);

    /// <summary>What GNU time reports of a process: peak resident set (KiB) and CPU time (user + system).</summary>
    private const string TimeFormat = "%M %U %S";

    public static async Task<int> RunAsync(string[] args)
    {
        string Arg(string name, string fallback) => BenchRunner.Option(args, name, fallback);
        var port = int.Parse(Arg("--port", "3000"), CultureInfo.InvariantCulture);
        var rounds = int.Parse(Arg("--rounds", "10"), CultureInfo.InvariantCulture);
        var bootstraps = Path.GetFullPath(Arg("--bootstraps", ".bench/coldstart"));
        var only = Arg("--functions", "GuardDutyResponder,InstanceRequests,CostSnapshots,StorageHooks").Split(',');
        var apiKey = Arg("--api-key", "bench:bench-key");
        var jsonOut = Arg("--json", "");
        var verbose = args.Contains("--verbose");
        var runner = await BenchRunner.ConnectAsync(port);
        var (root, template, stack, awsEnvironment) = (runner.Root, runner.Template, runner.Stack, runner.AwsEnvironment);
        using var ec2 = runner.Clients.Ec2();
        using var s3 = runner.Clients.S3();
        var events = new Events(stack, runner.Region, ec2, s3, apiKey, root);

        var subjects = new List<Subject> { new("Python original (boto3: publish + stop)", "GuardDutyResponder", null, Python: true) };
        foreach (var name in only)
        {
            var bootstrap = Path.Combine(bootstraps, name, "bootstrap");
            if (!File.Exists(bootstrap)) throw new FileNotFoundException($"no bootstrap for {name} at {bootstrap}: build it with bench/coldstart/run.sh");
            subjects.Add(new($"{name} (native bootstrap)", name, new Launch(bootstrap, [])));
        }
        // What the functions were before: the same program on the managed runtime, for the record of what native code bought.
        if (only.Contains("GuardDutyResponder"))
            subjects.Add(new("GuardDutyResponder (same program, JIT)", "GuardDutyResponder", Launch.Dotnet(Path.Combine(AppContext.BaseDirectory, "Steward.GuardDutyResponder.dll"))));

        var runs = new List<Run>();
        // Round 0 warms this harness up (its runtime API's first requests are compiled then) and is not counted.
        for (var round = -1; round < rounds; round++)
        {
            var order = round % 2 == 0 ? subjects : Enumerable.Reverse(subjects).ToList();
            foreach (var subject in order)
            {
                var run = subject.Python
                    ? await PythonAsync(subject, stack, awsEnvironment, await events.FindingAsync(), root)
                    : await BootstrapAsync(subject, template.Functions.Single(f => f.Name == subject.Function), stack, awsEnvironment, await events.ForAsync(subject.Function), verbose);
                if (round < 0) continue;
                runs.Add(run);
                Console.Error.WriteLine($"round {round + 1}/{rounds}: {run.Label}: {run.Seconds:0.000} s, {run.PeakKiB / 1024.0:0.0} MiB, {run.CpuSeconds:0.00} s CPU");
            }
        }

        var python = runs.Where(r => r.Label == subjects[0].Label).ToList();
        var baseline = Median(python.Select(r => r.Seconds));
        var baselineMemory = Median(python.Select(r => (double)r.PeakKiB));
        var table = new StringBuilder();
        table.AppendLine($"| cold start ({rounds} runs each, alternating) | median wall | p90 wall | median peak RSS | median CPU | wall vs Python | memory vs Python | MemorySize it needs |");
        table.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var summary = new JsonArray();
        foreach (var subject in subjects)
        {
            var mine = runs.Where(r => r.Label == subject.Label).ToList();
            var wall = Median(mine.Select(r => r.Seconds));
            var p90 = Percentile(mine.Select(r => r.Seconds), 0.9);
            var memory = Median(mine.Select(r => (double)r.PeakKiB));
            var cpu = Median(mine.Select(r => r.CpuSeconds));
            var size = MemorySizeFor(memory / 1024, cpu, wall);
            table.AppendLine($"| {subject.Label} | {wall:0.000} s | {p90:0.000} s | {memory / 1024:0.0} MiB | {cpu:0.00} s | {wall / baseline:0.00}× | {memory / baselineMemory:0.00}× | {size} MB |");
            summary.Add(new JsonObject
            {
                ["subject"] = subject.Label, ["medianSeconds"] = Math.Round(wall, 4), ["p90Seconds"] = Math.Round(p90, 4), ["medianPeakMiB"] = Math.Round(memory / 1024, 1),
                ["wallVsPython"] = Math.Round(wall / baseline, 3), ["memoryVsPython"] = Math.Round(memory / baselineMemory, 3),
                ["medianCpuSeconds"] = Math.Round(cpu, 3), ["function"] = subject.Launch is { FileName: var f } && !f.EndsWith("dotnet", StringComparison.Ordinal) ? subject.Function : null,
                ["memorySizeMB"] = size,
            });
        }
        Console.WriteLine(table.ToString());
        if (jsonOut.Length > 0) await File.WriteAllTextAsync(jsonOut, summary.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        return 0;
    }

    /// <summary>One cold start: a new execution environment for one event, timed from process start to the answer.</summary>
    private static async Task<Run> BootstrapAsync(Subject subject, SamFunction function, LocalStack stack, IReadOnlyDictionary<string, string> aws, byte[] payload, bool verbose)
    {
        var rss = Path.GetTempFileName();
        var launch = new Launch("/usr/bin/time", ["-f", TimeFormat, "-o", rss, subject.Launch!.FileName, .. subject.Launch.Arguments]);
        var log = new StringBuilder();
        var local = await LocalFunction.StartAsync(function, stack, aws, l => log.AppendLine(l), l => log.AppendLine(l), launch);
        byte[] answer;
        double seconds;
        await using (local)
        {
            answer = await local.InvokeAsync(payload);
            // From the process's start (not the runtime API's, which is the Lambda service's part) to the answer.
            seconds = Stopwatch.GetElapsedTime(local.LastStartedAt).TotalSeconds;
        }
        Check(subject, Encoding.UTF8.GetString(answer), log);
        if (verbose) Console.Error.Write($"started {DateTime.UtcNow.AddSeconds(-seconds):HH:mm:ss.fff}, answered {DateTime.UtcNow:HH:mm:ss.fff}\n{log}");
        return await MeasuredAsync(subject.Label, seconds, rss);
    }

    /// <summary>The Python handler as Lambda's Python runtime would load it: a fresh interpreter importing it and calling it once.</summary>
    private static async Task<Run> PythonAsync(Subject subject, LocalStack stack, IReadOnlyDictionary<string, string> aws, byte[] finding, string root)
    {
        var rss = Path.GetTempFileName();
        var eventFile = Path.GetTempFileName();
        await File.WriteAllBytesAsync(eventFile, finding);
        var info = new ProcessStartInfo("/usr/bin/time") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-f", TimeFormat, "-o", rss, "python3", "-c",
                     "import json, sys, time; sys.path.insert(0, sys.argv[1]); import seed_guardduty_handler as h; h.lambda_handler(json.load(open(sys.argv[2])), None); " +
                     "print('answered', time.monotonic_ns(), file=sys.stderr)",
                     Path.GetFullPath(Path.Combine(root, "..", "shared", "reference")), eventFile })
            info.ArgumentList.Add(a);
        foreach (var (k, v) in aws) info.Environment[k] = v;
        info.Environment["STEWARD_ENDPOINT"] = aws["AWS_ENDPOINT_URL"];
        info.Environment["ALERT_TOPIC_ARN"] = stack.Ref("AlertsTopic");
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"the Python handler failed ({process.ExitCode}): {await stderr}{await stdout}");
        // Timed to the handler's return, as the bootstraps are timed to their answer (the interpreter's exit is not counted).
        // Python's monotonic clock and Stopwatch's are both CLOCK_MONOTONIC in nanoseconds on Linux.
        var answered = long.Parse((await stderr).Split('\n').Last(l => l.StartsWith("answered ", StringComparison.Ordinal))["answered ".Length..], CultureInfo.InvariantCulture);
        if (Stopwatch.Frequency != 1_000_000_000) throw new PlatformNotSupportedException("the Python handler is timed with CLOCK_MONOTONIC in nanoseconds (Linux)");
        var seconds = (answered - started) / 1e9;
        File.Delete(eventFile);
        return await MeasuredAsync(subject.Label, seconds, rss);
    }

    /// <summary>A run counts only if the function did the whole job: a finding contained end to end, a server built, a report made, an object tagged.</summary>
    private static void Check(Subject subject, string answer, StringBuilder log)
    {
        var node = JsonNode.Parse(answer)!.AsObject();
        var ok = subject.Function switch
        {
            "GuardDutyResponder" => node["status"]?.GetValue<string>() == "done" && node["summary"]?["steps"]?.GetValue<string>() is { } steps && !steps.Contains("failed")
                                     && steps.Contains("stop:done", StringComparison.OrdinalIgnoreCase),
            "InstanceRequests" => node["statusCode"]?.GetValue<int>() == 202,
            _ => node["status"]?.GetValue<string>() == "done",
        };
        if (!ok) throw new InvalidOperationException($"{subject.Label} did not do the whole job: {answer}\n{log}");
    }

    private static async Task<Run> MeasuredAsync(string label, double seconds, string timeOutput)
    {
        var fields = (await File.ReadAllTextAsync(timeOutput)).Trim().Split('\n').Last().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        File.Delete(timeOutput);
        var number = (string text) => double.Parse(text, CultureInfo.InvariantCulture);
        return new Run(label, seconds, (long)number(fields[0]), number(fields[1]) + number(fields[2]));
    }

    /// <summary>
    /// The Lambda memory size a function needs, from what it measured. Lambda gives CPU in proportion to memory (one vCPU at
    /// 1,769 MB): the CPU a cold start burns (measured here on a full core) takes longer on a share of one, while the time spent
    /// waiting on AWS does not change. The smallest of the usual sizes that holds twice the peak resident set and keeps the
    /// cold start within 1.5 times what it took here.
    /// </summary>
    public static int MemorySizeFor(double peakMiB, double cpuSeconds, double wallSeconds)
    {
        var waiting = Math.Max(0, wallSeconds - cpuSeconds);
        foreach (var size in new[] { 128, 256, 512, 1024, 1769, 3008 })
            if (size >= 2 * peakMiB * 1.048576 && waiting + cpuSeconds * 1769.0 / size <= 1.5 * wallSeconds) return size;
        return 3008;
    }

    private static double Median(IEnumerable<double> values) => Percentile(values, 0.5);

    private static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        var rank = p * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    /// <summary>A fresh, real event per run, so that every run does the whole job (nothing already contained or built).</summary>
    private sealed class Events(LocalStack stack, string region, Amazon.EC2.IAmazonEC2 ec2, Amazon.S3.IAmazonS3 s3, string apiKey, string root)
    {
        private static string Fixture(string relative, string root) =>
            File.ReadAllText(Path.Combine(root, "..", "shared", "fixtures", relative)).TrimStart('\uFEFF');

        public Task<byte[]> ForAsync(string function) => function switch
        {
            "GuardDutyResponder" => FindingAsync(),
            "InstanceRequests" => Task.FromResult(BuildRequest()),
            "CostSnapshots" => Task.FromResult(Scheduled()),
            "StorageHooks" => ObjectCreatedAsync(),
            _ => throw new ArgumentException($"no event for {function}"),
        };

        /// <summary>The real crypto-mining finding (severity 8, High) about an instance launched for this run.</summary>
        public async Task<byte[]> FindingAsync()
        {
            var launched = await ec2.RunInstancesAsync(new RunInstancesRequest { ImageId = "ami-12c6146b", InstanceType = "t3.micro", MinCount = 1, MaxCount = 1 });
            var e = JsonNode.Parse(Fixture("guardduty/eb-real-cryptocurrency-ec2-bitcointool-b-dns.MASKED-TIMES.jbarreto7991.json", root))!.AsObject();
            e["id"] = Guid.NewGuid().ToString();
            var d = e["detail"]!.AsObject();
            d["id"] = Guid.NewGuid().ToString("N");
            d["accountId"] = LocalStack.AccountId;
            d["region"] = region;
            d["resource"]!["instanceDetails"]!["instanceId"] = launched.Reservation.Instances[0].InstanceId;
            e["account"] = LocalStack.AccountId;
            e["region"] = region;
            return Encoding.UTF8.GetBytes(e.ToJsonString());
        }

        /// <summary>ServiceNow's build request as API Gateway hands it over (REST proxy event), a new request number each run.</summary>
        private byte[] BuildRequest()
        {
            var e = JsonNode.Parse(Fixture("apigateway/rest-v1-proxy-event.aws-lambda-dotnet.json", root))!.AsObject();
            e["resource"] = "/instances";
            e["path"] = "/instances";
            e["httpMethod"] = "POST";
            e["headers"] = new JsonObject
            {
                ["Authorization"] = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(apiKey)), ["Content-Type"] = "application/json",
            };
            e["multiValueHeaders"] = null;
            e["queryStringParameters"] = null;
            e["multiValueQueryStringParameters"] = null;
            e["pathParameters"] = null;
            e["body"] = $$"""{"os":"Amazon Linux 2023","inst_size":"small","request_number":"RITM{{Random.Shared.Next(1_000_000, 9_999_999)}}","cost_center":"CC-4410"}""";
            e["isBase64Encoded"] = false;
            return Encoding.UTF8.GetBytes(e.ToJsonString());
        }

        /// <summary>EventBridge's scheduled event, as the daily rule sends it.</summary>
        private byte[] Scheduled()
        {
            var e = JsonNode.Parse(Fixture("eventbridge/scheduled-event.aws-lambda-dotnet.json", root))!.AsObject();
            e["id"] = Guid.NewGuid().ToString();
            e["time"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            e["resources"] = new JsonArray($"arn:aws:events:{region}:{LocalStack.AccountId}:rule/steward-daily-cost-snapshot");
            return Encoding.UTF8.GetBytes(e.ToJsonString());
        }

        /// <summary>A real object put in the data bucket, and S3's notification of it.</summary>
        private async Task<byte[]> ObjectCreatedAsync()
        {
            var bucket = stack.BucketName(stack.Template.Resources.Single(r => r.LogicalId == "DataBucket"));
            var key = $"bench/{Guid.NewGuid():N}.csv";
            const string body = "name,email\nJane Doe,jane.doe@example.com\n";
            var put = await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = body });
            var e = JsonNode.Parse(Fixture("s3/s3-put-records.aws-lambda-dotnet.json", root))!.AsObject();
            var record = e["Records"]![0]!.AsObject();
            e["Records"] = new JsonArray(record.DeepClone());
            record = e["Records"]![0]!.AsObject();
            record["eventTime"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
            record["awsRegion"] = region;
            record["s3"]!["bucket"]!["name"] = bucket;
            record["s3"]!["bucket"]!["arn"] = $"arn:aws:s3:::{bucket}";
            record["s3"]!["object"]!["key"] = key;
            record["s3"]!["object"]!["size"] = Encoding.UTF8.GetByteCount(body);
            record["s3"]!["object"]!["eTag"] = put.ETag.Trim('"');
            record["s3"]!["object"]!["versionId"] = put.VersionId;
            return Encoding.UTF8.GetBytes(e.ToJsonString());
        }
    }
}
