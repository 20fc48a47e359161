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
    private readonly InstanceApi _api;
    private readonly StructuredLog _log;

    /// <summary>Lambda's constructor: settings checked and clients built once per execution environment.</summary>
    public Function() : this(ProcessEnvironment.Instance, TimeProvider.System, StructuredLog.ToStdout(nameof(InstanceRequests))) { }

    private Function(IEnvironment env, TimeProvider clock, StructuredLog log)
    {
        var settings = Settings.From(env);
        var aws = new AwsEnvironment(env);
        var clients = new AwsClients(aws);
        var ec2 = clients.Ec2();
        var ssm = clients.Ssm();
        _lifecycle = new InstanceLifecycle(
            new SsmImageCatalog(ssm, ec2, settings.ImageParameterPrefix),
            new Ec2InstanceFleet(ec2, new Ec2LaunchSettings(settings.SubnetId, settings.SecurityGroupIds)),
            new DynamoDbIdempotencyStore(clients.DynamoDb(), settings.IdempotencyTable, keepAnswersFor: TimeSpan.FromDays(7), claimTimeout: TimeSpan.FromMinutes(2)),
            new SnsNotifier(clients.Signed(AwsService.Sns), settings.LeaseTopicArn),
            Prices(aws.Region), settings.Options, clock);
        _api = new InstanceApi(_lifecycle, new SsmApiKeyStore(ssm, settings.ApiKeysParameter, clock, TimeSpan.FromMinutes(5)), new CredentialGuard(clock));
        _log = log;
    }

    // A quote is the price in the region the server is built in; a region Steward ships no catalog for fails the init in
    // words (Lambda reports it) rather than quoting another region's prices.
    private static PriceTable Prices(string region)
    {
        try { return PriceTable.Load(region); }
        catch (Steward.Core.Pricing.UnknownRegionException e) { throw new ConfigurationException(e.Message); }
    }

    /// <summary>For tests: the domain with fakes behind its ports.</summary>
    public Function(InstanceLifecycle lifecycle, IApiKeyStore keys, StructuredLog log, CredentialGuard? guard = null)
    {
        _lifecycle = lifecycle;
        _api = new InstanceApi(lifecycle, keys, guard ?? new CredentialGuard(TimeProvider.System));
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
        var (response, user, launched) = await _api.AnswerAsync(request, CancellationToken.None);
        // The caller's user name, never the key; nor the Authorization header.
        _log.Info("request answered", ("method", request.HttpMethod), ("resource", request.Resource), ("requestId", request.RequestContext?.RequestId),
            ("user", user), ("status", response.StatusCode), ("requestNumber", request.PathParameters?.GetValueOrDefault("request_number")));
        _log.Metric("RequestsAnswered", 1, "Count", ("status", response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (launched) _log.Metric("InstancesLaunched", 1, "Count");
        return response;
    }
}
