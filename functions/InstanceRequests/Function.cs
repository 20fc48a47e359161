using Steward.Core.Events;
using Steward.Core.Json;
using Steward.Core.Observability;

namespace Steward.InstanceRequests;

/// <summary>Entry point for the instance-request API (API Gateway REST proxy integration), called by ServiceNow.</summary>
public sealed class Function
{
    private readonly StructuredLog _log;

    public Function() : this(StructuredLog.ToStdout(nameof(InstanceRequests))) { }

    public Function(StructuredLog log) => _log = log;

    public async Task<Stream> Handle(Stream input)
    {
        var response = await Answer(input).ConfigureAwait(false);
        return ResponseWriter.ToStream(response, StewardJsonContext.Default.ApiGatewayProxyResponse);
    }

    private async Task<ApiGatewayProxyResponse> Answer(Stream input)
    {
        var (request, error) = await EventReader.TryReadAsync(input, StewardJsonContext.Default.ApiGatewayProxyRequest).ConfigureAwait(false);
        if (request is null || request.HttpMethod is null || request.Resource is null)
        {
            var reason = error ?? "not an API Gateway proxy request: httpMethod and resource are required";
            _log.Warn("event rejected", ("reason", reason));
            return ApiResponses.Problem(400, "Malformed request event", reason);
        }

        _log.Info("request received", ("method", request.HttpMethod), ("resource", request.Resource), ("requestId", request.RequestContext?.RequestId));
        return ApiResponses.Problem(501, "Not built yet", $"{request.HttpMethod} {request.Resource} is declared but this release does not serve it yet.");
    }
}
