using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Steward.Aws.Hosting;

namespace Steward.Local.Hosting;

/// <summary>The program an execution environment runs, and how (a wrapper such as /usr/bin/time goes first).</summary>
public sealed record Launch(string FileName, IReadOnlyList<string> Arguments)
{
    public static Launch Dotnet(string assemblyPath) => new("dotnet", [assemblyPath]);
}

/// <summary>
/// One Lambda execution environment, as the Lambda service runs one for an OS-only runtime: the function's bootstrap as its own
/// process, and the runtime API (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html) it asks for events, served
/// here on a loopback port of its own. One event at a time; an event that outlives the timeout ends the environment, as in
/// Lambda. This is the Lambda service's side, which moto does not play.
/// </summary>
public sealed class ExecutionEnvironment : IAsyncDisposable
{
    private readonly string _name;
    private readonly WebApplication _api;
    private readonly Channel<Pending> _events = Channel.CreateBounded<Pending>(1);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _initError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _process;
    private Pending? _current;

    private sealed record Pending(string RequestId, byte[] Payload, TaskCompletionSource<byte[]> Answer);

    private ExecutionEnvironment(string name, WebApplication api)
    {
        _name = name;
        _api = api;
    }

    /// <summary>False once the bootstrap has exited or been killed (an environment is never handed an event after that).</summary>
    public bool Alive => !_killed && !_exited.Task.IsCompleted;
    private volatile bool _killed;

    /// <summary>When the bootstrap's process was started (<see cref="System.Diagnostics.Stopwatch"/> timestamp): a cold start is timed from here.</summary>
    public long StartedAt { get; private set; }

    /// <summary>
    /// Starts the runtime API and the bootstrap, and waits for the init phase to end: the first request for an event means
    /// the function initialized; an init error, an exit or <paramref name="initTimeout"/> means it did not.
    /// </summary>
    /// <exception cref="HandlerException">The function could not initialize; the message says why.</exception>
    public static async Task<ExecutionEnvironment> StartAsync(string name, Launch launch, IReadOnlyDictionary<string, string> environment,
        Action<string> stdout, Action<string> stderr, TimeSpan initTimeout)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var api = builder.Build();
        var env = new ExecutionEnvironment(name, api);
        env.MapRuntimeApi();
        await api.StartAsync();
        var address = new Uri(api.Urls.First());

