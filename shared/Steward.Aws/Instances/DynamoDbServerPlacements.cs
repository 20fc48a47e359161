using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Steward.Core.Ports;

namespace Steward.Aws.Instances;

/// <summary>
/// Which member account each request's server is in, in the idempotency table under <c>placement#&lt;request number&gt;</c>
/// with no <c>expiration</c>, so the table's TTL never removes it: the server may be asked about for as long as it lives.
/// </summary>
public sealed class DynamoDbServerPlacements(IAmazonDynamoDB dynamo, string tableName, TimeProvider clock) : IServerPlacements
{
    public static readonly IReadOnlyList<string> IamActions = ["dynamodb:PutItem", "dynamodb:GetItem"];

    private static string Key(string requestNumber) => "placement#" + requestNumber;

    public Task RecordAsync(string requestNumber, string accountId, CancellationToken ct) =>
        Call(() => dynamo.PutItemAsync(new PutItemRequest
        {
            TableName = tableName,
            Item = new()
            {
                ["id"] = new() { S = Key(requestNumber) }, ["account"] = new() { S = accountId },
                ["recorded_at"] = new() { S = clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture) },
            },
        }, ct));

    public async Task<string?> AccountOfAsync(string requestNumber, CancellationToken ct)
    {
        var item = (await Call(() => dynamo.GetItemAsync(new GetItemRequest { TableName = tableName, Key = new() { ["id"] = new() { S = Key(requestNumber) } }, ConsistentRead = true }, ct))).Item;
        return item is { Count: > 0 } && item.TryGetValue("account", out var a) ? a.S : null;
    }

    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try { return await call(); }
        catch (ProvisionedThroughputExceededException e) { throw new Throttled("dynamodb", e.ErrorCode, e.Message, e); }
        catch (AmazonDynamoDBException e) { throw new DependencyFailed("dynamodb", e.ErrorCode ?? "Unknown", e.Message, (int)e.StatusCode, e); }
        catch (Exception e) when (Unreachable.Is(e)) { throw Unreachable.Translate("dynamodb", "the placements in the idempotency table", e); }
    }
}
