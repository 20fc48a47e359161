using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Steward.Testing;

namespace Steward.Integration.Tests;

/// <summary>Each way to call the runner wrongly gets one clear line and exit code 2; nothing is left running.</summary>
[Trait(Tiers.Category, Tiers.Slow)]
public class RunnerErrorTests
{
    private const string Finding = "guardduty/eb-backdoor-ec2-cc-activity-b-dns.cloud-custodian.json";

    /// <summary>A typo is a usage error (2): for invoke, 1 means "the function failed", and a script must not read one as the other.</summary>
    [Theory]
    [InlineData("invoke GuardDutyResponder --evnt finding.json", "--evnt")]
    [InlineData("invoke", "function")]
    [InlineData("serve --prot 3001", "--prot")]
    [InlineData("serve --port three", "three")]
    [InlineData("smoke --wait soon", "soon")]
    [InlineData("servee", "servee")]
    [InlineData("serve --member-account 12345", "--member-account 12345: write a 12-digit account id")]
    [InlineData("serve --member-account 123456789012", "that is the hub's own account")]
    public async Task A_mistyped_command_line_exits_2_in_one_line(string line, string named)
    {
        var result = await Commands.Runner(line.Split(' '));
        Assert.Equal(2, result.ExitCode);
        var said = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("steward-local: ", said);
        Assert.Contains(named, said);
        Assert.Empty(result.Stdout);
    }

    /// <summary>moto dying under the runner stops it with exit 2, saying so with moto's last lines, instead of retrying forever.</summary>
    [Fact]
    public async Task The_runner_stops_with_exit_2_when_its_moto_dies()
    {
        await using var runner = RunnerProcess.Start("serve", "--port", Ports.Free().ToString(), "--moto-port", Ports.Free().ToString());
        await runner.WaitForLineAsync(TimeSpan.FromSeconds(120), "[steward-local] ready");
        var moto = Assert.Single(runner.Descendants("moto_server"));
        System.Diagnostics.Process.GetProcessById(moto).Kill();
        var said = await runner.WaitForLineAsync(TimeSpan.FromSeconds(30), "moto_server on", "exited");
        Assert.Contains("nothing works without it", said);
        Assert.True(await runner.ExitedWithinAsync(TimeSpan.FromSeconds(30)), "the runner kept running after its moto died");
        Assert.Equal(2, runner.ExitCode);
    }

    [Fact]
    public async Task Invoke_with_an_endpoint_where_nothing_answers_says_so_in_one_line()
    {
        var port = Ports.Free();
        var result = await Commands.Runner("invoke", "GuardDutyResponder", "--event", Fixtures.PathOf(Finding), "--aws-endpoint", $"http://127.0.0.1:{port}");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"steward-local: nothing answers at http://127.0.0.1:{port}/ (--aws-endpoint): start the emulator there, or leave --aws-endpoint out to use the running runner's",
            result.Stderr.Trim());
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Invoke_with_no_runner_running_says_how_to_start_one_and_acts_on_nothing()
    {
        var port = Ports.Free();
        var result = await Commands.Runner("invoke", "GuardDutyResponder", "--event", Fixtures.PathOf(Finding), "--port", port.ToString());
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"steward-local: no runner is running on 127.0.0.1:{port}: start one with  dotnet run --project tools/Steward.Local", line);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Invoke_refuses_a_port_where_something_other_than_the_runner_answers()
    {
        // moto answers HTTP, but it is not the runner: invoke must not guess where AWS is.
        await using var moto = await Steward.Local.Aws.MotoServer.StartAsync(Ports.Free(), TimeSpan.FromSeconds(60));
        var result = await Commands.Runner("invoke", "GuardDutyResponder", "--event", Fixtures.PathOf(Finding), "--port", moto.Endpoint.Port.ToString());
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not Steward's runner", result.Stderr);
    }

