using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Steward.Changes.CloudFormation;
using Steward.Local.Aws;
using Steward.Local.Hosting;
using Steward.Local.Template;

namespace Steward.Local;

/// <summary>
/// <c>invoke &lt;function&gt; --event &lt;file|-&gt;</c>: one function, one event, like <c>sam local invoke</c>, against the AWS side
/// of the runner the person started (asked at <c>GET /_local</c> on its API port), or the emulator <c>--aws-endpoint</c>
/// names; never any other. The response goes to stdout; the function's log and the runner's messages go to stderr.
/// </summary>
public static class InvokeCommand
{
    /// <summary>The exit codes the README documents.</summary>
    public const int Handled = 0, Failed = 1, WrongCall = 2, Rejected = 3;

    public sealed record Target(Uri AwsEndpoint, string Region, IReadOnlyDictionary<string, string> Parameters, string Description, Uri? CostExplorer = null);

    public static async Task<int> RunAsync(string templatePath, string functionName, string eventSource, Uri? awsEndpoint, int runnerPort, string? region,
        TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        // What the person gave is checked first: a wrong name or an unreadable event needs no runner to be told.
        var template = CloudFormationTemplate.Load(templatePath);
        var function = FindFunction(template, functionName);
        var payload = await ReadEventAsync(eventSource, stdin);
        var target = awsEndpoint is null
            ? await AskRunnerAsync(runnerPort, template)
            : await GivenEndpointAsync(awsEndpoint, region, template);
        stderr.WriteLine($"[steward-local] {function.Name} against {target.Description}");

        var environment = LocalRunner.AwsEnvironment(target.AwsEndpoint, region ?? target.Region, target.CostExplorer);
        LocalRunner.UseLocalAws(environment);
        var stack = new LocalStack(template, region ?? target.Region, $"http://127.0.0.1:{runnerPort}", target.Parameters)
            { QueueEndpoint = target.AwsEndpoint.ToString().TrimEnd('/') };

        // The function's log goes to stderr, as Lambda keeps it apart from the answer: stdout carries only the response.
        LocalFunction local;
        try { local = await LocalFunction.StartAsync(function, stack, environment, stderr.WriteLine, stderr.WriteLine); }
        catch (HandlerException e)
        {
            stderr.WriteLine($"steward-local: {e.Message}");
            return Failed;
        }
        await using (local)
        {
            byte[] result;
            try { result = await local.InvokeAsync(payload); }
            catch (FunctionFailedException e)
            {
                if (await UnreachableAsync(target.AwsEndpoint))
                {
                    stderr.WriteLine($"steward-local: {function.Name} failed: nothing answers at {target.AwsEndpoint} any more ({target.Description}); start it again");
                    return Failed;
                }
                stderr.WriteLine($"steward-local: {function.Name} failed (in Lambda the event would be retried, then kept on the dead-letter queue): {e.ErrorType}: {e.Message}");
                return Failed;
            }
            var response = Encoding.UTF8.GetString(result);
            stdout.WriteLine(response);
            return IsRejection(response) ? Rejected : Handled;
        }
    }

    /// <summary>A function's answer <c>{"status":"rejected","reason":…}</c>: the event was refused, and the exit code says so.</summary>
    private static bool IsRejection(string response)
    {
        try { return JsonNode.Parse(response) is JsonObject o && o["status"] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == "rejected"; }
        catch (JsonException) { return false; }
    }

