using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Steward.Core.Events;
using Steward.Core.Json;
using Steward.Local.Aws;

namespace Steward.Local.Http;

/// <summary>
/// Plays API Gateway's REST proxy integration: matches a request against the template's routes (<c>{param}</c> and
/// <c>{proxy+}</c> segments, as API Gateway does), builds the proxy event the real integration would send, and turns the
/// function's answer back into HTTP. The stage prefix of a deployed URL (<c>/dev/instance</c>) is accepted too, so a
/// ServiceNow script's endpoint works with only the host changed.
/// </summary>
public sealed class ApiGatewayProxy(IReadOnlyList<ApiRoute> routes, string stage)
{
    public sealed record Match(ApiRoute Route, Dictionary<string, string>? PathParameters);

    /// <summary>The route for a method and path, or null; <paramref name="allowed"/> lists the methods the path does take.</summary>
    public Match? Find(string method, string path, out IReadOnlyList<string> allowed)
    {
        var stripped = StripStage(path);
        var matches = routes.Select(r => (Route: r, Params: MatchPath(r.Path, stripped))).Where(m => m.Params is not null).ToList();
        allowed = matches.Select(m => m.Route.Method).Distinct().ToList();
        // Literal segments win over parameters (POST /instances/quote before /instances/{request_number}), as in API Gateway.
        var best = matches.Where(m => m.Route.Method == method || m.Route.Method == "ANY")
            .OrderBy(m => m.Params!.Count).FirstOrDefault();
        return best.Route is null ? null : new Match(best.Route, best.Params!.Count == 0 ? null : best.Params);
    }

    private string StripStage(string path) =>
        path.StartsWith("/" + stage + "/", StringComparison.Ordinal) ? path[(stage.Length + 1)..] : path;

    private static Dictionary<string, string>? MatchPath(string template, string path)
    {
        var t = template.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var p = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var values = new Dictionary<string, string>();
        for (var i = 0; i < t.Length; i++)
        {
            if (t[i].StartsWith('{') && t[i].EndsWith("+}"))
            {
                if (i >= p.Length) return null;
                values[t[i][1..^2]] = string.Join('/', p[i..].Select(Uri.UnescapeDataString));
                return values;
            }
            if (i >= p.Length) return null;
            if (t[i].StartsWith('{') && t[i].EndsWith('}')) values[t[i][1..^1]] = Uri.UnescapeDataString(p[i]);
            else if (!string.Equals(t[i], p[i], StringComparison.Ordinal)) return null;
        }
        return t.Length == p.Length ? values : null;
    }

    /// <summary>The proxy event API Gateway would send for this request.</summary>
    public async Task<byte[]> BuildEventAsync(HttpContext http, Match match, CancellationToken ct)
    {
        var request = http.Request;
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);
        var bytes = body.ToArray();
        var textual = bytes.Length == 0 || IsText(request.ContentType);

        var headers = new Dictionary<string, string>();
        var multiHeaders = new Dictionary<string, List<string>>();
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = values.ToString();
            multiHeaders[name] = values.Select(v => v ?? "").ToList();
        }
        Dictionary<string, string>? query = null;
        Dictionary<string, List<string>>? multiQuery = null;
        if (request.Query.Count > 0)
        {
            // Single-value map: API Gateway keeps the last value of a repeated parameter.
            query = request.Query.ToDictionary(q => q.Key, q => q.Value.LastOrDefault() ?? "");
            multiQuery = request.Query.ToDictionary(q => q.Key, q => q.Value.Select(v => v ?? "").ToList());
        }

        var proxyEvent = new ApiGatewayProxyRequest
        {
            Resource = match.Route.Path,
            Path = StripStage(request.Path.Value ?? "/"),
            HttpMethod = request.Method,
            Headers = headers,
            MultiValueHeaders = multiHeaders,
            QueryStringParameters = query,
            MultiValueQueryStringParameters = multiQuery,
            PathParameters = match.PathParameters,
            RequestContext = new ApiGatewayRequestContext
            {
                RequestId = Guid.NewGuid().ToString(),
                AccountId = LocalStackAccount,
                Stage = stage,
                ResourcePath = match.Route.Path,
                HttpMethod = request.Method,
                Path = "/" + stage + StripStage(request.Path.Value ?? "/"),
                RequestTimeEpoch = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                Identity = new ApiGatewayRequestIdentity { SourceIp = http.Connection.RemoteIpAddress?.ToString(), UserAgent = request.Headers.UserAgent.ToString() },
            },
            Body = bytes.Length == 0 ? null : textual ? Encoding.UTF8.GetString(bytes) : Convert.ToBase64String(bytes),
            IsBase64Encoded = !textual,
        };
        return JsonSerializer.SerializeToUtf8Bytes(proxyEvent, StewardJsonContext.Default.ApiGatewayProxyRequest);
    }

    private const string LocalStackAccount = Template.LocalStack.AccountId;

    private static bool IsText(string? contentType) =>
        contentType is null || contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) ||
        contentType.Contains("json", StringComparison.OrdinalIgnoreCase) || contentType.Contains("xml", StringComparison.OrdinalIgnoreCase) ||
        contentType.Contains("x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    /// <summary>Writes the function's proxy response as HTTP; a response API Gateway could not read becomes its 502.</summary>
    public static async Task WriteResponseAsync(HttpContext http, byte[] payload, CancellationToken ct)
    {
        ApiGatewayProxyResponse? response;
        try { response = JsonSerializer.Deserialize(payload, StewardJsonContext.Default.ApiGatewayProxyResponse); }
        catch (JsonException) { response = null; }
        if (response is null || response.StatusCode is < 100 or > 599)
        {
            await WriteGatewayErrorAsync(http, 502, "Internal server error", "the function's answer is not an API Gateway proxy response", ct);
            return;
        }
        http.Response.StatusCode = response.StatusCode;
        foreach (var (name, value) in response.Headers ?? []) http.Response.Headers[name] = value;
        if (response.Body is { } body)
        {
            var bytes = response.IsBase64Encoded ? Convert.FromBase64String(body) : Encoding.UTF8.GetBytes(body);
            await http.Response.Body.WriteAsync(bytes, ct);
        }
    }

    /// <summary>An answer from API Gateway itself (no function ran, or it failed): <c>{"message": …}</c> as AWS sends, and why, locally.</summary>
    public static async Task WriteGatewayErrorAsync(HttpContext http, int status, string message, string localDetail, CancellationToken ct)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        var body = JsonSerializer.Serialize(new Dictionary<string, string> { ["message"] = message, ["localRunner"] = localDetail },
            StewardJsonContext.Default.DictionaryStringString);
        await http.Response.WriteAsync(body, ct);
    }
}
