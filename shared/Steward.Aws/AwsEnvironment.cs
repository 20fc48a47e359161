using Steward.Core.Ports;

namespace Steward.Aws;

/// <summary>
/// Region and endpoint settings, read the way the AWS SDKs and CLI read them, so one <c>AWS_ENDPOINT_URL</c> points every
/// client (SDK or hand-signed) at moto or another emulator, and <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c> overrides one service.
/// <c>AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true</c> turns all overrides off.
/// </summary>
public sealed class AwsEnvironment(IEnvironment environment)
{
    public static AwsEnvironment FromProcess() => new(ProcessEnvironment.Instance);

    /// <summary>Lambda sets <c>AWS_REGION</c>; tools often set <c>AWS_DEFAULT_REGION</c>.</summary>
    public string Region =>
        NonEmpty(environment.Get("AWS_REGION")) ?? NonEmpty(environment.Get("AWS_DEFAULT_REGION"))
        ?? throw new ConfigurationException("AWS_REGION is not set: Lambda sets it; locally, export AWS_REGION (e.g. us-east-1).");

    /// <summary>The configured endpoint override for a service, or null to use AWS's own endpoint.</summary>
    public Uri? EndpointOverride(AwsService service)
    {
        if (string.Equals(environment.Get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"), "true", StringComparison.OrdinalIgnoreCase)) return null;
        var name = "AWS_ENDPOINT_URL_" + service.EndpointVariableSuffix;
        var text = NonEmpty(environment.Get(name)) ?? NonEmpty(environment.Get("AWS_ENDPOINT_URL"));
        if (text is null) return null;
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new ConfigurationException($"{name} or AWS_ENDPOINT_URL is '{text}', which is not an http(s) URL.");
    }

    /// <summary>Where to send a service's requests: the override, or AWS's regional (or fixed-region) endpoint.</summary>
    public Uri Endpoint(AwsService service) =>
        EndpointOverride(service) ?? new Uri($"https://{service.EndpointPrefix}.{SigningRegion(service)}.amazonaws.com/");

    /// <summary>The region a request is signed for: the service's fixed one (Cost Explorer: us-east-1) or ours.</summary>
    public string SigningRegion(AwsService service) => service.FixedRegion ?? Region;

    /// <summary>The keys in <c>AWS_ACCESS_KEY_ID</c>, <c>AWS_SECRET_ACCESS_KEY</c> and (if any) <c>AWS_SESSION_TOKEN</c>, or null.</summary>
    public Amazon.Runtime.AWSCredentials? Credentials()
    {
        var id = NonEmpty(environment.Get("AWS_ACCESS_KEY_ID"));
        var secret = NonEmpty(environment.Get("AWS_SECRET_ACCESS_KEY"));
        if (id is null || secret is null) return null;
        var token = NonEmpty(environment.Get("AWS_SESSION_TOKEN"));
        return token is null ? new Amazon.Runtime.BasicAWSCredentials(id, secret) : new Amazon.Runtime.SessionAWSCredentials(id, secret, token);
    }

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
