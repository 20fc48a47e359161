using System.Text;
using System.Text.Json;
using Steward.Core.Events;
using Steward.Core.Observability;
using Steward.Core.Ports;

namespace Steward.Core.Instances.RequestItems;

/// <summary>What ServiceNow's Table API made of one update.</summary>
public abstract record TableAnswer
{
    private TableAnswer() { }

    public sealed record Written : TableAnswer;

    /// <summary>Worth trying again: 429 (with its Retry-After), 5xx, a timeout, a refused connection, 401/403 (a credential being rotated).</summary>
    public sealed record TryAgain(string Reason, TimeSpan? After = null) : TableAnswer;

    /// <summary>Never going to work as sent (400, 404: the item is gone or the field is wrong): kept, not retried.</summary>
    public sealed record Refused(int Status, string Reason) : TableAnswer;
}

/// <summary>ServiceNow's Table API (<c>/api/now/table/{table}/{sys_id}</c>).</summary>
public interface IServiceNowTable
{
    Task<TableAnswer> UpdateAsync(string table, string sysId, IReadOnlyDictionary<string, string> fields, CancellationToken ct);
}

/// <summary>Puts a message that failed back on its queue later than SQS's visibility timeout would (ServiceNow's Retry-After, the backoff).</summary>
public interface IOutboxRedelivery
{
    Task DelayAsync(string receiptHandle, TimeSpan delay, CancellationToken ct);
}

/// <summary>What to answer Lambda: the messages to try again.</summary>
public sealed record WriteReport(IReadOnlyList<string> Written, IReadOnlyList<(string MessageId, TimeSpan Delay)> Retried, IReadOnlyList<string> Kept);

/// <summary>
/// Writes the outbox's updates to ServiceNow, in order per request item. ServiceNow down, slow or refusing never loses an
/// update: an update that can be retried comes back later (ServiceNow's Retry-After, or a backoff doubling from 10 seconds
/// to 15 minutes), and every later update of the same item comes back with it, so none overtakes it; after the queue's
/// last try SQS moves it to the dead-letter queue. One that ServiceNow refuses for good (the item deleted, a field it
/// rejects) is kept on the failed-events queue with the reason, and the item's next updates go on.
/// </summary>
public sealed class RequestItemWriter(IServiceNowTable table, IFailedEventStore failed, StructuredLog log)
{
    public const string Table = "sc_req_item";

    public async Task<WriteReport> WriteAsync(IReadOnlyList<SqsRecord> batch, CancellationToken ct)
    {
        var waiting = new Dictionary<string, TimeSpan>(); // item (message group) -> the delay its first failure asked for
        var (written, retried, kept) = (new List<string>(), new List<(string, TimeSpan)>(), new List<string>());
        foreach (var message in batch)
        {
            var id = message.MessageId ?? "";
            var group = message.Attributes?.GetValueOrDefault("MessageGroupId") ?? "";
            if (waiting.TryGetValue(group, out var delay))
            {
                retried.Add((id, delay)); // behind an earlier update of the same item that is waiting: never ahead of it
                continue;
            }
            RequestItemUpdate? update;
            try { update = JsonSerializer.Deserialize(message.Body ?? "", RequestItemJsonContext.Default.RequestItemUpdate); }
            catch (JsonException) { update = null; }
            if (update is null)
            {
                await failed.KeepAsync(Encoding.UTF8.GetBytes(message.Body ?? ""), "InstanceRequests", "not a request item update", ct);
                kept.Add(id);
                continue;
            }

            var answer = await table.UpdateAsync(Table, update.SysId, update.Fields, ct);
            switch (answer)
            {
                case TableAnswer.Written:
                    log.Info("request item updated", ("requestNumber", update.RequestNumber), ("sysId", update.SysId), ("event", update.Event.ToString()), ("state", update.State));
                    written.Add(id);
                    break;
                case TableAnswer.TryAgain again:
                    var attempt = int.TryParse(message.Attributes?.GetValueOrDefault("ApproximateReceiveCount"), out var n) ? n : 1;
                    var wait = Backoff(attempt, again.After);
                    log.Warn("request item not updated yet; it and the item's later updates come back", ("requestNumber", update.RequestNumber), ("event", update.Event.ToString()),
                        ("reason", again.Reason), ("attempt", attempt), ("retryInSeconds", (int)wait.TotalSeconds));
                    waiting[group] = wait;
                    retried.Add((id, wait));
                    break;
                case TableAnswer.Refused refused:
                    var keptAt = await failed.KeepAsync(Encoding.UTF8.GetBytes(message.Body!), "InstanceRequests", $"ServiceNow refused the update ({refused.Status}): {refused.Reason}", ct);
                    log.Error("request item update refused by ServiceNow: kept, not retried", ("requestNumber", update.RequestNumber), ("event", update.Event.ToString()),
                        ("status", refused.Status), ("reason", refused.Reason), ("keptAt", keptAt));
                    kept.Add(id);
                    break;
            }
        }
        return new WriteReport(written, retried, kept);
    }

    /// <summary>ServiceNow's Retry-After when it gives one and it is longer; else 10 s doubling each try, at most 15 minutes.</summary>
    public static TimeSpan Backoff(int attempt, TimeSpan? retryAfter)
    {
        var doubling = TimeSpan.FromSeconds(Math.Min(900, 10 * Math.Pow(2, Math.Clamp(attempt - 1, 0, 10))));
        var wait = retryAfter is { } after && after > doubling ? after : doubling;
        return wait > TimeSpan.FromHours(12) ? TimeSpan.FromHours(12) : wait; // SQS's longest visibility timeout
    }
}
