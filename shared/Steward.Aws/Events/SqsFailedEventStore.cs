using Amazon.SQS;
using Amazon.SQS.Model;
using Steward.Core.Ports;

namespace Steward.Aws.Events;

/// <summary>
/// Keeps an event on the stack's failed-events queue, where Lambda's and EventBridge's dead letters go too, so people
/// inspect and replay them in one place. The body is the event as it arrived; attributes say which function and why.
/// </summary>
public sealed class SqsFailedEventStore(IAmazonSQS sqs, string queueUrl) : IFailedEventStore
{
    public static readonly IReadOnlyList<string> IamActions = ["sqs:SendMessage"];

    public async Task<string> KeepAsync(byte[] rawEvent, string function, string reason, CancellationToken ct)
    {
        try
        {
            var sent = await sqs.SendMessageAsync(new SendMessageRequest
            {
                QueueUrl = queueUrl,
                MessageBody = System.Text.Encoding.UTF8.GetString(rawEvent),
                MessageAttributes = new()
                {
                    ["function"] = new MessageAttributeValue { DataType = "String", StringValue = function },
                    ["reason"] = new MessageAttributeValue { DataType = "String", StringValue = reason },
                },
            }, ct);
            return $"{queueUrl} (message {sent.MessageId})";
        }
        catch (AmazonSQSException e) { throw new DependencyFailed("sqs", e.ErrorCode ?? "Unknown", $"{queueUrl}: {e.Message}", (int)e.StatusCode, e); }
        catch (Exception e) when (Unreachable.Is(e)) { throw Unreachable.Translate("sqs", queueUrl, e); }
    }
}