        var info = new ProcessStartInfo(launch.FileName)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        foreach (var argument in launch.Arguments) info.ArgumentList.Add(argument);
        info.Environment.Remove("AWS_PROFILE");
        foreach (var (k, v) in environment) info.Environment[k] = v;
        info.Environment["AWS_LAMBDA_RUNTIME_API"] = $"127.0.0.1:{address.Port}";
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) stdout(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) stderr(e.Data); };
        process.Exited += (_, _) => env._exited.TrySetResult(process.ExitCode);
        env.StartedAt = Stopwatch.GetTimestamp();
        try { process.Start(); }
        catch (System.ComponentModel.Win32Exception e)
        {
            await env.DisposeAsync();
            throw new HandlerException($"{name}: cannot start {launch.FileName}: {e.Message}", e);
        }
        env._process = process;
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var first = await Task.WhenAny(env._ready.Task, env._initError.Task, env._exited.Task, Task.Delay(initTimeout));
        if (first == env._ready.Task) return env;
        var why = first == env._initError.Task ? $"init failed: {env._initError.Task.Result}"
            : first == env._exited.Task ? $"its bootstrap exited with code {env._exited.Task.Result} before asking for an event"
            : $"init did not finish within {initTimeout.TotalSeconds:0} s";
        await env.DisposeAsync();
        throw new HandlerException($"{name} failed to start: {why}");
    }

    /// <summary>One event: handed to the bootstrap at its next request, its answer returned.</summary>
    /// <exception cref="FunctionFailedException">The function reported an error, exited, or ran past <paramref name="timeout"/>.</exception>
    public async Task<byte[]> InvokeAsync(byte[] payload, TimeSpan timeout)
    {
        var pending = new Pending(Guid.NewGuid().ToString(), payload, new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_events.Writer.TryWrite(pending)) throw new InvalidOperationException($"{_name}: an execution environment takes one event at a time");
        var done = await Task.WhenAny(pending.Answer.Task, _exited.Task, Task.Delay(timeout));
        if (done == pending.Answer.Task) return await pending.Answer.Task;
        if (done == _exited.Task) throw new FunctionFailedException("Runtime.ExitError", $"{_name}: its bootstrap exited with code {_exited.Task.Result} during the invocation");
        Kill();
        throw new FunctionFailedException("Sandbox.Timedout", $"{_name}: Task timed out after {timeout.TotalSeconds:0.00} seconds");
    }

    private void MapRuntimeApi()
    {
        var root = $"/{LambdaRuntime.ApiVersion}/runtime";
        _api.MapGet(root + "/invocation/next", async (HttpContext http) =>
        {
            _ready.TrySetResult();
            Pending next;
            try { next = await _events.Reader.ReadAsync(http.RequestAborted); }
            catch (OperationCanceledException) { return; }
            catch (ChannelClosedException)
            {
                // The environment is shutting down: the bootstrap's loop ends on an error status.
                http.Response.StatusCode = StatusCodes.Status410Gone;
                return;
            }
            _current = next;
            http.Response.Headers["Lambda-Runtime-Aws-Request-Id"] = next.RequestId;
            http.Response.Headers["Lambda-Runtime-Deadline-Ms"] = DateTimeOffset.UtcNow.AddMinutes(15).ToUnixTimeMilliseconds().ToString();
            http.Response.Headers["Lambda-Runtime-Invoked-Function-Arn"] = $"arn:aws:lambda:local:000000000000:function:{_name}";
            http.Response.Headers["Lambda-Runtime-Trace-Id"] = $"Root=1-{DateTimeOffset.UtcNow.ToUnixTimeSeconds():x8}-{Guid.NewGuid():N}"[..35] + ";Sampled=0";
            http.Response.ContentType = "application/json";
            await http.Response.Body.WriteAsync(next.Payload);
        });
        _api.MapPost(root + "/invocation/{id}/response", async (string id, HttpContext http) =>
        {
            if (Take(id) is not { } pending) return Results.BadRequest(new { errorMessage = $"no invocation {id} is waiting", errorType = "InvalidRequestID" });
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            pending.Answer.TrySetResult(body.ToArray());
            return Results.Accepted();
        });
        _api.MapPost(root + "/invocation/{id}/error", async (string id, HttpContext http) =>
        {
            if (Take(id) is not { } pending) return Results.BadRequest(new { errorMessage = $"no invocation {id} is waiting", errorType = "InvalidRequestID" });
            var (type, message) = await ReadErrorAsync(http);
            pending.Answer.TrySetException(new FunctionFailedException(type, message));
            return Results.Accepted();
        });
        _api.MapPost(root + "/init/error", async (HttpContext http) =>
        {
            var (type, message) = await ReadErrorAsync(http);
            _initError.TrySetResult($"{type}: {message}");
            return Results.Accepted();
        });
    }

    private Pending? Take(string id)
    {
        var current = Interlocked.Exchange(ref _current, null);
        if (current?.RequestId == id) return current;
        Interlocked.CompareExchange(ref _current, current, null);
        return null;
    }

    private static async Task<(string Type, string Message)> ReadErrorAsync(HttpContext http)
    {
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body);
        var type = http.Request.Headers["Lambda-Runtime-Function-Error-Type"].ToString();
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            var root = document.RootElement;
            string? Text(string name) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            return (Text("errorType") ?? type, Text("errorMessage") ?? "(no errorMessage)");
        }
        catch (JsonException) { return (type, "(the error report was not JSON)"); }
    }

    private void Kill()
    {
        _killed = true;
        try { if (_process is { HasExited: false }) _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { /* it has just exited */ }
    }

    /// <summary>
    /// Closes the runtime API, which ends the bootstrap's loop; a bootstrap that does not stop within two seconds is killed (as
    /// Lambda ends an environment it shuts down).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        _events.Writer.TryComplete();
        using (var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(1))) await _api.StopAsync(stopping.Token);
        await _api.DisposeAsync();
        if (_process is not null)
        {
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try { await _process.WaitForExitAsync(grace.Token); }
            catch (OperationCanceledException) { Kill(); }
            _process.Dispose();
        }
    }

    /// <summary>Waits for the bootstrap to end on its own (after the runtime API closed).</summary>
    public Task<int> ExitedAsync => _exited.Task;
}

/// <summary>The function failed the invocation: it reported an error, its process ended, or it ran out of time.</summary>
public sealed class FunctionFailedException(string errorType, string message) : Exception(message)
{
    public string ErrorType { get; } = errorType;
}
