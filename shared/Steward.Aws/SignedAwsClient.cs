using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Polly;
using Polly.Retry;
using Steward.Core.Ports;

namespace Steward.Aws;

/// <summary>
/// Calls an AWS service over HTTPS in its own wire protocol, signed with AWSSDK.Core's SigV4 handler and credentials: the
/// JSON 1.1 protocol (<c>POST /</c>, <c>X-Amz-Target</c>) and the Query protocol (form-encoded <c>Action=…</c>, XML answer).
/// Used only for services whose SDK package is not available to us; each caller keeps its request and response shapes
/// behind a port so the official client can replace it in one file. Throttling and 5xx answers are retried with backoff;
/// what still fails becomes <see cref="Throttled"/> or <see cref="DependencyFailed"/>.
/// </summary>
public sealed class SignedAwsClient : IDisposable
{
    private readonly AwsService _service;
    private readonly HttpClient _http;
    private readonly ResiliencePipeline _retry;

    public SignedAwsClient(AwsService service, AWSCredentials credentials, string signingRegion, Uri endpoint, HttpMessageHandler? transport = null, int maxRetries = 3)
    {
        _service = service;
        var signer = new SigV4SigningHandler(credentials, RegionEndpoint.GetBySystemName(signingRegion), service.SigningName, transport ?? new SocketsHttpHandler());
        _http = new HttpClient(signer) { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(30) };
        _retry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = maxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                ShouldHandle = new PredicateBuilder().Handle<Throttled>().Handle<HttpRequestException>()
                    .Handle<DependencyFailed>(e => e.HttpStatus >= 500),
            })
            .Build();
    }

    public Uri Endpoint => _http.BaseAddress!;

    /// <summary>A JSON 1.1 call: <paramref name="operation"/> is the bare operation name, e.g. <c>GetCostAndUsage</c>.</summary>
    public async Task<JsonElement> CallJsonAsync(string operation, string requestJson, CancellationToken cancellationToken = default)
    {
        var target = _service.JsonTargetPrefix ?? throw new InvalidOperationException($"{_service.ServiceId} does not speak the JSON protocol");
        var text = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(requestJson, Encoding.UTF8) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
            request.Headers.Add("X-Amz-Target", $"{target}.{operation}");
            return request;
        }, operation, ParseJsonError, cancellationToken).ConfigureAwait(false);
        using var doc = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
        return doc.RootElement.Clone();
    }

    /// <summary>
    /// A REST-JSON call (Lambda's <c>POST /2015-03-31/functions/{name}/invocations</c>): the body as given, the answer's text.
    /// Not retried: a REST operation such as an invocation need not be idempotent.
    /// </summary>
    public async Task<string> CallRestJsonAsync(HttpMethod method, string path, string? body, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode) return text;
        var (code, message) = TryParse(ParseJsonError, text);
        throw new DependencyFailed(_service.SigningName, code, $"{method} {path}: {message}", (int)response.StatusCode);
    }

    /// <summary>A Query call: answers the <c>{Action}Result</c> element of the XML response.</summary>
    public async Task<XElement> CallQueryAsync(string action, string version, IEnumerable<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken = default)
    {
        var form = new List<KeyValuePair<string, string>> { new("Action", action), new("Version", version) };
        form.AddRange(parameters);
        var text = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "/") { Content = new FormUrlEncodedContent(form) },
            action, ParseQueryError, cancellationToken).ConfigureAwait(false);
        var root = XDocument.Parse(text).Root ?? throw new DependencyFailed(_service.SigningName, "EmptyResponse", $"{action} answered no XML", 200);
        return root.Elements().FirstOrDefault(e => e.Name.LocalName == action + "Result") ?? root;
    }

    private async Task<string> SendAsync(Func<HttpRequestMessage> build, string operation,
        Func<string, (string Code, string Message)> parseError, CancellationToken cancellationToken)
    {
        try { return await SendWithRetriesAsync(build, operation, parseError, cancellationToken).ConfigureAwait(false); }
        catch (Exception e) when (Unreachable.Is(e)) { throw Unreachable.Translate(_service.SigningName, operation, e); }
    }

    private async Task<string> SendWithRetriesAsync(Func<HttpRequestMessage> build, string operation,
        Func<string, (string Code, string Message)> parseError, CancellationToken cancellationToken) =>
        await _retry.ExecuteAsync(async ct =>
        {
            // A request message can be sent once only: build it anew for every attempt.
            using var request = build();
            using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (response.IsSuccessStatusCode) return body;
            var (code, message) = TryParse(parseError, body);
            throw IsThrottling(response.StatusCode, code)
                ? new Throttled(_service.SigningName, code, $"{operation}: {message}")
                : new DependencyFailed(_service.SigningName, code, $"{operation}: {message}", (int)response.StatusCode);
        }, cancellationToken).ConfigureAwait(false);

    private static (string, string) TryParse(Func<string, (string, string)> parse, string body)
    {
        try { return parse(body); }
        catch (Exception e) when (e is JsonException or System.Xml.XmlException) { return ("UnknownError", body.Length > 300 ? body[..300] : body); }
    }

    private static bool IsThrottling(HttpStatusCode status, string code) =>
        status == HttpStatusCode.TooManyRequests || code is "Throttling" or "ThrottlingException" or "ThrottledException"
            or "RequestLimitExceeded" or "TooManyRequestsException" or "RequestThrottled" or "RequestThrottledException" or "LimitExceededException";

    /// <summary>JSON 1.1 errors: <c>{"__type": "prefix#Code", "message": "…"}</c> (some services say <c>Message</c>).</summary>
    private static (string, string) ParseJsonError(string body)
    {
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        var type = root.TryGetProperty("__type", out var t) ? t.GetString() ?? "UnknownError" : "UnknownError";
        var code = type.Contains('#') ? type[(type.LastIndexOf('#') + 1)..] : type;
        var message = root.TryGetProperty("message", out var m) || root.TryGetProperty("Message", out m) ? m.GetString() ?? "" : "";
        return (code, message);
    }

    /// <summary>Query errors: <c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;/ErrorResponse&gt;</c>.</summary>
    private static (string, string) ParseQueryError(string body)
    {
        var error = XDocument.Parse(body).Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
        string? Child(string name) => error?.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
        return (Child("Code") ?? "UnknownError", Child("Message") ?? "");
    }

    public void Dispose() => _http.Dispose();
}
