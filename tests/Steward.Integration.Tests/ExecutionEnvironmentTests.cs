using Steward.Changes.CloudFormation;
using Steward.Local.Hosting;
using Steward.Local.Template;
using Steward.Testing;

namespace Steward.Integration.Tests;

/// <summary>
/// The runner plays the Lambda service for the functions' bootstraps: the runtime API as AWS documents it, one event at a
/// time per environment, errors, timeouts and failed inits reported as Lambda reports them. Checked with the shell
/// bootstrap of AWS's own custom-runtime tutorial (curl against the runtime API), so the runner is held to the documented
/// protocol, not only to what Steward's loop happens to send.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class ExecutionEnvironmentTests
{
    /// <summary>The tutorial's bootstrap (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-walkthrough.html), with what each event does in $1.</summary>
    private static Launch Script(string handler)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("bootstrap-").FullName, "bootstrap");
        File.WriteAllText(file, $$"""
            #!/bin/bash
            set -uo pipefail
            api="http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
            while true; do
              headers=$(mktemp)
              event=$(curl -sS -f -D "$headers" "$api/invocation/next") || exit 0
              id=$(grep -Fi Lambda-Runtime-Aws-Request-Id "$headers" | tr -d '[:space:]' | cut -d: -f2)
              {{handler}}
            done
            """.Replace("\r", ""));
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new Launch(file, []);
    }

    private const string Echo = """curl -sS -X POST "$api/invocation/$id/response" -d "$event" >/dev/null""";

    private static Task<ExecutionEnvironment> Start(Launch launch, Dictionary<string, string>? environment = null, int initSeconds = 30) =>
        ExecutionEnvironment.StartAsync("Probe", launch, environment ?? [], _ => { }, _ => { }, TimeSpan.FromSeconds(initSeconds));

    [Fact]
    public async Task The_documented_shell_bootstrap_gets_each_event_and_its_answer_comes_back()
    {
        await using var environment = await Start(Script(Echo));
        foreach (var n in new[] { 1, 2, 3 })
        {
            var answer = await environment.InvokeAsync(System.Text.Encoding.UTF8.GetBytes($$"""{"n":{{n}}}"""), TimeSpan.FromSeconds(10));
            Assert.Equal($$"""{"n":{{n}}}""", System.Text.Encoding.UTF8.GetString(answer));
        }
    }

    [Fact]
    public async Task An_error_the_function_reports_fails_the_invocation_with_its_type_and_the_environment_lives_on()
    {
        var launch = Script("""
            curl -sS -X POST "$api/invocation/$id/error" -H 'Lambda-Runtime-Function-Error-Type: Unhandled' \
              -d '{"errorMessage":"the disk is on fire","errorType":"FireException","stackTrace":[]}' >/dev/null
            """);
        await using var environment = await Start(launch);
        var failed = await Assert.ThrowsAsync<FunctionFailedException>(() => environment.InvokeAsync("{}"u8.ToArray(), TimeSpan.FromSeconds(10)));
        Assert.Equal("FireException", failed.ErrorType);
        Assert.Equal("the disk is on fire", failed.Message);
        Assert.True(environment.Alive);
    }

    [Fact]
    public async Task An_event_past_the_timeout_ends_the_environment_as_Lambda_does()
    {
        await using var environment = await Start(Script("sleep 30; " + Echo));
        var failed = await Assert.ThrowsAsync<FunctionFailedException>(() => environment.InvokeAsync("{}"u8.ToArray(), TimeSpan.FromSeconds(1)));
        Assert.Equal("Sandbox.Timedout", failed.ErrorType);
        Assert.Contains("Task timed out after 1.00 seconds", failed.Message);
        await environment.ExitedAsync.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(environment.Alive);
    }

    [Fact]
    public async Task A_bootstrap_that_exits_before_asking_for_an_event_failed_its_init()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("bootstrap-").FullName, "bootstrap");
        await File.WriteAllTextAsync(file, "#!/bin/sh\necho 'cannot start' >&2\nexit 3\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var e = await Assert.ThrowsAsync<HandlerException>(() => Start(new Launch(file, [])));
        Assert.Contains("Probe failed to start: its bootstrap exited with code 3", e.Message);
    }

    [Fact]
    public async Task A_Steward_function_missing_its_settings_reports_an_init_error_naming_the_variable()
    {
        // The real program (GuardDutyResponder's Main and runtime loop), given no ALERT_TOPIC_ARN: Lambda would show this init error.
        var dll = Path.Combine(AppContext.BaseDirectory, "Steward.GuardDutyResponder.dll");
        var e = await Assert.ThrowsAsync<HandlerException>(() => Start(Launch.Dotnet(dll), new() { ["AWS_REGION"] = "us-east-1" }, initSeconds: 60));
        Assert.Contains("init failed: ConfigurationException: ALERT_TOPIC_ARN is not set", e.Message);
    }

    [Fact]
    public async Task Concurrent_events_get_environments_of_their_own_and_every_answer_is_its_own()
    {
        var template = CloudFormationTemplate.Parse($"""
            Resources:
              Probe:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: provided.al2023
                  Handler: bootstrap
                  CodeUri: functions/GuardDutyResponder/
                  Timeout: 60
            """, Path.Combine(Fixtures.ProjectRoot, "template.yaml"));
        var stack = new LocalStack(template, "us-east-1", "http://127.0.0.1:1");
        // A timeout far above the work: twelve shells started at once on a busy two-core machine can take seconds, and this
        // test is about each event getting its own environment, not about time.
        var slow = Script("sleep 0.3; " + Echo);
        await using var function = await LocalFunction.StartAsync(template.Functions.Single(), stack, new Dictionary<string, string>(), launch: slow);

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(async n =>
            System.Text.Encoding.UTF8.GetString(await function.InvokeAsync(System.Text.Encoding.UTF8.GetBytes($"{{\"n\":{n}}}")))));
        Assert.Equal(Enumerable.Range(0, 12).Select(n => $"{{\"n\":{n}}}"), answers);
    }
}
