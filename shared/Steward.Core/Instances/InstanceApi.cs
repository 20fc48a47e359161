using System.Globalization;
using System.Text;
using Steward.Core.Events;
using Steward.Core.Json;
using Steward.Core.Ports;

namespace Steward.Core.Instances;

/// <summary>What the API answered to one request, and what it means for the function's log and metrics.</summary>
/// <param name="User">The API user the credentials proved (never the key); null when none was proved.</param>
/// <param name="Launched">A server was launched by this call: not a replayed answer, a second call waiting on the first, or a
/// request number already built (so <c>InstancesLaunched</c> counts servers, not calls).</param>
public sealed record ApiAnswer(ApiGatewayProxyResponse Response, string? User, bool Launched);

/// <summary>
/// The instance-request API as ServiceNow calls it through API Gateway: the body limit, the credential guard, HTTP Basic
/// authentication against the keys in SSM, and the routes, each handed to <see cref="InstanceLifecycle"/>.
/// </summary>
public sealed class InstanceApi(InstanceLifecycle lifecycle, IApiKeyStore keys, CredentialGuard guard)
{
    public async Task<ApiAnswer> AnswerAsync(ApiGatewayProxyRequest request, CancellationToken ct)
    {
        // API Gateway's own limit is 10 MB; a server request is a few hundred bytes, so anything large is a mistake or abuse.
        var bodyBytes = request.IsBase64Encoded ? (request.Body?.Length ?? 0) / 4 * 3 : Encoding.UTF8.GetByteCount(request.Body ?? "");
        if (bodyBytes > InstanceRequestReader.MaxBodyBytes)
            return new(ApiResponses.Problem(413, "Body too large", $"A request body may be at most {InstanceRequestReader.MaxBodyBytes / 1024} KiB."), null, false);

        var address = request.RequestContext?.Identity?.SourceIp;
        if (guard.RetryAfter(address) is { } wait)
        {
            var seconds = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return new(ApiResponses.Problem(429, "Too many wrong credentials",
                $"{guard.MaxFailures} wrong credentials came from this address within {guard.Window.TotalMinutes:0} minutes: try again in {seconds} s.",
                headers: new() { ["Retry-After"] = seconds }), null, false);
        }
        var user = BasicAuthentication.Authenticate(request.Header("Authorization"), await keys.GetAsync(ct));
        if (user is null)
        {
            guard.Failed(address);
            return new(ApiResponses.Problem(401, "Authentication required",
                "Send the Steward API user and key with HTTP Basic authentication (RESTMessageV2.setBasicAuth).",
                headers: new() { ["WWW-Authenticate"] = BasicAuthentication.Challenge }), null, false);
        }

        var route = $"{request.HttpMethod} {request.Resource}";
        var number = request.PathParameters?.GetValueOrDefault("request_number");
        var isBuild = route is "POST /instance" or "POST /instances";
        var response = route switch
        {
            "POST /instance" or "POST /instances" => await WithFields(request, fields => lifecycle.BuildAsync(fields, ct)),
            "POST /instances/quote" => await WithFields(request, lifecycle.QuoteAsync),
            "GET /instances/{request_number}" => await lifecycle.StatusAsync(number ?? "", ct),
            "DELETE /instances/{request_number}" => await lifecycle.DecommissionAsync(number ?? "", WantsFinalSnapshot(request), ct),
            _ => ApiResponses.Problem(404, "No such route", $"{route} is not part of the Steward API."),
        };
        // 202 is answered only by the call that launched; a replay of its stored answer carries the replay header.
        var launched = isBuild && response.StatusCode == 202 && response.Headers?.ContainsKey(InstanceLifecycle.ReplayHeader) != true;
        return new(response, user, launched);
    }

    private static async Task<ApiGatewayProxyResponse> WithFields(ApiGatewayProxyRequest request, Func<IReadOnlyDictionary<string, string>, Task<ApiGatewayProxyResponse>> action)
    {
        string? body;
        try { body = request.IsBase64Encoded ? Encoding.UTF8.GetString(request.BodyBytes()) : request.Body; }
        catch (FormatException) { body = null; }
        var (fields, error) = InstanceRequestReader.ParseBody(body);
        if (fields is null)
            return ApiResponses.Problem(400, "The body cannot be read", $"{error}. Send the catalog variables as JSON, e.g. {{\"os\":\"al2023\",\"inst_size\":\"small\"}}.",
                new() { ["body"] = error! });
        var merged = InstanceRequestReader.Merge(fields, request.QueryStringParameters, request.Header(InstanceRequestReader.RequestNumberHeader));
        return await action(merged);
    }

    private static bool WantsFinalSnapshot(ApiGatewayProxyRequest request) =>
        request.QueryStringParameters?.GetValueOrDefault("final_snapshot") is { } v && (v.Equals("true", StringComparison.OrdinalIgnoreCase) || v == "1");
}
