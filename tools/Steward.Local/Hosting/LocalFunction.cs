using System.Collections.Concurrent;
using Steward.Changes.CloudFormation;
using Steward.Local.Template;

namespace Steward.Local.Hosting;

/// <summary>
/// One function of the template, run as the Lambda service runs it: each execution environment is the function's own process
/// (<see cref="ExecutionEnvironment"/>) handling one event at a time; concurrent events get more environments, up to a
/// limit, and an idle one is reused (a warm start). The first environment starts with the runner, so a function that cannot
/// initialize stops the runner at once, as Lambda would refuse it.
/// </summary>
public sealed class LocalFunction : IAsyncDisposable
{
    /// <summary>Environments per function at most: enough for the load tests' concurrency on a small machine.</summary>
    public static int MaxEnvironments { get; } = Math.Max(4, System.Environment.ProcessorCount * 2);

    private readonly Launch _launch;
    private readonly TimeSpan _timeout;
    private readonly Action<string> _stdout, _stderr;
    private readonly ConcurrentBag<ExecutionEnvironment> _idle = [];
    private readonly ConcurrentDictionary<ExecutionEnvironment, byte> _all = new();
    private readonly SemaphoreSlim _slots = new(MaxEnvironments, MaxEnvironments);

    public string Name { get; }
    public string LogicalId { get; }
    public IReadOnlyDictionary<string, string> Environment { get; }

    private LocalFunction(string name, string logicalId, IReadOnlyDictionary<string, string> environment, Launch launch, TimeSpan timeout,
        Action<string> stdout, Action<string> stderr)
    {
        Name = name;
        LogicalId = logicalId;
        Environment = environment;
        _launch = launch;
        _timeout = timeout;
        _stdout = stdout;
        _stderr = stderr;
    }

    /// <summary>
    /// The function's environment from the template (its variables over the runner's AWS settings, as Lambda sets its own), and
    /// its first execution environment started and initialized. Its log lines go where Lambda sends them (here: the runner's
    /// output), unchanged.
    /// </summary>
    /// <exception cref="HandlerException">The code is not there, or the function failed its init phase.</exception>
    public static async Task<LocalFunction> StartAsync(SamFunction function, LocalStack stack, IReadOnlyDictionary<string, string> awsEnvironment,
        Action<string>? stdout = null, Action<string>? stderr = null, Launch? launch = null)
    {
        var code = FunctionCode.Of(function, Path.GetDirectoryName(stack.Template.Path)!);
        if (launch is null) code.EnsureBuilt();
        var memory = function.MemorySize ?? 128;
        var environment = new Dictionary<string, string>(awsEnvironment)
        {
            ["AWS_LAMBDA_FUNCTION_NAME"] = stack.Ref(function.LogicalId),
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = memory.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST",
            ["LAMBDA_TASK_ROOT"] = AppContext.BaseDirectory,
        };
        foreach (var (key, value) in function.EnvironmentVariables) environment[key] = stack.ResolveString(value);

        var local = new LocalFunction(function.Name, function.LogicalId, environment, launch ?? Launch.Dotnet(code.AssemblyPath),
            TimeSpan.FromSeconds(function.Timeout ?? 3), stdout ?? Console.Out.WriteLine, stderr ?? Console.Error.WriteLine);
        local.Release(await local.StartEnvironmentAsync());
        return local;
    }

    /// <summary>When the newest execution environment's process started (a Stopwatch timestamp).</summary>
    public long LastStartedAt { get; private set; }

    /// <summary>One invocation: the event bytes in, the response bytes out.</summary>
    /// <exception cref="FunctionFailedException">The function failed the invocation (error, exit, timeout).</exception>
    public async Task<byte[]> InvokeAsync(byte[] payload)
    {
        await _slots.WaitAsync();
        ExecutionEnvironment? environment = null;
        try
        {
            while (_idle.TryTake(out var idle))
            {
                if (idle.Alive) { environment = idle; break; }
                await Retire(idle);
            }
            environment ??= await StartEnvironmentAsync();
            var answer = await environment.InvokeAsync(payload, _timeout);
            Release(environment);
            environment = null;
            return answer;
        }
        catch (FunctionFailedException) when (environment is { Alive: true })
        {
            // A function that reported an error keeps its environment, as in Lambda.
            Release(environment);
            environment = null;
            throw;
        }
        finally
        {
            if (environment is not null) await Retire(environment);
            _slots.Release();
        }
    }

    private async Task<ExecutionEnvironment> StartEnvironmentAsync()
    {
        var environment = await ExecutionEnvironment.StartAsync(Name, _launch, Environment, _stdout, _stderr, InitTimeout);
        _all[environment] = 0;
        LastStartedAt = environment.StartedAt;
        return environment;
    }

    /// <summary>Lambda allows 10 s for init; a JIT-compiled program on a busy two-core machine may need more.</summary>
    private static readonly TimeSpan InitTimeout = TimeSpan.FromSeconds(60);

    private void Release(ExecutionEnvironment environment) => _idle.Add(environment);

    private async Task Retire(ExecutionEnvironment environment)
    {
        _all.TryRemove(environment, out _);
        await environment.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_all.Keys.Select(e => e.DisposeAsync().AsTask()));
        _all.Clear();
    }
}
