using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Steward.Aws;
using Steward.Aws.Storage;
using Steward.Core.Ports;
using Steward.Core.Storage;

namespace Steward.Integration.Tests;

/// <summary>
/// DynamoDB runs each TransactWriteItems atomically (serializable against other writes); moto does not: its
/// transact_write_items checks the conditions, then writes, with no lock, in a threaded server, so two transactions can
/// interleave. This proxy gives moto that one guarantee by running transactions one at a time; everything else (the reads,
/// the stale reads of sixteen writers racing, the conditions that must catch them) runs concurrently as in AWS.
/// </summary>
public class AtomicTransactions : System.Reflection.DispatchProxy
{
    private static readonly SemaphoreSlim Gate = new(1);
    private IAmazonDynamoDB _inner = null!;

    public static IAmazonDynamoDB Around(IAmazonDynamoDB inner)
    {
        var proxy = Create<IAmazonDynamoDB, AtomicTransactions>();
        ((AtomicTransactions)(object)proxy)._inner = inner;
        return proxy;
    }

    protected override object? Invoke(System.Reflection.MethodInfo? method, object?[]? args)
    {
        if (method!.Name != nameof(IAmazonDynamoDB.TransactWriteItemsAsync)) return method.Invoke(_inner, args);
        Gate.Wait();
        try
        {
            var task = (Task)method.Invoke(_inner, args)!;
            try { task.Wait(); } catch (AggregateException) { /* the caller sees it through the task */ }
            return task;
        }
        finally { Gate.Release(); }
    }
}

/// <summary>The ledger in moto's DynamoDB: exact under concurrent writers, repeated and reordered events.</summary>
public class StorageLedgerTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    private string _table = "";
    private IAmazonDynamoDB? _dynamo;

    private async Task<DynamoDbStorageLedger> LedgerAsync()
    {
        var clients = new AwsClients(new AwsEnvironment(new DictionaryEnvironment(moto.AwsEnvironment)));
        var dynamo = AtomicTransactions.Around(clients.DynamoDb());
        var table = "ledger-" + Guid.NewGuid().ToString("N")[..8];
        await dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = table, BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new("pk", ScalarAttributeType.S), new("sk", ScalarAttributeType.S)],
            KeySchema = [new("pk", KeyType.HASH), new("sk", KeyType.RANGE)],
        });
        (_table, _dynamo) = (table, dynamo);
        return new DynamoDbStorageLedger(dynamo, table);
    }

    /// <summary>A key's history: puts of new versions and deletes, each with a rising sequencer, as S3 numbers them.</summary>
    private static List<KeyState> History(int keys, int events, Random random)
    {
        var history = new List<KeyState>();
        var owners = new[] { "finance", "search", "data" };
        var classes = new[] { "internal", "confidential", "restricted" };
        var storage = new[] { "STANDARD", "STANDARD_IA", "GLACIER_IR" };
        for (var i = 0; i < events; i++)
        {
            var key = $"k/{random.Next(keys):000}";
            var exists = random.NextDouble() > 0.2;
            history.Add(new KeyState("data", key, "s" + (100_000 + i).ToString("X").PadLeft(40, '0'), exists, exists ? $"v{i}" : null,
                exists ? random.Next(1, 5_000_000) : 0, owners[random.Next(3)], classes[random.Next(3)], storage[random.Next(3)]));
        }
        return history;
    }

    [Fact]
    public async Task A_thousand_events_with_a_fifth_repeated_shuffled_and_sixteen_at_once_equal_the_truth()
    {
        var ledger = await LedgerAsync();
        var random = new Random(7);
        var history = History(keys: 150, events: 1000, random);
        var deliveries = history.Concat(history.Where(_ => random.NextDouble() < 0.2)).OrderBy(_ => random.Next()).ToList();
        Assert.InRange(deliveries.Count, 1150, 1250);

        using var gate = new SemaphoreSlim(16);
        await Task.WhenAll(deliveries.Select(async e =>
        {
            await gate.WaitAsync();
            try { await ledger.ApplyAsync(e, default); }
            finally { gate.Release(); }
        }));

        // The truth: each key as its latest event left it.
        var truth = history.GroupBy(e => e.Key).Select(g => g.MaxBy(e => e.Order, StringComparer.Ordinal)!).Where(s => s.Exists)
            .GroupBy(s => s.Group).ToDictionary(g => g.Key, g => (Objects: (long)g.Count(), Bytes: g.Sum(s => s.Size)));
        var totals = (await ledger.TotalsAsync(default)).Where(t => t.Objects != 0 || t.Bytes != 0).ToDictionary(t => t.Group, t => (t.Objects, t.Bytes));
        Assert.Equal(truth.OrderBy(t => t.Key.ToString()), totals.OrderBy(t => t.Key.ToString()));
        Assert.Equal(history.Select(e => e.Key).Distinct().Count(), (await ledger.KeysAsync("data", default)).Count);
    }

    [Fact]
    public async Task An_older_event_after_a_newer_one_changes_nothing_and_a_correction_yields_to_a_newer_event()
    {
        var ledger = await LedgerAsync();
        var newer = new KeyState("data", "a.txt", "s2", false, null, 0, "data", "internal", "STANDARD");
        var older = newer with { Order = "s1", Exists = true, Size = 100 };
        Assert.Equal(LedgerApply.Applied, await ledger.ApplyAsync(newer, default));
        Assert.Equal(LedgerApply.Stale, await ledger.ApplyAsync(older, default));
        Assert.DoesNotContain(await ledger.TotalsAsync(default), t => t.Objects != 0);

        // The reconciliation read the key, then an event moved it: the correction yields.
        var seen = (await ledger.KeysAsync("data", default)).Single();
        await ledger.ApplyAsync(newer with { Order = "s3", Exists = true, Size = 7 }, default);
        Assert.False(await ledger.CorrectAsync(seen, seen with { Exists = true, Size = 999 }, default));
        Assert.Equal(7, (await ledger.TotalsAsync(default)).Single(t => t.Objects == 1).Bytes);
    }

    [Fact]
    public async Task Each_key_keeps_the_generation_of_the_classifier_that_decided_its_class_and_an_item_written_before_generations_reads_as_none()
    {
        var ledger = await LedgerAsync();
        // As a Steward before generations wrote it: no "gen" attribute.
        await _dynamo!.PutItemAsync(new PutItemRequest
        {
            TableName = _table,
            Item = new()
            {
                ["pk"] = new() { S = "KEY#data" }, ["sk"] = new() { S = "old.pdf" }, ["ord"] = new() { S = "s1" }, ["exists"] = new() { BOOL = true },
                ["size"] = new() { N = "10" }, ["owner"] = new() { S = "data" }, ["cls"] = new() { S = "public" }, ["sc"] = new() { S = "STANDARD" },
            },
        });
        await ledger.ApplyAsync(new KeyState("data", "new.pdf", "s1", true, null, 10, "data", "confidential", "STANDARD", ObjectClassifier.Generation), default);
        var keys = (await ledger.KeysAsync("data", default)).ToDictionary(k => k.Key, k => k.Classifier);
        Assert.Equal(0, keys["old.pdf"]);
        Assert.Equal(ObjectClassifier.Generation, keys["new.pdf"]);
    }
}
