using System.Text;
using System.Text.Json;
using Steward.Local.Aws;
using Steward.Local.Hosting;
using Steward.Local.Template;

namespace Steward.Local;

/// <summary>
/// <c>invoke &lt;function&gt; --event &lt;file|-&gt;</c>: one function, one event, like <c>sam local invoke</c>. The response goes to
/// stdout; the function's own log lines and the runner's messages go to stderr, so the response can be piped on.
/// Exit codes: 0 the function answered, 1 it failed (threw), 2 the call itself was wrong (bad name, unreadable event).
/// </summary>
public static class InvokeCommand
{
    public static async Task<int> RunAsync(string templatePath, string functionName, string eventSource, Uri awsEndpoint, string region, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var template = SamTemplate.Load(templatePath);
        var function = FindFunction(template, functionName);

        byte[] payload;
        var eventText = eventSource == "-" ? await stdin.ReadToEndAsync() : ReadEventFile(eventSource);
        try
        {
            using var _ = JsonDocument.Parse(eventText);
            payload = Encoding.UTF8.GetBytes(eventText);
        }
        catch (JsonException e)
        {
            throw new InvocationInputException($"the event {(eventSource == "-" ? "on stdin" : eventSource)} is not JSON (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}): {e.Message}");
        }

        var environment = LocalRunner.AwsEnvironment(awsEndpoint, region);
        LocalRunner.UseLocalAws(environment);
        var stack = new LocalStack(template, region, "http://127.0.0.1:3000",
            StewardSeeds.ParameterDefaults(template)) { QueueEndpoint = awsEndpoint.ToString().TrimEnd('/') };

        // The function writes its log to Console.Out, as in Lambda; here that is stderr, so stdout carries only the response.
        var realOut = Console.Out;
        Console.SetOut(stderr);
        try
        {
            var local = LocalFunction.Start(function, stack, environment);
            byte[] result;
            try { result = await local.InvokeAsync(payload); }
            catch (Exception e)
            {
                stderr.WriteLine($"[steward-local] {function.Name} failed: {e}");
                if (Unreachable(e))
                    stderr.WriteLine($"steward-local: nothing answers at {awsEndpoint}: start the runner first (dotnet run --project tools/Steward.Local), " +
                                     "which creates the template's resources there, or pass --aws-endpoint");
                return 1;
            }
            stdout.WriteLine(Encoding.UTF8.GetString(result));
            return 0;
        }
        finally
        {
            Console.SetOut(realOut);
        }
    }

    private static bool Unreachable(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } or System.Net.Sockets.SocketException) return true;
        return false;
    }

    /// <summary>By the name people use (<c>GuardDutyResponder</c>) or the logical id (<c>GuardDutyResponderFunction</c>), any case.</summary>
    public static SamFunction FindFunction(SamTemplate template, string name)
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

/// <summary>The invoke call is wrong: an unknown function or an event that cannot be read.</summary>
public sealed class InvocationInputException(string message) : Exception(message);
