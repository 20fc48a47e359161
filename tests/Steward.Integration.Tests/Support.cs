using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Steward.Local.Aws;
using Steward.Testing;

namespace Steward.Integration.Tests;

public static class Ports
{
    /// <summary>A port on 127.0.0.1 that nothing listens on now.</summary>
    public static int Free()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

/// <summary>One moto_server for a test class, on a free loopback port, stopped at the end.</summary>
public sealed class MotoFixture : IAsyncLifetime
{
    private MotoServer? _moto;
    public Uri Endpoint => _moto!.Endpoint;

    public async Task InitializeAsync() => _moto = await MotoServer.StartAsync(Ports.Free(), TimeSpan.FromSeconds(60));

    public async Task DisposeAsync()
    {
        if (_moto is not null) await _moto.DisposeAsync();
    }

    /// <summary>The environment the runner gives functions: moto's address, dummy credentials, a region.</summary>
    public Dictionary<string, string> AwsEnvironment => Steward.Local.LocalRunner.AwsEnvironment(Endpoint, "us-east-1");
}

/// <summary>A command run to its end, as a person runs it in a shell.</summary>
public sealed record CommandResult(int ExitCode, string Stdout, string Stderr);

public static class Commands
{
    /// <summary>The built runner: the test project references it, so its build output sits beside the tests.</summary>
    public static string RunnerDll { get; } = Path.Combine(AppContext.BaseDirectory, "Steward.Local.dll");

    public static async Task<CommandResult> RunAsync(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null,
        string? stdin = null, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin is not null,
            WorkingDirectory = Fixtures.ProjectRoot, UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string?>()) info.Environment[k] = v;
        using var process = Process.Start(info)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(90));
        try { await process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish");
        }
        return new CommandResult(process.ExitCode, await stdout, await stderr);
    }

    public static async Task<CommandResult> Runner(params string[] args)
    {
        var result = await RunAsync("dotnet", [RunnerDll, .. args]);
        LogLines.CheckAll(result.Stderr);
        return result;
    }

    /// <summary>The AWS CLI against an endpoint, with dummy credentials, as the README tells a user to run it.</summary>
    public static Task<CommandResult> Aws(Uri endpoint, params string[] args) =>
        RunAsync("aws", ["--endpoint-url", endpoint.ToString(), "--region", "us-east-1", "--output", "json", .. args],
            new Dictionary<string, string?> { ["AWS_ACCESS_KEY_ID"] = "testing", ["AWS_SECRET_ACCESS_KEY"] = "testing", ["AWS_PAGER"] = "" });
}

/// <summary>The runner's <c>serve</c> as a background process whose output lines are collected for the test to wait on.</summary>
public sealed class RunnerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private RunnerProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue("stderr: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output => string.Join('\n', _lines);
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    public static RunnerProcess Start(params string[] args) => Start(new Dictionary<string, string>(), args);

    public static RunnerProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        StartCommand("dotnet", [Commands.RunnerDll, .. args], environment);

    /// <summary>A command line run by bash, as a person types it (the README's start command).</summary>
    public static RunnerProcess StartShell(string script, IReadOnlyDictionary<string, string> environment) => StartCommand("bash", ["-c", script], environment);

    private static RunnerProcess StartCommand(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Fixtures.ProjectRoot, UseShellExecute = false };
        foreach (var (k, v) in environment) info.Environment[k] = v;
        foreach (var a in args) info.ArgumentList.Add(a);
        return new RunnerProcess(Process.Start(info)!);
    }

    /// <summary>Waits for a line that contains all of <paramref name="parts"/>; fails with the whole output if none comes.</summary>
    public async Task<string> WaitForLineAsync(TimeSpan timeout, params string[] parts)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var line = _lines.FirstOrDefault(l => parts.All(p => l.Contains(p, StringComparison.Ordinal)));
            if (line is not null) return line;
            if (_process.HasExited && _lines.All(l => !parts.All(p => l.Contains(p, StringComparison.Ordinal))))
                throw new Xunit.Sdk.XunitException($"the runner exited ({_process.ExitCode}) before printing [{string.Join(", ", parts)}]:\n{Output}");
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"no line with [{string.Join(", ", parts)}] within {timeout.TotalSeconds} s:\n{Output}");
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    /// <summary>Stops the runner as a service manager would (SIGTERM) and waits for it to stop on its own.</summary>
    public async Task<bool> StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited) return true;
        kill(_process.Id, 15);
        // A shell waiting on the runner does not pass the signal on: signal the runner itself, which stops its moto.
        foreach (var child in Children(_process.Id).Where(c => CommandLine(c).Contains("Steward.Local.dll", StringComparison.Ordinal))) kill(child, 15);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException) { return false; }
    }

    /// <summary>Waits for the process to end on its own; false when it is still running after <paramref name="timeout"/>.</summary>
    public async Task<bool> ExitedWithinAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try { await _process.WaitForExitAsync(cts.Token); return true; }
        catch (OperationCanceledException) { return false; }
    }

    /// <summary>The runner's descendant processes whose command line contains <paramref name="command"/> (e.g. its moto_server).</summary>
    public IReadOnlyList<int> Descendants(string command)
    {
        var found = new List<int>();
        var pending = new Queue<int>(Children(_process.Id));
        while (pending.TryDequeue(out var pid))
        {
            if (CommandLine(pid).Contains(command, StringComparison.Ordinal)) found.Add(pid);
            foreach (var child in Children(pid)) pending.Enqueue(child);
        }
        return found;
    }

    private static IEnumerable<int> Children(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/task/{pid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList(); }
        catch (IOException) { return []; }
    }

    private static string CommandLine(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' '); }
        catch (IOException) { return ""; }
    }

    public async ValueTask DisposeAsync()
    {
        if (!await StopAsync(TimeSpan.FromSeconds(15))) _process.Kill(entireProcessTree: true);
        _process.Dispose();
        // Every log line the functions wrote while the runner ran: each one JSON, no key twice.
        LogLines.CheckAll(Output);
    }
}

/// <summary>
/// The two tiers. Fast (no trait): the domain, the handlers with fakes, the adapters against moto, steward-cost, the
/// template checks, run after every change with <c>dotnet test Functions.sln --filter "Category!=Slow"</c>. Slow: what
/// starts the runner as a process, compiles natively, walks the README or opens Chromium, run with
/// <c>--filter Category=Slow</c> and in <c>.ci/run</c>.
/// </summary>
public static class Tiers
{
    public const string Category = "Category";
    public const string Slow = "Slow";
}
