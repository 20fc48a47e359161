using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Steward.Testing;

namespace Steward.Integration.Tests;

/// <summary>The runner with its generated cost data (13 months, a spike planted yesterday), as a newcomer starts it.</summary>
public sealed class CostRunnerFixture : IAsyncLifetime
{
    public int ApiPort { get; } = Ports.Free();
    public int MotoPort { get; } = Ports.Free();
    public RunnerProcess Runner { get; private set; } = null!;
    public Uri Api => new($"http://127.0.0.1:{ApiPort}");
    public Uri Aws => new($"http://127.0.0.1:{MotoPort}");
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(120) };

    public async Task InitializeAsync()
    {
        Runner = RunnerProcess.Start("serve", "--port", ApiPort.ToString(), "--moto-port", MotoPort.ToString(), "--parameter", "FinanceEmail=finance@example.com");
        await Runner.WaitForLineAsync(TimeSpan.FromSeconds(90), "[steward-local] ready");
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Runner.DisposeAsync();
    }
}

/// <summary>
/// The daily cost report against the runner: the schedule fired as EventBridge fires it, the set read back from the
/// bucket with the AWS CLI, finance's message read from the topic's inbox, the page opened in headless Chromium.
/// </summary>
[Trait(Tiers.Category, Tiers.Slow)]
public class CostReportEndToEndTests(CostRunnerFixture runner) : IClassFixture<CostRunnerFixture>
{
    private const string Bucket = "steward-local-costsnapshotbucket";
    private static readonly DateOnly Yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);

    private async Task<JsonElement> FireAsync(string? time = null)
    {
        using var response = await runner.Http.PostAsync(new Uri(runner.Api, "/_local/schedules/CostSnapshots" + (time is null ? "" : "?time=" + Uri.EscapeDataString(time))), null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body + "\n" + runner.Runner.Output);
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task<JsonElement> Aws(params string[] args)
    {
        var result = await Commands.Aws(runner.Aws, args);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return result.Stdout.Trim().Length == 0 ? default : JsonDocument.Parse(result.Stdout).RootElement;
    }

    /// <summary>What the finance topic delivered, as SNS wraps it for SQS; <paramref name="report"/> "whole" or "team" (its <c>report</c> attribute), null for all.</summary>
    private async Task<List<JsonObject>> FinanceMessagesAsync(string? report = "whole")
    {
        var inbox = runner.Aws + "123456789012/steward-local-FinanceTopic-inbox";
        var messages = new List<JsonObject>();
        for (var empty = 0; empty < 2;)
        {
            var received = await Commands.Aws(runner.Aws, "sqs", "receive-message", "--queue-url", inbox, "--max-number-of-messages", "10", "--wait-time-seconds", "1");
            if (received.Stdout.Trim().Length == 0) { empty++; continue; }
            foreach (var m in JsonDocument.Parse(received.Stdout).RootElement.GetProperty("Messages").EnumerateArray())
            {
                messages.Add(JsonNode.Parse(m.GetProperty("Body").GetString()!)!.AsObject());
                await Commands.Aws(runner.Aws, "sqs", "delete-message", "--queue-url", inbox, "--receipt-handle", m.GetProperty("ReceiptHandle").GetString()!);
            }
        }
        return report is null ? messages : messages.Where(m => m["MessageAttributes"]?["report"]?["Value"]?.GetValue<string>() == report).ToList();
    }

    [Fact]
    public async Task Firing_the_schedule_leaves_the_set_the_manifest_and_finance_s_message_naming_the_spike_and_its_drill_down()
    {
        await FinanceMessagesAsync();
        var answer = await FireAsync();
        var prefix = $"snapshots/{Yesterday:yyyy}/{Yesterday:MM}/{Yesterday:dd}/";
        Assert.Equal("done", answer.GetProperty("status").GetString());
        Assert.Equal($"s3://{Bucket}/{prefix}report.html", answer.GetProperty("summary").GetProperty("report").GetString());

        var listed = (await Aws("s3api", "list-objects-v2", "--bucket", Bucket, "--prefix", prefix)).GetProperty("Contents").EnumerateArray().Select(o => o.GetProperty("Key").GetString()).ToList();
        Assert.Equal(new[] { "costs.json", "manifest.json", "report.csv", "report.html", "report.json" }.Select(k => prefix + k), listed.Where(k => !k!.Contains("/teams/")).Order());
        var teams = new[] { "data", "payments", "platform", "search" };
        Assert.Equal(teams.SelectMany(t => new[] { $"{prefix}teams/{t}/report.html", $"{prefix}teams/{t}/report.json" }), listed.Where(k => k!.Contains("/teams/")).Order(StringComparer.Ordinal));

        // The manifest names the version of each object of the set, as S3 holds it.
        var manifestFile = Path.GetTempFileName();
        await Aws("s3api", "get-object", "--bucket", Bucket, "--key", prefix + "manifest.json", manifestFile);
        var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(manifestFile)).RootElement;
        foreach (var entry in manifest.GetProperty("objects").EnumerateArray())
        {
            var head = await Aws("s3api", "head-object", "--bucket", Bucket, "--key", entry.GetProperty("key").GetString()!);
            Assert.Equal(head.GetProperty("VersionId").GetString(), entry.GetProperty("versionId").GetString());
        }

        var reportFile = Path.GetTempFileName();
        await Aws("s3api", "get-object", "--bucket", Bucket, "--key", prefix + "report.json", reportFile);
        var report = JsonDocument.Parse(await File.ReadAllTextAsync(reportFile)).RootElement;
        var ec2 = report.GetProperty("anomalies").EnumerateArray().Single(a => a.GetProperty("key").GetString() == "Amazon Elastic Compute Cloud - Compute");
        var drill = ec2.GetProperty("drillDown")[0];
        Assert.Equal(("BoxUsage:p4d.24xlarge", 880m), (drill.GetProperty("key").GetString(), drill.GetProperty("change").GetDecimal()));

        var all = await FinanceMessagesAsync(report: null);
        var message = Assert.Single(all, m => m["MessageAttributes"]?["report"]?["Value"]?.GetValue<string>() == "whole");
        // One message per cost centre, each with the attribute a team lead's filter policy selects on.
        Assert.Equal(teams, all.Select(m => m["MessageAttributes"]?["cost_centre"]?["Value"]?.GetValue<string>()).OfType<string>().Order(StringComparer.Ordinal));
        Assert.StartsWith($"Cloud spend {Yesterday:yyyy-MM-dd}: usage $", message["Subject"]!.GetValue<string>());
        Assert.Contains("p4d.24xlarge GPU server hours +$880 (BoxUsage:p4d.24xlarge)", message["Message"]!.GetValue<string>());
        Assert.True(message["Message"]!.GetValue<string>().Contains("X-Amz-Signature=", StringComparison.Ordinal), message["Message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_past_day_of_the_generated_weekly_rhythm_yields_no_anomaly()
    {
        // Ten days back: weekends, growth, noise and the Monday batch job, but no spike.
        var time = DateTime.UtcNow.Date.AddDays(-10).AddHours(6).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var answer = await FireAsync(time);
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-11).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), answer.GetProperty("summary").GetProperty("day").GetString());
        Assert.Equal("0", answer.GetProperty("summary").GetProperty("anomalies").GetString());
    }

    [Fact]
    public async Task A_time_that_is_not_a_time_is_refused_and_fires_nothing()
    {
        using var response = await runner.Http.PostAsync(new Uri(runner.Api, "/_local/schedules/CostSnapshots?time=yesterday"), null);
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("2026-03-03T06:00:00Z", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_page_reads_well_in_headless_Chromium_on_a_phone_and_a_desktop_through_finance_s_link()
    {
        await FinanceMessagesAsync();
        await FireAsync();
        var text = Assert.Single(await FinanceMessagesAsync())["Message"]!.GetValue<string>();
        var link = text.Split('\n').Single(l => l.StartsWith("http", StringComparison.Ordinal)).Trim();

        var shots = Path.Combine(Fixtures.ProjectRoot, "TestResults", "screenshots");
        Directory.CreateDirectory(shots);
        foreach (var (name, width, height) in new[] { ("phone", 390, 2400), ("desktop", 1280, 1600) })
        {
            var png = Path.Combine(shots, $"cost-report-{name}.png");
            File.Delete(png);
            var shot = await Chromium.RunAsync($"--window-size={width},{height}", $"--screenshot={png}", link);
            Assert.True(File.Exists(png), $"no screenshot at {width}px: {shot.Stderr}");
            var (w, h) = Chromium.PngSize(png);
            Assert.Equal((width, height), (w, h));
            Assert.True(new FileInfo(png).Length > 20_000, "the screenshot is nearly empty");
        }

        var dom = (await Chromium.RunAsync("--window-size=390,2400", "--dump-dom", link)).Stdout;
        Assert.Contains("Cloud spend on", dom);
        Assert.Contains("usage cost $", dom);
        Assert.Contains("p4d.24xlarge GPU server hours</span> +$880", dom);
        Assert.Matches("<polyline class=\"actual\" points=\"[0-9., ]{200,}\"", dom);
        Assert.Contains("<polyline class=\"forecast\"", dom);
    }

    /// <summary>
    /// The page as a phone lays it out (390 px, Chromium driven by Playwright): nothing wider than the screen, the phone's
    /// chart shown with its text at least 11 px high and its date labels apart, the whole chart on a desktop instead.
    /// </summary>
    [Fact]
    public async Task At_phone_width_nothing_is_wider_than_the_screen_and_the_chart_s_text_is_readable()
    {
        await FinanceMessagesAsync();
        await FireAsync();
        var link = Assert.Single(await FinanceMessagesAsync())["Message"]!.GetValue<string>().Split('\n').Single(l => l.StartsWith("http", StringComparison.Ordinal)).Trim();
        using var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium.Binary, Args = ["--no-sandbox", "--disable-gpu"] });

        var phone = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, DeviceScaleFactor = 3, IsMobile = true, HasTouch = true });
        await phone.GotoAsync(link);
        Assert.True(await phone.EvaluateAsync<double>("document.documentElement.scrollWidth") <= 390, "the page scrolls sideways at 390 px");
        Assert.False(await phone.IsVisibleAsync("#chart"));
        Assert.True(await phone.IsVisibleAsync("#chart-phone"));
        var heights = await phone.EvaluateAsync<double[]>("[...document.querySelectorAll('#chart-phone text')].map(t => t.getBoundingClientRect().height)");
        Assert.NotEmpty(heights);
        Assert.All(heights, h => Assert.True(h >= 11, $"chart text {h:0.0} px high at 390 px"));
        // The day labels along the bottom do not touch one another.
        var ticks = await phone.EvaluateAsync<double[][]>("[...document.querySelectorAll('#chart-phone text.tick[text-anchor=middle]')].map(t => { const r = t.getBoundingClientRect(); return [r.left, r.right]; }).sort((a, b) => a[0] - b[0])");
        Assert.True(ticks.Length >= 2, "fewer than two dates on the phone's chart");
        for (var i = 1; i < ticks.Length; i++) Assert.True(ticks[i][0] > ticks[i - 1][1], $"date labels {i - 1} and {i} overlap");
        // Every table fits the screen, or scrolls inside its own frame, never the page.
        var tables = await phone.EvaluateAsync<double[]>("[...document.querySelectorAll('.wrap')].map(w => w.getBoundingClientRect().right)");
        Assert.All(tables, right => Assert.True(right <= 390.5, $"a table frame reaches {right} px"));

        var desktop = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        await desktop.GotoAsync(link);
        Assert.True(await desktop.IsVisibleAsync("#chart"));
        Assert.False(await desktop.IsVisibleAsync("#chart-phone"));
        var desktopHeights = await desktop.EvaluateAsync<double[]>("[...document.querySelectorAll('#chart text')].map(t => t.getBoundingClientRect().height)");
        Assert.All(desktopHeights, h => Assert.True(h >= 12, $"chart text {h:0.0} px high at 1280 px"));
    }
}

/// <summary>Debian's Chromium, headless, with the flags this closed network needs (no background connections).</summary>
public static class Chromium
{
    public static string Binary => new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
        ?? throw new Xunit.Sdk.XunitException("Chromium is not installed: apt-get install chromium (.ci/run installs it)");

    public static async Task<CommandResult> RunAsync(params string[] args)
    {
        var binary = Binary;
        var profile = Directory.CreateTempSubdirectory("chromium-").FullName;
        try
        {
            return await Commands.RunAsync(binary, ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--hide-scrollbars", $"--user-data-dir={profile}", .. args], timeout: TimeSpan.FromSeconds(60));
        }
        finally { Directory.Delete(profile, recursive: true); }
    }

    /// <summary>A PNG's width and height, from its IHDR chunk.</summary>
    public static (int Width, int Height) PngSize(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }
}
