using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Steward.Aws.Hosting;

/// <summary>
/// The loop every Steward function runs as its <c>bootstrap</c> on Lambda's OS-only runtime (<c>provided.al2023</c>): ask the
/// Lambda runtime API for the next event, hand it to the handler, post the answer or the error, repeat
/// (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html). It is what Amazon.Lambda.RuntimeSupport's
/// <c>LambdaBootstrap</c> does for a <c>Stream</c> handler; that package is not served to this project, so this one file stands
/// in for it and is the only file to replace when it is.
/// <para>
/// Why a bootstrap at all: Steward's functions are nearly always cold (findings and requests are rare), and a natively
/// compiled bootstrap starts in a fraction of the managed runtime's time and memory (docs/performance.md has the figures).
/// The local runner starts the same program the same way, with its own runtime API on loopback.
/// </para>
/// </summary>
public static class LambdaRuntime
{
    public const string ApiVersion = "2018-06-01";

    /// <summary>
    /// Runs the function: <paramref name="initialize"/> once (Lambda's init phase; a failure is reported to
    /// <c>/init/error</c> and ends the process, as Lambda expects), then one event at a time until the runtime API goes away.
    /// </summary>
    /// <returns>The process exit code: 0 when the runtime API closed, 1 when the init phase failed, 2 when not run by Lambda.</returns>
    public static async Task<int> RunAsync(Func<Func<Stream, Task<Stream>>> initialize)
    {
        var api = Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API");
        if (string.IsNullOrWhiteSpace(api))
        {
            await Console.Error.WriteLineAsync("AWS_LAMBDA_RUNTIME_API is not set: this is a Lambda function's bootstrap, started by Lambda or by Steward.Local");
            return 2;
        }

        // One connection to the runtime API, kept for the life of the environment; `next` waits as long as Lambda keeps the
        // environment frozen, so no client timeout applies.
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = new Uri($"http://{api}/{ApiVersion}/runtime/"),
            Timeout = Timeout.InfiniteTimeSpan,
        };

        Func<Stream, Task<Stream>> handle;
        try { handle = initialize(); }
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync($"init failed: {e.GetType().Name}: {e.Message}");
            await TryPostErrorAsync(http, "init/error", e);
            return 1;
        }

        while (true)
        {
            Invocation? invocation;
            try { invocation = await NextAsync(http); }
            catch (HttpRequestException e)
            {
                // Lambda never closes the runtime API under a live environment; the local runner and the benchmark do, when done.
                await Console.Error.WriteLineAsync($"runtime API {api} closed ({e.Message}): stopping");
                return 0;
            }
            if (invocation is null) return 0;
            await InvokeAsync(http, handle, invocation);
        }
    }

    private sealed record Invocation(string RequestId, byte[] Payload);

    /// <summary>The next event, or null when the runtime API says there will be none (it answered with an error status).</summary>
    private static async Task<Invocation?> NextAsync(HttpClient http)
    {
        using var response = await http.GetAsync("invocation/next", HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode)
        {
            await Console.Error.WriteLineAsync($"runtime API answered {(int)response.StatusCode} to invocation/next: stopping");
            return null;
        }
        var requestId = Header(response, "Lambda-Runtime-Aws-Request-Id")
            ?? throw new HttpRequestException("the runtime API sent an event without Lambda-Runtime-Aws-Request-Id");
        // X-Ray's trace header travels in this variable, as the managed runtimes set it, for any SDK call that reads it.
        Environment.SetEnvironmentVariable("_X_AMZN_TRACE_ID", Header(response, "Lambda-Runtime-Trace-Id"));
        return new Invocation(requestId, await response.Content.ReadAsByteArrayAsync());
    }

    private static async Task InvokeAsync(HttpClient http, Func<Stream, Task<Stream>> handle, Invocation invocation)
    {
        var path = $"invocation/{Uri.EscapeDataString(invocation.RequestId)}/";
        byte[] answer;
        try
        {
            await using var output = await handle(new MemoryStream(invocation.Payload, writable: false));
            using var buffer = new MemoryStream();
            await output.CopyToAsync(buffer);
            answer = buffer.ToArray();
        }
        catch (Exception e)
        {
            // The function failed the invocation: Lambda retries an asynchronous event and then sends it to the dead-letter queue.
            await Console.Error.WriteLineAsync($"invocation {invocation.RequestId} failed: {e}");
            await TryPostErrorAsync(http, path + "error", e);
            return;
        }
        using var content = new ByteArrayContent(answer);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var posted = await http.PostAsync(path + "response", content);
        if (!posted.IsSuccessStatusCode)
            await Console.Error.WriteLineAsync($"runtime API refused the response to {invocation.RequestId}: {(int)posted.StatusCode} {await posted.Content.ReadAsStringAsync()}");
    }

    /// <summary>Reports an error in the runtime API's shape (errorMessage, errorType, stackTrace); a failure to report is only logged.</summary>
    private static async Task TryPostErrorAsync(HttpClient http, string path, Exception error)
    {
        try
        {
            using var content = new ByteArrayContent(ErrorDocument(error));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
            request.Headers.Add("Lambda-Runtime-Function-Error-Type", error.GetType().Name);
            using var response = await http.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.Accepted && !response.IsSuccessStatusCode)
                await Console.Error.WriteLineAsync($"runtime API refused the error report on {path}: {(int)response.StatusCode}");
        }
        catch (HttpRequestException e) { await Console.Error.WriteLineAsync($"could not report the error on {path}: {e.Message}"); }
    }

    public static byte[] ErrorDocument(Exception error)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("errorMessage", error.Message);
            json.WriteString("errorType", error.GetType().Name);
            json.WriteStartArray("stackTrace");
            foreach (var line in (error.StackTrace ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) json.WriteStringValue(line);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
