using System.Text.Json;
using Steward.Aws;
using Steward.Aws.Instances;
using Steward.Aws.Notifications;
using Steward.Core.Events;
using Steward.Core.Instances;
using Steward.Core.Json;
using Steward.Core.Observability;
using Steward.Core.Ports;

namespace Steward.InstanceRequests;

/// <summary>
/// Entry point for the instance-request API (API Gateway REST proxy, called by ServiceNow) and for the daily lease sweep
/// (an EventBridge schedule). Authenticates, routes, and hands over to <see cref="InstanceLifecycle"/>.
/// </summary>
public sealed class Function
{
    /// <summary>Every AWS action this function's adapters call; the template must grant exactly these (a test checks).</summary>
    public static IEnumerable<string> IamActions =>
        Ec2InstanceFleet.IamActions.Concat(SsmImageCatalog.IamActions).Concat(SsmApiKeyStore.IamActions)
            .Concat(DynamoDbIdempotencyStore.IamActions).Concat(SnsNotifier.IamActions).Distinct();

    private readonly InstanceLifecycle _lifecycle;
    private readonly IApiKeyStore _keys;
    private readonly CredentialGuard _guard;
    private readonly StructuredLog _log;

    /// <summary>Lambda's constructor: settings checked and clients built once per execution environment.</summary>
    public Function() : this(ProcessEnvironment.Instance, TimeProvider.System, StructuredLog.ToStdout(nameof(InstanceRequests))) { }

    private Function(IEnvironment env, TimeProvider clock, StructuredLog log)
    {
        var settings = Settings.From(env);
        var clients = new AwsClients(new AwsEnvironment(env));
        var ec2 = clients.Ec2();
        var ssm = clients.Ssm();
        _keys = new SsmApiKeyStore(ssm, settings.ApiKeysParameter, clock, TimeSpan.FromMinutes(5));
        _guard = new CredentialGuard(clock);
        _lifecycle = new InstanceLifecycle(
            new SsmImageCatalog(ssm, ec2, settings.ImageParameterPrefix),
            new Ec2InstanceFleet(ec2, new Ec2LaunchSettings(settings.SubnetId, settings.SecurityGroupIds)),
            new DynamoDbIdempotencyStore(clients.DynamoDb(), settings.IdempotencyTable, keepAnswersFor: TimeSpan.FromDays(7), claimTimeout: TimeSpan.FromMinutes(2)),
            new SnsNotifier(clients.Signed(AwsService.Sns), settings.LeaseTopicArn),
            PriceTable.Load(), settings.Options, clock);
        _log = log;
    }

    /// <summary>For tests: the domain with fakes behind its ports.</summary>
    public Function(InstanceLifecycle lifecycle, IApiKeyStore keys, StructuredLog log, CredentialGuard? guard = null)
    {
        _lifecycle = lifecycle;
        _keys = keys;
        _guard = guard ?? new CredentialGuard(TimeProvider.System);
        _log = log;
    }

