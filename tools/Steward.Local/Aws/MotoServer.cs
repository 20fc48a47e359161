using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Steward.Local.Aws;

/// <summary>
/// moto_server, the AWS emulator this machine's image carries, run as a child process on loopback. We write no AWS emulator
/// of our own: the real SDK clients and the AWS CLI talk to moto unchanged.
/// </summary>
public sealed class MotoServer : IAsyncDisposable
{
    private readonly Process _process;

    public Uri Endpoint { get; }

    private MotoServer(Process process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    public const string InstallHint = "moto_server was not found on PATH. Install it with: pip install \"moto[server]\" (moto 5.2 or newer), " +
                                      "or point the runner at one already running with --aws-endpoint http://127.0.0.1:4566";

    /// <summary>Starts moto on 127.0.0.1:<paramref name="port"/> and waits until it answers.</summary>
    /// <exception cref="LocalRunnerException">moto is not installed, the port is taken, or moto did not come up.</exception>
    public static async Task<MotoServer> StartAsync(int port, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var executable = FindOnPath("moto_server") ?? throw new LocalRunnerException(InstallHint);
        EnsurePortFree(port, "moto_server", "--aws-endpoint http://127.0.0.1:" + port + " to use the server already there");

        var info = new ProcessStartInfo(executable, ["-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(info) ?? throw new LocalRunnerException($"could not start {executable}");
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new MotoServer(process, new Uri($"http://127.0.0.1:{port}"));
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
