using Steward.Core.Ports;

namespace Steward.Aws;

/// <summary>
/// A call that got no answer at all (the connection refused, reset or timed out, after the SDK's own retries) is a failed
/// dependency like any refusal, in the domain's words: the domain then does what it does with any failure (records it and
/// goes on, or fails the invocation so Lambda retries it), never meets an exception it does not know. Every adapter's
/// catch has this beside its service's own exception.
/// </summary>
public static class Unreachable
{
    public static bool Is(Exception e) =>
        e is HttpRequestException or IOException or System.Net.Sockets.SocketException || e is TaskCanceledException { InnerException: TimeoutException };

    public static DependencyFailed Translate(string service, string location, Exception e) =>
        new(service, "Unreachable", $"{location}: no answer ({e.Message})", 503, e);
}
