using System.Text.Json.Serialization;

namespace Steward.Core.Events;

/// <summary>
/// API Gateway's REST (payload 1.0) proxy integration event, as it reaches a Lambda function.
/// Only the fields a handler reads are typed; header names arrive in any case, so lookups go through <see cref="Header"/>.
/// </summary>
public sealed record ApiGatewayProxyRequest
{
    [JsonPropertyName("resource")] public string? Resource { get; init; }
    [JsonPropertyName("path")] public string? Path { get; init; }
    [JsonPropertyName("httpMethod")] public string? HttpMethod { get; init; }
    [JsonPropertyName("headers")] public Dictionary<string, string>? Headers { get; init; }
    [JsonPropertyName("multiValueHeaders")] public Dictionary<string, List<string>>? MultiValueHeaders { get; init; }
    [JsonPropertyName("queryStringParameters")] public Dictionary<string, string>? QueryStringParameters { get; init; }
    [JsonPropertyName("multiValueQueryStringParameters")] public Dictionary<string, List<string>>? MultiValueQueryStringParameters { get; init; }
    [JsonPropertyName("pathParameters")] public Dictionary<string, string>? PathParameters { get; init; }
    [JsonPropertyName("stageVariables")] public Dictionary<string, string>? StageVariables { get; init; }
    [JsonPropertyName("requestContext")] public ApiGatewayRequestContext? RequestContext { get; init; }
    [JsonPropertyName("body")] public string? Body { get; init; }
    [JsonPropertyName("isBase64Encoded")] public bool IsBase64Encoded { get; init; }

    /// <summary>A header's value whatever the case of its name (HTTP header names are case-insensitive).</summary>
    public string? Header(string name)
    {
        if (Headers is null) return null;
        foreach (var (key, value) in Headers)
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase)) return value;
        return null;
    }

    /// <summary>The body as bytes, decoding base64 where API Gateway says it encoded it.</summary>
    public byte[] BodyBytes() =>
        Body is null ? [] : IsBase64Encoded ? Convert.FromBase64String(Body) : System.Text.Encoding.UTF8.GetBytes(Body);
}

public sealed record ApiGatewayRequestContext
{
    [JsonPropertyName("requestId")] public string? RequestId { get; init; }
    [JsonPropertyName("accountId")] public string? AccountId { get; init; }
    [JsonPropertyName("stage")] public string? Stage { get; init; }
    [JsonPropertyName("resourcePath")] public string? ResourcePath { get; init; }
    [JsonPropertyName("httpMethod")] public string? HttpMethod { get; init; }
    [JsonPropertyName("path")] public string? Path { get; init; }
    [JsonPropertyName("requestTimeEpoch")] public long? RequestTimeEpoch { get; init; }
    [JsonPropertyName("identity")] public ApiGatewayRequestIdentity? Identity { get; init; }
}

public sealed record ApiGatewayRequestIdentity
{
    [JsonPropertyName("sourceIp")] public string? SourceIp { get; init; }
    [JsonPropertyName("userAgent")] public string? UserAgent { get; init; }
}

/// <summary>What a proxy integration answers: API Gateway turns it into the HTTP response.</summary>
public sealed record ApiGatewayProxyResponse
{
    [JsonPropertyName("statusCode")] public int StatusCode { get; init; }
    [JsonPropertyName("headers")] public Dictionary<string, string>? Headers { get; init; }
    [JsonPropertyName("body")] public string? Body { get; init; }
    [JsonPropertyName("isBase64Encoded")] public bool IsBase64Encoded { get; init; }
}
