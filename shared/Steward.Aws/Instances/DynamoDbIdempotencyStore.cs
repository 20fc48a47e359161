using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Steward.Core.Ports;

namespace Steward.Aws.Instances;

/// <summary>
/// Idempotency records in a DynamoDB table keyed by <c>id</c>, the pattern of Powertools' idempotency utility: a claim is one
/// conditional PutItem that succeeds only where no live record exists, so of concurrent retries exactly one proceeds.
/// Attributes: <c>status</c> (INPROGRESS | COMPLETED), <c>fingerprint</c>, <c>summary</c>, <c>expiration</c> (epoch seconds,
/// the table's TTL attribute), <c>in_progress_expiry</c> (epoch milliseconds: a claim whose Lambda died frees itself),
/// and, once completed, <c>answer_status</c> and <c>answer_body</c>.
/// </summary>
public sealed class DynamoDbIdempotencyStore(IAmazonDynamoDB dynamo, string tableName, TimeSpan keepAnswersFor, TimeSpan claimTimeout) : IIdempotencyStore
{
    public static readonly IReadOnlyList<string> IamActions = ["dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"];

    private const string InProgress = "INPROGRESS";
    private const string Completed = "COMPLETED";

    public async Task<IdempotencyClaim> ClaimAsync(string key, string fingerprint, string summary, DateTimeOffset now, CancellationToken ct)
    {
        // Two rounds at most: the record we lost to may vanish (released) before we read it.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                await Call(() => dynamo.PutItemAsync(new PutItemRequest
                {
                    TableName = tableName,
                    Item = new()
                    {
                        ["id"] = S(key), ["status"] = S(InProgress), ["fingerprint"] = S(fingerprint), ["summary"] = S(summary),
                        ["expiration"] = N(now.Add(keepAnswersFor).ToUnixTimeSeconds()),
                        ["in_progress_expiry"] = N(now.Add(claimTimeout).ToUnixTimeMilliseconds()),
                    },
                    ConditionExpression = "attribute_not_exists(id) OR expiration < :now OR (#status = :inprogress AND in_progress_expiry < :now_ms)",
                    ExpressionAttributeNames = new() { ["#status"] = "status" },
                    ExpressionAttributeValues = new()
                    {
                        [":now"] = N(now.ToUnixTimeSeconds()), [":now_ms"] = N(now.ToUnixTimeMilliseconds()), [":inprogress"] = S(InProgress),
                    },
                }, ct));
                return new IdempotencyClaim.Claimed();
            }
            catch (ConditionalCheckFailedException)
            {
                var item = (await Call(() => dynamo.GetItemAsync(new GetItemRequest { TableName = tableName, Key = new() { ["id"] = S(key) }, ConsistentRead = true }, ct))).Item;
                if (item is null || item.Count == 0) continue;
                var held = item["fingerprint"].S;
                var heldSummary = item.TryGetValue("summary", out var s) ? s.S : "";
                // A record marked completed but without its answer is still being completed: moto applies an UpdateItem's SET
                // clauses one at a time, so a concurrent read can see the status before the answer (seen under the load run as
                // a KeyNotFoundException and a 502). DynamoDB itself updates an item atomically; either way the twin waits.
                return item["status"].S == Completed && item.TryGetValue("answer_status", out var code) && item.TryGetValue("answer_body", out var body)
                    ? new IdempotencyClaim.Completed(held, heldSummary, new StoredAnswer(int.Parse(code.N, CultureInfo.InvariantCulture), body.S))
                    : new IdempotencyClaim.InProgress(held, heldSummary);
            }
        }
        throw new DependencyFailed("dynamodb", "ClaimRace", $"the idempotency record of {key} kept changing; retry", 409);
    }

    public Task CompleteAsync(string key, StoredAnswer answer, DateTimeOffset now, CancellationToken ct) =>
        Call(() => dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = tableName,
            Key = new() { ["id"] = S(key) },
            UpdateExpression = "SET answer_status = :code, answer_body = :body, expiration = :expiration, #status = :completed",
            ExpressionAttributeNames = new() { ["#status"] = "status" },
            ExpressionAttributeValues = new()
            {
                [":completed"] = S(Completed), [":code"] = N(answer.StatusCode), [":body"] = S(answer.Body),
                [":expiration"] = N(now.Add(keepAnswersFor).ToUnixTimeSeconds()),
            },
        }, ct));

    public Task ReleaseAsync(string key, CancellationToken ct) =>
        Call(() => dynamo.DeleteItemAsync(new DeleteItemRequest { TableName = tableName, Key = new() { ["id"] = S(key) } }, ct));

    private static AttributeValue S(string s) => new() { S = s };
    private static AttributeValue N(long n) => new() { N = n.ToString(CultureInfo.InvariantCulture) };

    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try { return await call(); }
        catch (ConditionalCheckFailedException) { throw; }
        catch (ProvisionedThroughputExceededException e) { throw new Throttled("dynamodb", e.ErrorCode, e.Message, e); }
        catch (AmazonDynamoDBException e) { throw new DependencyFailed("dynamodb", e.ErrorCode ?? "Unknown", e.Message, (int)e.StatusCode, e); }
        catch (Exception e) when (Unreachable.Is(e)) { throw Unreachable.Translate("dynamodb", "the idempotency table", e); }
    }
}
