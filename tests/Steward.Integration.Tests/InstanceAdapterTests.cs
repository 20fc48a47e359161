using Amazon.DynamoDBv2.Model;
using Amazon.EC2.Model;
using Steward.Aws;
using Steward.Aws.Instances;
using Steward.Core.Instances;
using Steward.Core.Ports;

namespace Steward.Integration.Tests;

/// <summary>The instance adapters against moto: what EC2, SSM and DynamoDB really hold after each call.</summary>
public class InstanceAdapterTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    private AwsClients Clients => new(new AwsEnvironment(new Steward.Core.Ports.DictionaryEnvironment(moto.AwsEnvironment)));
    private static readonly CancellationToken None = CancellationToken.None;

    private async Task<DynamoDbIdempotencyStore> NewStoreAsync()
    {
        var dynamo = Clients.DynamoDb();
        var table = "idem-" + Guid.NewGuid().ToString("N")[..8];
        await dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = table, BillingMode = Amazon.DynamoDBv2.BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new AttributeDefinition("id", Amazon.DynamoDBv2.ScalarAttributeType.S)],
            KeySchema = [new KeySchemaElement("id", Amazon.DynamoDBv2.KeyType.HASH)],
        });
        return new DynamoDbIdempotencyStore(dynamo, table, TimeSpan.FromDays(1), TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task A_claim_is_held_then_completed_and_its_answer_kept_then_released_and_free_again()
    {
        var store = await NewStoreAsync();
        var now = DateTimeOffset.UtcNow;
        Assert.IsType<IdempotencyClaim.Claimed>(await store.ClaimAsync("RITM1", "fp", "summary", now, None));
        var busy = Assert.IsType<IdempotencyClaim.InProgress>(await store.ClaimAsync("RITM1", "fp2", "other", now, None));
        Assert.Equal(("fp", "summary"), (busy.Fingerprint, busy.Summary));

        await store.CompleteAsync("RITM1", new StoredAnswer(202, "{\"ok\":true}"), now, None);
        var done = Assert.IsType<IdempotencyClaim.Completed>(await store.ClaimAsync("RITM1", "fp", "summary", now, None));
        Assert.Equal(new StoredAnswer(202, "{\"ok\":true}"), done.Answer);

        await store.ReleaseAsync("RITM1", None);
        Assert.IsType<IdempotencyClaim.Claimed>(await store.ClaimAsync("RITM1", "fp", "summary", now, None));
    }

    /// <summary>
    /// The load run's one 502: moto writes an UpdateItem's SETs one at a time, so a twin's read saw COMPLETED before the answer
    /// was there. A record without its answer is in progress, never an unreadable completion.
    /// </summary>
    [Fact]
    public async Task A_completed_record_caught_before_its_answer_is_written_reads_as_in_progress()
    {
        var dynamo = Clients.DynamoDb();
        var table = "idem-" + Guid.NewGuid().ToString("N")[..8];
        await dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = table, BillingMode = Amazon.DynamoDBv2.BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new AttributeDefinition("id", Amazon.DynamoDBv2.ScalarAttributeType.S)],
            KeySchema = [new KeySchemaElement("id", Amazon.DynamoDBv2.KeyType.HASH)],
        });
        var now = DateTimeOffset.UtcNow;
        await dynamo.PutItemAsync(new PutItemRequest
        {
            TableName = table,
            Item = new()
            {
                ["id"] = new AttributeValue { S = "RITM9" }, ["status"] = new AttributeValue { S = "COMPLETED" }, ["fingerprint"] = new AttributeValue { S = "fp" },
                ["summary"] = new AttributeValue { S = "s" }, ["expiration"] = new AttributeValue { N = now.AddDays(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) },
            },
        });
        var store = new DynamoDbIdempotencyStore(dynamo, table, TimeSpan.FromDays(1), TimeSpan.FromMinutes(2));
        Assert.IsType<IdempotencyClaim.InProgress>(await store.ClaimAsync("RITM9", "fp", "s", now, None));
    }

    [Fact]
    public async Task A_claim_whose_Lambda_died_expires_and_can_be_taken()
    {
        var store = await NewStoreAsync();
        var then = DateTimeOffset.UtcNow;
        await store.ClaimAsync("RITM2", "fp", "s", then, None);
        Assert.IsType<IdempotencyClaim.Claimed>(await store.ClaimAsync("RITM2", "fp", "s", then.AddMinutes(3), None));
    }

    /// <summary>
    /// EC2 answers a RunInstances whose ClientToken it has seen with the first launch's reservation: Steward's second guard
    /// against a double build (the token is the request number). The runner's moto keeps that (moto_server_atomic.py).
    /// </summary>
    [Fact]
    public async Task A_launch_retried_with_the_same_client_token_launches_nothing_more()
    {
        using var ec2 = Clients.Ec2();
        var token = "RITM" + Guid.NewGuid().ToString("N")[..10];
        RunInstancesRequest Launch() => new() { ImageId = "ami-12c6146b", InstanceType = Amazon.EC2.InstanceType.T3Micro, MinCount = 1, MaxCount = 1, ClientToken = token };
        var launches = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => ec2.RunInstancesAsync(Launch()))));
        Assert.Single(launches.Select(l => l.Reservation.Instances[0].InstanceId).Distinct());
        var untokened = await ec2.RunInstancesAsync(new RunInstancesRequest { ImageId = "ami-12c6146b", InstanceType = Amazon.EC2.InstanceType.T3Micro, MinCount = 1, MaxCount = 1 });
        Assert.NotEqual(launches[0].Reservation.Instances[0].InstanceId, untokened.Reservation.Instances[0].InstanceId);
    }

    /// <summary>Many numbers claimed by eight callers at once each: one claim each, as DynamoDB's conditional writes make it.</summary>
    [Fact]
    public async Task Under_load_every_number_is_claimed_exactly_once()
    {
        var store = await NewStoreAsync();
        var now = DateTimeOffset.UtcNow;
        var numbers = Enumerable.Range(0, 25).Select(i => $"RITM9{i:000}").ToList();
        var claims = await Task.WhenAll(numbers.SelectMany(n => Enumerable.Range(0, 8).Select(_ => Task.Run(async () => (n, await store.ClaimAsync(n, "fp", "s", now, None))))));
        Assert.All(claims.GroupBy(c => c.n), g => Assert.Single(g, c => c.Item2 is IdempotencyClaim.Claimed));
    }

    [Fact]
    public async Task Of_concurrent_claims_on_one_number_exactly_one_wins()
    {
        var store = await NewStoreAsync();
        var now = DateTimeOffset.UtcNow;
        var claims = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => store.ClaimAsync("RITM3", "fp", "s", now, None))));
        Assert.Single(claims.OfType<IdempotencyClaim.Claimed>());
        Assert.Equal(15, claims.OfType<IdempotencyClaim.InProgress>().Count());
    }

    [Fact]
    public async Task A_launched_server_has_its_tags_an_encrypted_gp3_root_volume_and_IMDSv2_required()
    {
        var ec2 = Clients.Ec2();
        var fleet = new Ec2InstanceFleet(ec2, new Ec2LaunchSettings(null, []));
        var image = await new SsmImageCatalog(Clients.Ssm(), ec2).ResolveAsync(Catalog.FindOperatingSystem("al2023")!.ImageParameter, None);
        var number = "RITM" + Random.Shared.Next(1_000_000, 9_999_999);
        var tags = new Dictionary<string, string> { [InstanceTags.ServiceNowRequest] = number, [InstanceTags.ManagedBy] = "steward", [InstanceTags.CostCenter] = "CC-9" };

        var launched = await fleet.LaunchAsync(new LaunchSpec(number, image.ImageId, image.RootDeviceName, "t3.small", 33, tags, number + "-1"), None);

        var described = (await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [launched.InstanceId] })).Reservations.Single().Instances.Single();
        Assert.Equal("required", described.MetadataOptions.HttpTokens.Value);
        Assert.Equal("CC-9", described.Tags.Single(t => t.Key == InstanceTags.CostCenter).Value);
        var volume = (await ec2.DescribeVolumesAsync(new DescribeVolumesRequest { VolumeIds = [.. launched.VolumeIds] })).Volumes.Single();
        Assert.Equal((33, "gp3", true), (volume.Size, volume.VolumeType.Value, volume.Encrypted));
        Assert.Contains(volume.Tags, t => t.Key == InstanceTags.ServiceNowRequest && t.Value == number);

        Assert.Equal(launched.InstanceId, (await fleet.FindByRequestAsync(number, None))!.InstanceId);
        Assert.Contains(await fleet.FindRunningManagedAsync(None), i => i.InstanceId == launched.InstanceId);
        await fleet.StopAsync(launched.InstanceId, new Dictionary<string, string> { [InstanceTags.LeaseExpired] = "now" }, None);
        var stopped = (await fleet.FindByRequestAsync(number, None))!;
        Assert.Contains(stopped.State, new[] { "stopping", "stopped" });
        Assert.Equal("now", stopped.Tags[InstanceTags.LeaseExpired]);

        var snapshots = await fleet.SnapshotVolumesAsync(stopped, tags, None);
        Assert.Single(snapshots);
        await fleet.TerminateAsync(launched.InstanceId, None);
        Assert.Contains((await fleet.FindByRequestAsync(number, None))!.State, new[] { "shutting-down", "terminated" });
    }

    [Fact]
    public async Task A_missing_image_parameter_is_a_DependencyFailed_naming_it()
    {
        var e = await Assert.ThrowsAsync<DependencyFailed>(() => new SsmImageCatalog(Clients.Ssm(), Clients.Ec2(), "/nowhere").ResolveAsync("/aws/service/x", None));
        Assert.Contains("/nowhere/aws/service/x does not exist", e.Message);
    }

    [Fact]
    public async Task API_keys_are_read_from_a_SecureString_and_cached()
    {
        var ssm = Clients.Ssm();
        var name = "/steward/test/keys-" + Guid.NewGuid().ToString("N")[..6];
        await ssm.PutParameterAsync(new Amazon.SimpleSystemsManagement.Model.PutParameterRequest { Name = name, Type = Amazon.SimpleSystemsManagement.ParameterType.SecureString, Value = "a:1,b:2" });
        var store = new SsmApiKeyStore(ssm, name, TimeProvider.System, TimeSpan.FromMinutes(5));
        Assert.Equal(["a", "b"], (await store.GetAsync(None)).Select(k => k.User));

        await ssm.PutParameterAsync(new Amazon.SimpleSystemsManagement.Model.PutParameterRequest { Name = name, Type = Amazon.SimpleSystemsManagement.ParameterType.SecureString, Value = "c:3", Overwrite = true });
        Assert.Equal(2, (await store.GetAsync(None)).Count); // still the cached keys within the five minutes
    }
}