    /// <summary>The running runner's AWS side, its region and its parameters, as it describes itself at <c>GET /_local</c>.</summary>
    public static async Task<Target> AskRunnerAsync(int port, CloudFormationTemplate template)
    {
        var address = new Uri($"http://127.0.0.1:{port}{LocalRunner.AdminPrefix}");
        const string start = "start one with  dotnet run --project tools/Steward.Local  (it starts moto and creates the template's resources), " +
                             "pass --port if yours serves on another port, or --aws-endpoint URL to use an emulator you started yourself";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        string text;
        try { text = await http.GetStringAsync(address); }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConnectionError)
        {
            throw new InvocationInputException($"no runner is running on 127.0.0.1:{port}: {start}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            throw new InvocationInputException($"what answers on 127.0.0.1:{port} is not Steward's runner ({e.Message}): {start}");
        }

        JsonObject? description = null;
        try { description = JsonNode.Parse(text) as JsonObject; } catch (JsonException) { }
        if (description?["awsEndpoint"]?.GetValue<string>() is not { } endpoint || !Uri.TryCreate(endpoint, UriKind.Absolute, out var aws))
            throw new InvocationInputException($"what answers on 127.0.0.1:{port} is not Steward's runner (no awsEndpoint at {LocalRunner.AdminPrefix}): {start}");
        var served = description["template"]?.GetValue<string>();
        if (served is not null && !SamePath(served, template.Path))
            throw new InvocationInputException($"the runner on 127.0.0.1:{port} serves {served}, not {Path.GetFullPath(template.Path)}: pass --template {served}, or start a runner for this template on another --port");
        var parameters = description["parameters"] is JsonObject p
            ? p.ToDictionary(kv => kv.Key, kv => kv.Value?.GetValue<string>() ?? "")
            : StewardSeeds.ParameterDefaults(template);
        var region = description["region"]?.GetValue<string>() ?? "us-east-1";
        await EnsureReachableAsync(aws, $"the runner on 127.0.0.1:{port} says its AWS is at {aws}, but nothing answers there: stop the runner and start it again");
        var costExplorer = description["costExplorerEndpoint"]?.GetValue<string>() is { } ce && Uri.TryCreate(ce, UriKind.Absolute, out var ceUri) ? ceUri : null;
        return new Target(aws, region, parameters, $"the runner on 127.0.0.1:{port} (AWS at {aws})", costExplorer);
    }

    private static async Task<Target> GivenEndpointAsync(Uri endpoint, string? region, CloudFormationTemplate template)
    {
        await EnsureReachableAsync(endpoint, $"nothing answers at {endpoint} (--aws-endpoint): start the emulator there, or leave --aws-endpoint out to use the running runner's");
        return new Target(endpoint, region ?? "us-east-1", StewardSeeds.ParameterDefaults(template), $"the AWS emulator at {endpoint} (--aws-endpoint)");
    }

    /// <summary>One TCP connection to the endpoint: refused or silent means one clear line, before any function starts.</summary>
    private static async Task EnsureReachableAsync(Uri endpoint, string whenNot)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try { await client.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token); }
        catch (Exception e) when (e is SocketException or OperationCanceledException) { throw new InvocationInputException(whenNot); }
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.GetFullPath(a).TrimEnd('/'), Path.GetFullPath(b).TrimEnd('/'), StringComparison.Ordinal);

    /// <summary>Whether the AWS side has gone away (the function's error alone cannot tell: it ran in its own process).</summary>
    private static async Task<bool> UnreachableAsync(Uri endpoint)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try { await client.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token); return false; }
        catch (Exception e) when (e is SocketException or OperationCanceledException) { return true; }
    }

    private static async Task<byte[]> ReadEventAsync(string eventSource, TextReader stdin)
    {
        var eventText = eventSource == "-" ? await stdin.ReadToEndAsync() : ReadEventFile(eventSource);
        try
        {
            using var _ = JsonDocument.Parse(eventText);
            return Encoding.UTF8.GetBytes(eventText);
        }
        catch (JsonException e)
        {
            throw new InvocationInputException($"the event {(eventSource == "-" ? "on stdin" : eventSource)} is not JSON (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}): {e.Message}");
        }
    }

    /// <summary>By the name people use (<c>GuardDutyResponder</c>) or the logical id (<c>GuardDutyResponderFunction</c>), any case.</summary>
    public static SamFunction FindFunction(CloudFormationTemplate template, string name)
    {
        var functions = template.Functions.ToList();
        return functions.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase) ||
                                             string.Equals(f.LogicalId, name, StringComparison.OrdinalIgnoreCase))
               ?? throw new InvocationInputException($"no function '{name}' in {template.Path}; the functions are: {string.Join(", ", functions.Select(f => f.Name))}");
    }

    private static string ReadEventFile(string path)
    {
        try { return File.ReadAllText(path); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            throw new InvocationInputException($"cannot read the event file {path}: {e.Message}");
        }
    }
}

/// <summary>The invoke call is wrong: an unknown function, an event that cannot be read, or no runner to act on.</summary>
public sealed class InvocationInputException(string message) : Exception(message);
