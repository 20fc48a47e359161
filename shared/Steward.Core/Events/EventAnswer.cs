using Steward.Core.Json;

namespace Steward.Core.Events;

/// <summary>
/// What a function writes back to Lambda for one event: an HTTP answer when API Gateway sent it, otherwise an outcome (a
/// schedule's run, a batch handled, an event refused).
/// </summary>
public sealed record EventAnswer(ApiGatewayProxyResponse? Response, InvocationOutcome? Outcome, SqsBatchResponse? Batch = null)
{
    public static EventAnswer Http(ApiGatewayProxyResponse response) => new(response, null);
    public static EventAnswer Done(InvocationOutcome outcome) => new(null, outcome);
    /// <summary>An SQS batch's answer: the messages to deliver again (ReportBatchItemFailures).</summary>
    public static EventAnswer Messages(SqsBatchResponse batch) => new(null, null, batch);

    /// <summary>The answer as the JSON stream the Lambda runtime returns.</summary>
    public Stream Write() => Response is { } response ? ResponseWriter.ToStream(response)
        : Batch is { } batch ? ResponseWriter.ToStream(batch) : ResponseWriter.ToStream(Outcome!);
}
