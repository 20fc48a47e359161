using System.Text;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace Steward.Local.Hosting;

/// <summary>
/// Plays Lambda's asynchronous invocation for one event source: takes each message a rule or notification put on the runner's
/// queue and invokes the function with it. A message is deleted only when the invocation succeeded; a failed one comes back
/// after a short delay and, after three receives, SQS's redrive moves it to the failed-invocations queue. Nothing is lost.
/// </summary>
public sealed class QueuePoller(IAmazonSQS sqs, string queueUrl, Func<byte[], string, Task> deliver, Action<string> say)
{
    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            List<Message> messages;
            try
            {
                var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
                {
                    QueueUrl = queueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 1, MessageSystemAttributeNames = ["ApproximateReceiveCount"],
                }, ct);
                messages = response.Messages ?? [];
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e) when (e is AmazonSQSException or HttpRequestException)
            {
                say($"cannot read {queueUrl}: {e.Message}; trying again");
                await Delay(TimeSpan.FromSeconds(2), ct);
                continue;
            }

            // Lambda invokes asynchronous events side by side (an execution environment each), so the batch is delivered at once.
            await Task.WhenAll(messages.Select(message => DeliverAsync(message, ct)));
        }
    }

    private async Task DeliverAsync(Message message, CancellationToken ct)
    {
        try
        {
            await deliver(Encoding.UTF8.GetBytes(message.Body), message.MessageId);
            await sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        catch (Exception e)
        {
            var attempt = message.Attributes?.GetValueOrDefault("ApproximateReceiveCount") ?? "?";
            say($"invocation failed (attempt {attempt}, message {message.MessageId}): {e.GetType().Name}: {e.Message}");
            try { await sqs.ChangeMessageVisibilityAsync(queueUrl, message.ReceiptHandle, 5, ct); }
            catch (AmazonSQSException) { /* the message comes back after its visibility timeout anyway */ }
        }
    }

    private static async Task Delay(TimeSpan delay, CancellationToken ct)
    {
        try { await Task.Delay(delay, ct); }
        catch (OperationCanceledException) { }
    }
}