    public async Task<Stream> Handle(Stream input)
    {
        JsonElement document;
        try { document = await EventReader.ReadDocumentAsync(input); }
        catch (MalformedEventException e)
        {
            _log.Warn("event rejected", ("reason", e.Message));
            return ResponseWriter.ToStream(InvocationOutcome.Rejected(e.Message));
        }

        if (document.ValueKind == JsonValueKind.Object && document.TryGetProperty("httpMethod", out _))
        {
            ApiGatewayProxyRequest request;
            try { request = EventReader.Read(document, StewardJsonContext.Default.ApiGatewayProxyRequest); }
            catch (MalformedEventException e)
            {
                _log.Warn("event rejected", ("reason", e.Message));
                return ResponseWriter.ToStream(ApiResponses.Problem(400, "Malformed request event", e.Message));
            }
            return ResponseWriter.ToStream(await AnswerAsync(request));
        }

        EventBridgeEvent<JsonElement>? scheduled = null;
        try { scheduled = document.ValueKind == JsonValueKind.Object ? EventReader.Read(document, StewardJsonContext.Default.EventBridgeEventJsonElement) : null; }
        catch (MalformedEventException) { /* not a schedule either: rejected below */ }
        if (scheduled is not null && ScheduledEvent.IsScheduled(scheduled))
        {
            var report = await _lifecycle.SweepLeasesAsync(CancellationToken.None);
            _log.Info("lease sweep done", ("checked", report.Checked), ("stopped", report.Stopped), ("failed", report.Failed));
            // A failed stop must come back: Lambda retries the schedule's invocation, and the sweep is safe to repeat.
            if (report.Failed.Count > 0) throw new InvalidOperationException($"lease sweep could not stop {report.Failed.Count} server(s): {string.Join("; ", report.Failed)}");
            return ResponseWriter.ToStream(new InvocationOutcome
            {
                Status = "done", EventId = scheduled.Id,
                Summary = new() { ["stopped"] = string.Join(",", report.Stopped), ["checked"] = report.Checked.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            });
        }

        const string reason = "neither an API Gateway proxy request nor a scheduled event";
        _log.Warn("event rejected", ("reason", reason));
        return ResponseWriter.ToStream(InvocationOutcome.Rejected(reason));
    }

    private async Task<ApiGatewayProxyResponse> AnswerAsync(ApiGatewayProxyRequest request)
    {
        var ct = CancellationToken.None;

        // API Gateway's own limit is 10 MB; a server request is a few hundred bytes, so anything large is a mistake or abuse.
        var bodyBytes = request.IsBase64Encoded ? (request.Body?.Length ?? 0) / 4 * 3 : System.Text.Encoding.UTF8.GetByteCount(request.Body ?? "");
        if (bodyBytes > InstanceRequestReader.MaxBodyBytes)
            return Logged(request, null, ApiResponses.Problem(413, "Body too large", $"A request body may be at most {InstanceRequestReader.MaxBodyBytes / 1024} KiB."));

        var address = request.RequestContext?.Identity?.SourceIp;
        if (_guard.RetryAfter(address) is { } wait)
        {
            var seconds = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Logged(request, null, ApiResponses.Problem(429, "Too many wrong credentials",
                $"{_guard.MaxFailures} wrong credentials came from this address within {_guard.Window.TotalMinutes:0} minutes: try again in {seconds} s.",
                headers: new() { ["Retry-After"] = seconds }));
        }
        var user = BasicAuthentication.Authenticate(request.Header("Authorization"), await _keys.GetAsync(ct));
        if (user is null)
        {
            _guard.Failed(address);
            return Logged(request, null, ApiResponses.Problem(401, "Authentication required",
                "Send the Steward API user and key with HTTP Basic authentication (RESTMessageV2.setBasicAuth).",
                headers: new() { ["WWW-Authenticate"] = BasicAuthentication.Challenge }));
        }

        var route = $"{request.HttpMethod} {request.Resource}";
        var number = request.PathParameters?.GetValueOrDefault("request_number");
        var response = route switch
        {
            "POST /instance" or "POST /instances" => await WithFields(request, fields => _lifecycle.BuildAsync(fields, ct)),
            "POST /instances/quote" => await WithFields(request, _lifecycle.QuoteAsync),
            "GET /instances/{request_number}" => await _lifecycle.StatusAsync(number ?? "", ct),
            "DELETE /instances/{request_number}" => await _lifecycle.DecommissionAsync(number ?? "", WantsFinalSnapshot(request), ct),
            _ => ApiResponses.Problem(404, "No such route", $"{route} is not part of the Steward API."),
        };
        return Logged(request, user, response);
    }

    private static async Task<ApiGatewayProxyResponse> WithFields(ApiGatewayProxyRequest request, Func<IReadOnlyDictionary<string, string>, Task<ApiGatewayProxyResponse>> action)
    {
        string? body;
        try { body = request.IsBase64Encoded ? System.Text.Encoding.UTF8.GetString(request.BodyBytes()) : request.Body; }
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

    private ApiGatewayProxyResponse Logged(ApiGatewayProxyRequest request, string? user, ApiGatewayProxyResponse response)
    {
        // The caller's user name, never the key; nor the Authorization header.
        _log.Info("request answered", ("method", request.HttpMethod), ("resource", request.Resource), ("requestId", request.RequestContext?.RequestId),
            ("user", user), ("status", response.StatusCode), ("requestNumber", request.PathParameters?.GetValueOrDefault("request_number")));
        _log.Metric("RequestsAnswered", 1, "Count", ("status", response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (response.StatusCode == 202 && request.HttpMethod == "POST") _log.Metric("InstancesLaunched", 1, "Count");
        return response;
    }
}
