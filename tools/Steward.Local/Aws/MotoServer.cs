using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Steward.Local.Aws;

/// <summary>
/// moto_server, the AWS emulator this machine's image carries, run as a child process on loopback. We write no AWS emulator
/// of our own: the real SDK clients and the AWS CLI talk to moto unchanged, and moto keeps two guarantees of AWS's under
/// concurrent requests that it otherwise does not (<c>moto_server_atomic.py</c>, beside the runner).
/// </summary>
public sealed class MotoServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _log;

    public Uri Endpoint { get; }

    /// <summary>moto's process id, printed at start: if the runner is killed with SIGKILL, moto outlives it and is stopped by this number.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Completes when moto exits without being asked to (it crashed or was killed): everything the runner does needs it.</summary>
    public Task Died { get; }

    private MotoServer(Process process, Uri endpoint, System.Collections.Concurrent.ConcurrentQueue<string> log)
    {
        _process = process;
        _log = log;
        Endpoint = endpoint;
        Died = process.WaitForExitAsync().ContinueWith(_ => { }, TaskScheduler.Default);
    }

    /// <summary>What moto said last, and how it ended: for the one line that says why the runner stops.</summary>
    public string Obituary()
    {
        var lines = _log.ToArray();
        var code = _process.HasExited ? _process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "?";
        return $"moto_server on {Endpoint} exited (code {code}){(lines.Length == 0 ? ", saying nothing" : "; its last lines: " + string.Join(" | ", lines.TakeLast(5)))}";
    }

    public const string InstallHint = "moto_server was not found on PATH. Install it with: pip install \"moto[server]\" (moto 5.2 or newer), " +
                                      "or point the runner at one already running with --aws-endpoint http://127.0.0.1:4566";

    /// <summary>Starts moto on 127.0.0.1:<paramref name="port"/> and waits until it answers.</summary>
    /// <exception cref="LocalRunnerException">moto is not installed, the port is taken, or moto did not come up.</exception>
    public static async Task<MotoServer> StartAsync(int port, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var executable = FindOnPath("moto_server") ?? throw new LocalRunnerException(InstallHint);
        EnsurePortFree(port, "moto_server", "--aws-endpoint http://127.0.0.1:" + port + " to use the server already there");

        // moto as it is, but with DynamoDB's conditional writes atomic and EC2's ClientToken kept (moto_server_atomic.py says
        // why); where the file or python3 is missing, moto_server itself.
        string[] args = ["-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        var atomic = Path.Combine(AppContext.BaseDirectory, "moto_server_atomic.py");
        var python = File.Exists(atomic) ? FindOnPath("python3") : null;
        var info = new ProcessStartInfo(python ?? executable, python is null ? args : [atomic, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(info) ?? throw new LocalRunnerException($"could not start {executable}");
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        // Only the last lines are kept: moto logs a line per request, and the runner may serve for days.
        void Keep(string? line)
        {
            if (line is null) return;
            log.Enqueue(line);
            while (log.Count > 50) log.TryDequeue(out _);
        }
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new MotoServer(process, new Uri($"http://127.0.0.1:{port}"), log);
        var deadline = DateTime.UtcNow + timeout;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new LocalRunnerException($"moto_server exited at start (code {process.ExitCode}): {string.Join(" | ", log.TakeLast(5))}");
            try
            {
                using var response = await http.GetAsync(new Uri(server.Endpoint, "/moto-api/data.json"), cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode) return server;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested) { }
            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }
        await server.DisposeAsync().ConfigureAwait(false);
        throw new LocalRunnerException($"moto_server did not answer on {server.Endpoint} within {timeout.TotalSeconds:0} s");
    }

    /// <summary>Fails with a clear message when something already listens on the port.</summary>
    public static void EnsurePortFree(int port, string who, string alternative)
    {
        try
        {
            var probe = new TcpListener(IPAddress.Loopback, port);
            probe.Start();
            probe.Stop();
        }
        catch (SocketException)
        {
            throw new LocalRunnerException($"port {port} on 127.0.0.1 is already in use, so {who} cannot listen there. Stop what uses it, or pass {alternative}.");
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
        _process.Dispose();
    }
}

/// <summary>Something the runner cannot do, said plainly to the person who ran it.</summary>
public sealed class LocalRunnerException(string message) : Exception(message);
