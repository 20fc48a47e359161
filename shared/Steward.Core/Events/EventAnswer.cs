using Steward.Core.Json;

namespace Steward.Core.Events;

/// <summary>
/// What a function writes back to Lambda for one event: an HTTP answer when API Gateway sent it, otherwise an outcome (a
/// schedule's run, a batch handled, an event refused).
/// </summary>
public sealed record EventAnswer(ApiGatewayProxyResponse? Response, InvocationOutcome? Outcome)
{
    public static EventAnswer Http(ApiGatewayProxyResponse response) => new(response, null);
    public static EventAnswer Done(InvocationOutcome outcome) => new(null, outcome);

    /// <summary>The answer as the JSON stream the Lambda runtime returns.</summary>
    public Stream Write() => Response is { } response ? ResponseWriter.ToStream(response) : ResponseWriter.ToStream(Outcome!);
}
