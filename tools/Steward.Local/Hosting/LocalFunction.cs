using Steward.Changes.CloudFormation;
using Steward.Local.Template;

namespace Steward.Local.Hosting;

/// <summary>
/// One function of the template hosted in this process, as the Lambda service would host it: its environment from the template,
/// its init phase run once, then invocations. The handler is expected to be thread-safe, as a Lambda function object
/// serving one request at a time per environment is not guaranteed to be here: concurrent calls share the object.
/// </summary>
public sealed class LocalFunction
{
    // Environment variables are process-wide; functions read theirs in the constructor, so inits must not interleave.
    private static readonly Lock InitGate = new();

    private readonly Func<Stream, Task<Stream>> _handle;

    public string Name { get; }
    public string LogicalId { get; }
    public IReadOnlyDictionary<string, string> Environment { get; }

    private LocalFunction(string name, string logicalId, IReadOnlyDictionary<string, string> environment, Func<Stream, Task<Stream>> handle)
    {
        Name = name;
        LogicalId = logicalId;
        Environment = environment;
        _handle = handle;
    }

    /// <summary>Binds the handler and runs the init phase with the function's environment (template variables over the runner's AWS settings).</summary>
    public static LocalFunction Start(SamFunction function, LocalStack stack, IReadOnlyDictionary<string, string> awsEnvironment)
    {
        var handler = LambdaHandler.Bind(function.Handler ?? throw new HandlerException($"{function.LogicalId} has no Handler"));
        var environment = new Dictionary<string, string>(awsEnvironment)
        {
            ["AWS_LAMBDA_FUNCTION_NAME"] = stack.Ref(function.LogicalId),
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "512",
        };
        foreach (var (key, value) in function.EnvironmentVariables) environment[key] = stack.ResolveString(value);

        lock (InitGate)
        {
            var saved = environment.Keys.ToDictionary(k => k, System.Environment.GetEnvironmentVariable);
            try
            {
                foreach (var (k, v) in environment) System.Environment.SetEnvironmentVariable(k, v);
                return new LocalFunction(function.Name, function.LogicalId, environment, handler.Initialize());
            }
            finally
            {
                foreach (var (k, v) in saved) System.Environment.SetEnvironmentVariable(k, v);
            }
        }
    }

    /// <summary>One invocation: the event bytes in, the response bytes out. A handler that throws failed the invocation.</summary>
    public async Task<byte[]> InvokeAsync(byte[] payload)
    {
        using var input = new MemoryStream(payload, writable: false);
        await using var output = await _handle(input).ConfigureAwait(false);
        using var copy = new MemoryStream();
        await output.CopyToAsync(copy).ConfigureAwait(false);
        return copy.ToArray();
    }
}
