using Steward.Testing;

namespace Steward.Integration.Tests;

/// <summary>
/// The release pipeline's smoke test (<c>Steward.Local smoke</c>) run against the runner, as it runs against a deployed
/// stack after each deployment: every step passes, and nothing it made is left in the runner's AWS.
/// </summary>
[Trait(Tiers.Category, Tiers.Slow)]
public class SmokeTests : IAsyncLifetime
{
    private readonly int _apiPort = Ports.Free();
    private readonly int _motoPort = Ports.Free();
    private RunnerProcess _runner = null!;

    public async Task InitializeAsync()
    {
        _runner = RunnerProcess.Start(new Dictionary<string, string> { ["STEWARD_API_KEYS"] = "servicenow:smoke-key" },
            "serve", "--port", _apiPort.ToString(), "--moto-port", _motoPort.ToString());
        await _runner.WaitForLineAsync(TimeSpan.FromSeconds(90), "[steward-local] ready");
    }

    public async Task DisposeAsync() => await _runner.DisposeAsync();

    [Fact]
    public async Task Every_step_passes_against_the_runner_and_nothing_is_left_behind()
    {
        var smoke = await Commands.Runner("smoke", "--port", _apiPort.ToString(), "--wait", "60");
        Assert.True(smoke.ExitCode == 0, smoke.Stdout + smoke.Stderr);
        foreach (var step in new[] { "ok   quote", "ok   finding notice", "ok   cost snapshot", "ok   stored object tagged" })
            Assert.Contains(step, smoke.Stdout);
        Assert.Contains("Amazon Linux 2023, small, 20 GiB: $16.78 a month", smoke.Stdout);
        Assert.Contains("[smoke] passed: every step, nothing left behind", smoke.Stdout);

        var moto = new Uri($"http://127.0.0.1:{_motoPort}");
        var queues = await Commands.Aws(moto, "sqs", "list-queues", "--query", "QueueUrls", "--output", "text");
        Assert.DoesNotContain("steward-smoke-", queues.Stdout);
        var topics = await Commands.Aws(moto, "sns", "list-subscriptions", "--query", "Subscriptions[].Endpoint", "--output", "text");
        Assert.DoesNotContain("steward-smoke-", topics.Stdout);
        var versions = await Commands.Aws(moto, "s3api", "list-object-versions", "--bucket", "steward-data-123456789012-us-east-1-dev",
            "--prefix", "steward-smoke/", "--query", "Versions[].Key", "--output", "text");
        Assert.Equal("None", versions.Stdout.Trim());
    }

    [Fact]
    public async Task No_runner_and_no_stack_are_one_line_and_exit_2()
    {
        var noRunner = await Commands.Runner("smoke", "--port", Ports.Free().ToString());
        Assert.Equal(2, noRunner.ExitCode);
        Assert.Contains("steward-local smoke: no runner answers at http://127.0.0.1:", noRunner.Stderr);

        var noStack = await Commands.RunAsync("dotnet", [Commands.RunnerDll, "smoke", "--stack", "steward-nowhere", "--region", "us-east-1"],
            new Dictionary<string, string?>
            {
                ["AWS_ENDPOINT_URL"] = $"http://127.0.0.1:{_motoPort}", ["AWS_ACCESS_KEY_ID"] = "testing", ["AWS_SECRET_ACCESS_KEY"] = "testing",
            });
        Assert.Equal(2, noStack.ExitCode);
        Assert.Contains("steward-local smoke: stack steward-nowhere:", noStack.Stderr);
        Assert.DoesNotContain("   at ", noStack.Stderr);
    }
}
