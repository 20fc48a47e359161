using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Steward.Core.Ports;
using Steward.Core.Storage;

namespace Steward.Aws.Storage;

/// <summary>
/// The storage ledger in one DynamoDB table (<c>pk</c>, <c>sk</c>): an item per key (<c>KEY#bucket</c>, key) holding its
/// current state and the order of the event it came from, and an item per total (<c>TOTAL</c>, bucket/owner/class/storage
/// class) holding objects and bytes. A change is one transaction: the key's item, written only if it still holds what was
/// read (so concurrent invocations cannot both move the same object), and the totals it moves, added to. All of it or
/// none of it lands, so a crash between writes cannot leave the totals off, and a repeated or older event finds a newer
/// order held and changes nothing.
/// </summary>
public sealed class DynamoDbStorageLedger(IAmazonDynamoDB dynamo, string tableName) : IStorageLedger
{
    public static readonly IReadOnlyList<string> IamActions = ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem"];

    private const string Totals = "TOTAL";
    private const int Attempts = 25;

    public async Task<LedgerApply> ApplyAsync(KeyState next, CancellationToken ct)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var held = await GetAsync(next.Bucket, next.Key, ct);
            if (!LedgerRules.Replaces(held, next)) return LedgerApply.Stale;
            if (await TryWriteAsync(held, next, ct)) return LedgerApply.Applied;
            await Task.Delay(Random.Shared.Next(5, 20 + attempt * 10), ct); // another invocation moved this key first: read again
        }
        throw new DependencyFailed("dynamodb", "TooMuchContention", $"{next.Bucket}/{next.Key}: the ledger item kept changing under {Attempts} attempts", 503);
    }

    public Task<bool> CorrectAsync(KeyState? seen, KeyState truth, CancellationToken ct) => TryWriteAsync(seen, truth with { Order = seen?.Order ?? truth.Order }, ct);

    public async Task<IReadOnlyList<KeyState>> KeysAsync(string bucket, CancellationToken ct) =>
        (await QueryAsync("KEY#" + bucket, ct)).Select(i => State(bucket, i)).ToList();

    public async Task<IReadOnlyList<(LedgerGroup Group, long Objects, long Bytes)>> TotalsAsync(CancellationToken ct) =>
        (await QueryAsync(Totals, ct)).Select(i => (new LedgerGroup(i["bucket"].S, i["owner"].S, i["cls"].S, i["sc"].S), long.Parse(i["objects"].N, CultureInfo.InvariantCulture),
            long.Parse(i["bytes"].N, CultureInfo.InvariantCulture))).ToList();

    /// <summary>One transaction: the key's item (if it still holds <paramref name="held"/>) and the totals that move. False when someone was first.</summary>
    private async Task<bool> TryWriteAsync(KeyState? held, KeyState next, CancellationToken ct)
    {
        var put = new Put
        {
            TableName = tableName,
            Item = new()
            {
                ["pk"] = S("KEY#" + next.Bucket), ["sk"] = S(next.Key), ["ord"] = S(next.Order), ["exists"] = new AttributeValue { BOOL = next.Exists },
                ["size"] = N(next.Size), ["owner"] = S(next.Owner), ["cls"] = S(next.DataClass), ["sc"] = S(next.StorageClass), ["gen"] = N(next.Classifier),
            },
            ConditionExpression = held is null ? "attribute_not_exists(pk)" : "ord = :held",
            ExpressionAttributeValues = held is null ? null : new() { [":held"] = S(held.Order) },
        };
        if (next.VersionId is { } v) put.Item["ver"] = S(v);
        if (next.Account is { } account) put.Item["acct"] = S(account);

        var moves = new Dictionary<LedgerGroup, (long Objects, long Bytes)>();
        if (held is { Exists: true }) moves[held.Group] = (-1, -held.Size);
        if (next.Exists) moves[next.Group] = moves.TryGetValue(next.Group, out var m) ? (m.Objects + 1, m.Bytes + next.Size) : (1, next.Size);

        var items = new List<TransactWriteItem> { new() { Put = put } };
        foreach (var (group, (objects, bytes)) in moves.Where(x => x.Value != (0, 0)))
            items.Add(new TransactWriteItem
            {
                Update = new Update
                {
                    TableName = tableName,
                    Key = new() { ["pk"] = S(Totals), ["sk"] = S(string.Join('\u001F', group.Bucket, group.Owner, group.DataClass, group.StorageClass)) },
                    UpdateExpression = "SET #bucket = :bucket, #owner = :owner, cls = :cls, sc = :sc ADD objects :objects, #bytes :bytes",
                    ExpressionAttributeNames = new() { ["#bucket"] = "bucket", ["#owner"] = "owner", ["#bytes"] = "bytes" },
                    ExpressionAttributeValues = new()
                    {
                        [":bucket"] = S(group.Bucket), [":owner"] = S(group.Owner), [":cls"] = S(group.DataClass), [":sc"] = S(group.StorageClass),
                        [":objects"] = N(objects), [":bytes"] = N(bytes),
                    },
                },
            });
        try
        {
            await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = items }, ct);
            return true;
        }
        catch (TransactionCanceledException e) when (e.CancellationReasons?.Any(r => r.Code is "ConditionalCheckFailed" or "TransactionConflict") == true ||
                                                     e.Message.Contains("ConditionalCheckFailed", StringComparison.Ordinal) || e.Message.Contains("TransactionConflict", StringComparison.Ordinal))
        {
            return false;
        }
        catch (AmazonDynamoDBException e) { throw new DependencyFailed("dynamodb", e.ErrorCode ?? "Unknown", $"{tableName}: {e.Message}", (int)e.StatusCode, e); }
        catch (Exception e) when (Unreachable.Is(e)) { throw Unreachable.Translate("dynamodb", tableName, e); }
    }

    private async Task<KeyState?> GetAsync(string bucket, string key, CancellationToken ct)
    {
        try
        {
            var item = (await dynamo.GetItemAsync(new GetItemRequest { TableName = tableName, Key = new() { ["pk"] = S("KEY#" + bucket), ["sk"] = S(key) }, ConsistentRead = true }, ct)).Item;
            return item is { Count: > 0 } ? State(bucket, item) : null;
        }
        catch (AmazonDynamoDBException e) { throw new DependencyFailed("dynamodb", e.ErrorCode ?? "Unknown", $"{tableName}: {e.Message}", (int)e.StatusCode, e); }
        catch (Exception e) when (Unreachable.Is(e)) { throw Unreachable.Translate("dynamodb", tableName, e); }
    }

    private async Task<List<Dictionary<string, AttributeValue>>> QueryAsync(string pk, CancellationToken ct)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await dynamo.QueryAsync(new QueryRequest
            {
                TableName = tableName, KeyConditionExpression = "pk = :pk", ExpressionAttributeValues = new() { [":pk"] = S(pk) },
                ExclusiveStartKey = start, ConsistentRead = true,
            }, ct);
            items.AddRange(page.Items ?? []);
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        } while (start is not null);
        return items;
    }

    private static KeyState State(string bucket, Dictionary<string, AttributeValue> i) =>
        new(bucket, i["sk"].S, i["ord"].S, i["exists"].BOOL == true, i.TryGetValue("ver", out var v) ? v.S : null, long.Parse(i["size"].N, CultureInfo.InvariantCulture),
            i["owner"].S, i["cls"].S, i["sc"].S, i.TryGetValue("gen", out var g) ? int.Parse(g.N, CultureInfo.InvariantCulture) : 0,
            i.TryGetValue("acct", out var a) ? a.S : null);

    private static AttributeValue S(string s) => new() { S = s };
    private static AttributeValue N(long n) => new() { N = n.ToString(CultureInfo.InvariantCulture) };
}
