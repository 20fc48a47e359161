namespace Steward.Core.Ports;

/// <summary>
/// The domain's words for what goes wrong behind a port. Adapters translate SDK and HTTP errors into these, so that the
/// domain and the handlers decide on meaning (retry, answer 503, fail the invocation) without knowing any SDK.
/// </summary>
public abstract class DependencyException(string service, string code, string message, Exception? inner = null)
    : Exception($"{service} {code}: {message}", inner)
{
    /// <summary>The AWS service (or other dependency) that failed, e.g. <c>sns</c>, <c>ce</c>.</summary>
    public string Service { get; } = service;
    /// <summary>The service's own error code, e.g. <c>ThrottlingException</c>, <c>InvalidParameter</c>.</summary>
    public string Code { get; } = code;
    public string Reason { get; } = message;
}

/// <summary>AWS asked us to slow down and retrying did not help in time. Safe to retry later.</summary>
public sealed class Throttled(string service, string code, string message, Exception? inner = null)
    : DependencyException(service, code, message, inner);

/// <summary>AWS refused or failed the call for a reason retrying will not fix by itself (permissions, limits, bad request, 5xx after retries).</summary>
public sealed class DependencyFailed(string service, string code, string message, int httpStatus, Exception? inner = null)
    : DependencyException(service, code, message, inner)
{
    public int HttpStatus { get; } = httpStatus;
}