    [Fact]
    public async Task An_endpoint_that_is_not_a_URL_is_refused_with_an_example()
    {
        var result = await Commands.Runner("serve", "--aws-endpoint", "localhost:4566");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("is not an http(s) URL, e.g. http://127.0.0.1:4566", result.Stderr + result.Stdout);
    }

    [Fact]
    public async Task Invoke_of_an_unknown_function_lists_the_functions()
    {
        var result = await Commands.Runner("invoke", "Responder", "--event", Fixtures.PathOf(Finding));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no function 'Responder'", result.Stderr);
        Assert.Contains("GuardDutyResponder", result.Stderr);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Invoke_with_a_malformed_event_file_says_where_it_breaks()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "{\"source\": \"aws.guardduty\",\n  \"detail\": {");
        var result = await Commands.Runner("invoke", "GuardDutyResponder", "--event", file);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not JSON (line 2", result.Stderr);
    }

    [Fact]
    public async Task Invoke_with_a_missing_event_file_says_so()
    {
        var result = await Commands.Runner("invoke", "GuardDutyResponder", "--event", "/nonexistent/finding.json");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot read the event file /nonexistent/finding.json", result.Stderr);
    }

    [Fact]
    public async Task Serve_with_a_template_whose_function_is_not_a_bootstrap_refuses_to_start_and_names_it()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        var template = Path.Combine(dir, "template.yaml");
        await File.WriteAllTextAsync(template, (await File.ReadAllTextAsync(Path.Combine(Fixtures.ProjectRoot, "template.yaml")))
            .Replace("CodeUri: functions/", $"CodeUri: {Fixtures.ProjectRoot}/functions/")
            .Replace("CodeUri: " + Fixtures.ProjectRoot + "/functions/CostSnapshots/\n      Handler: bootstrap", "CodeUri: " + Fixtures.ProjectRoot + "/functions/CostSnapshots/\n      Handler: main"));
        var result = await Commands.Runner("serve", "--template", template, "--port", Ports.Free().ToString(), "--moto-port", Ports.Free().ToString());
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("CostSnapshotsFunction: Runtime 'provided.al2023' with Handler 'main'", result.Stderr);
    }

    [Fact]
    public async Task Serve_with_a_template_that_is_not_YAML_says_where()
    {
        var template = Path.Combine(Directory.CreateTempSubdirectory().FullName, "template.yaml");
        await File.WriteAllTextAsync(template, "Resources:\n  A: [unclosed\n");
        var result = await Commands.Runner("serve", "--template", template);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not valid YAML (line", result.Stderr);
    }

    [Fact]
    public async Task Serve_when_the_API_port_is_taken_says_which_port_and_what_to_do()
    {
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var port = ((IPEndPoint)taken.LocalEndpoint).Port;
            var result = await Commands.Runner("serve", "--port", port.ToString(), "--moto-port", Ports.Free().ToString());
            Assert.Equal(2, result.ExitCode);
            Assert.Contains($"port {port} on 127.0.0.1 is already in use, so the API cannot listen there", result.Stderr);
        }
        finally { taken.Stop(); }
    }

    [Fact]
    public async Task Serve_when_the_moto_port_is_taken_suggests_using_the_server_already_there()
    {
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var port = ((IPEndPoint)taken.LocalEndpoint).Port;
            var result = await Commands.Runner("serve", "--port", Ports.Free().ToString(), "--moto-port", port.ToString());
            Assert.Equal(2, result.ExitCode);
            Assert.Contains($"--aws-endpoint http://127.0.0.1:{port}", result.Stderr);
        }
        finally { taken.Stop(); }
    }

    [Fact]
    public async Task Serve_without_moto_installed_says_how_to_install_it()
    {
        var result = await Commands.RunAsync("/usr/bin/dotnet", [Commands.RunnerDll, "serve", "--port", Ports.Free().ToString(), "--moto-port", Ports.Free().ToString()],
            new Dictionary<string, string?> { ["PATH"] = "/usr/bin:/bin" });
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("pip install \"moto[server]\"", result.Stderr);
    }
}
