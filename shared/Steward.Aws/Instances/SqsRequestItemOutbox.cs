using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using Steward.Core.Instances.RequestItems;
using Steward.Core.Ports;

namespace Steward.Aws.Instances;

/// <summary>
/// The request items' outbox: a FIFO queue whose message group is the item's sys_id, so SQS hands the function one item's
/// updates in order and never the next before the one before it is written (or dead-lettered). The same function
/// drains it through its SQS event source (<see cref="EventSourceIamActions"/>) and puts a failed update back later
/// (<see cref="DelayAsync"/>: ServiceNow's Retry-After, the backoff).
/// </summary>
public sealed class SqsRequestItemOutbox(IAmazonSQS sqs, string queueUrl) : IRequestItemOutbox, IOutboxRedelivery
{
    public static readonly IReadOnlyList<string> IamActions = ["sqs:SendMessage", "sqs:ChangeMessageVisibility"];

    /// <summary>What Lambda's SQS event source mapping does with the function's own role.</summary>
    public static readonly IReadOnlyList<string> EventSourceIamActions = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"];

    public async Task SendAsync(RequestItemUpdate update, CancellationToken ct)
    {
        var body = JsonSerializer.Serialize(update, RequestItemJsonContext.Default.RequestItemUpdate);
        // The same update sent twice within SQS's five-minute window (a retried build) is delivered once.
        var dedup = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{update.RequestNumber}\n{update.Event}\n{update.WorkNote}")));
        try
        {
            await sqs.SendMessageAsync(new SendMessageRequest
            {
                QueueUrl = queueUrl, MessageBody = body, MessageGroupId = update.SysId, MessageDeduplicationId = dedup,
            }, ct);
        }
        catch (AmazonSQSException e)
        {
            throw new DependencyFailed("sqs", e.ErrorCode ?? "Unknown", $"the request item's update for {update.RequestNumber} could not be queued: {e.Message}", (int)e.StatusCode, e);
        }
    }

    public async Task DelayAsync(string receiptHandle, TimeSpan delay, CancellationToken ct)
    {
        try { await sqs.ChangeMessageVisibilityAsync(queueUrl, receiptHandle, (int)delay.TotalSeconds, ct); }
        catch (AmazonSQSException) { /* it comes back after the queue's visibility timeout anyway */ }
    }
}
