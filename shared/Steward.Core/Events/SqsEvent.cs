using System.Text.Json.Serialization;

namespace Steward.Core.Events;

/// <summary>
/// What Lambda's SQS event source mapping delivers: up to a batch of messages, <c>{"Records":[…]}</c>, each with
/// <c>eventSource</c> <c>aws:sqs</c>. From a FIFO queue the records are in order within each message group.
/// </summary>
public sealed record SqsEvent
{
    [JsonPropertyName("Records")] public List<SqsRecord>? Records { get; init; }
}

public sealed record SqsRecord
{
    [JsonPropertyName("messageId")] public string? MessageId { get; init; }
    [JsonPropertyName("receiptHandle")] public string? ReceiptHandle { get; init; }
    [JsonPropertyName("body")] public string? Body { get; init; }
    /// <summary><c>ApproximateReceiveCount</c>, <c>MessageGroupId</c>, <c>SentTimestamp</c>, … as strings.</summary>
    [JsonPropertyName("attributes")] public Dictionary<string, string>? Attributes { get; init; }
    [JsonPropertyName("eventSource")] public string? EventSource { get; init; }
    [JsonPropertyName("eventSourceARN")] public string? EventSourceArn { get; init; }
}

/// <summary>
/// The answer to an SQS batch when the mapping has <c>ReportBatchItemFailures</c>: the messages that failed come back (after
/// their visibility timeout), the rest are deleted. An empty list means the whole batch succeeded.
/// </summary>
public sealed record SqsBatchResponse
{
    [JsonPropertyName("batchItemFailures")] public List<SqsBatchItemFailure> BatchItemFailures { get; init; } = [];
}

public sealed record SqsBatchItemFailure([property: JsonPropertyName("itemIdentifier")] string ItemIdentifier);
