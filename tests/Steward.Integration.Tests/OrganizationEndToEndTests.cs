using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Amazon.SQS.Model;
using Steward.Testing;

namespace Steward.Integration.Tests;

/// <summary>
/// A hub and its member accounts, as an organization runs them: the shared runner plays two member accounts
/// (<c>--member-account</c>), each with member/template.yaml deployed. An instance is launched in a member account with
/// credentials from <c>aws sts assume-role</c>, a finding naming that account is put on the hub's bus (as GuardDuty's
/// delegated administrator receives its members' findings), and the instance is contained there, the evidence kept in the
/// hub, the hub's own EC2 untouched. An account that is not a member is never acted on.
/// </summary>
[Trait(Tiers.Category, Tiers.Slow)]
[Collection(SharedRunner.Name)]
public class OrganizationEndToEndTests(ServeFixture serve)
{
    private const string EvidenceBucket = "steward-local-evidencebucket";
    private const string Stranger = "333333333333";
    private string Inbox => serve.Aws + "123456789012/steward-local-AlertsTopic-inbox";

    private async Task<JsonElement> Aws(params string[] args)
    {
        var result = await Commands.Aws(serve.Aws, args);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return result.Stdout.Trim().Length == 0 ? default : JsonDocument.Parse(result.Stdout).RootElement;
    }

    /// <summary>The clients of <paramref name="account"/>, with the keys <c>aws sts assume-role</c> gives for the role Organizations makes in each account.</summary>
    private async Task<Steward.Aws.AwsClients> ClientsInAsync(string account)
    {
        var credentials = (await Aws("sts", "assume-role", "--role-arn", $"arn:aws:iam::{account}:role/OrganizationAccountAccessRole",
            "--role-session-name", "operator")).GetProperty("Credentials");
        return serve.Clients.As(new SessionAWSCredentials(credentials.GetProperty("AccessKeyId").GetString(), credentials.GetProperty("SecretAccessKey").GetString(),
            credentials.GetProperty("SessionToken").GetString()));
    }

    private async Task<IAmazonEC2> Ec2InAsync(string account) => (await ClientsInAsync(account)).Ec2();

    private static async Task<string> LaunchAsync(IAmazonEC2 ec2) =>
        (await ec2.RunInstancesAsync(new RunInstancesRequest { ImageId = "ami-12c6146b", InstanceType = InstanceType.T3Micro, MinCount = 1, MaxCount = 1 })).Reservation.Instances[0].InstanceId;

    private static async Task<Instance> InstanceAsync(IAmazonEC2 ec2, string id) =>
        (await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [id] })).Reservations[0].Instances[0];

    /// <summary>A real finding about <paramref name="instanceId"/> in <paramref name="account"/>, put on the hub's bus; waits for the responder.</summary>
    private async Task<string> PutFindingAsync(string account, string instanceId)
    {
        var e = Findings.About(Findings.CryptoMining, instanceId, 8);
        var detail = e["detail"]!.AsObject();
        detail["accountId"] = account;
        detail["id"] = Guid.NewGuid().ToString("N");
        var file = Path.Combine(Path.GetTempPath(), $"entries-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, new JsonArray(new JsonObject { ["Source"] = "aws.guardduty", ["DetailType"] = "GuardDuty Finding", ["Detail"] = detail.ToJsonString() }).ToJsonString());
        var put = await Aws("events", "put-events", "--entries", "file://" + file);
        var eventId = put.GetProperty("Entries")[0].GetProperty("EventId").GetString()!;
        await serve.Runner.WaitForLineAsync(TimeSpan.FromSeconds(60), "GuardDutyResponder -> ", eventId);
        return detail["id"]!.GetValue<string>();
    }

    private async Task<List<string>> AlertsAboutAsync(string about)
    {
        using var sqs = serve.Clients.Sqs();
        var alerts = new List<string>();
        while (true)
        {
            var received = (await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = Inbox, MaxNumberOfMessages = 10, WaitTimeSeconds = 1 })).Messages ?? [];
            if (received.Count == 0) return alerts;
            foreach (var m in received)
            {
                var message = JsonNode.Parse(m.Body)!["Message"]!.GetValue<string>();
                if (message.Contains(about, StringComparison.Ordinal)) alerts.Add(message);
                await sqs.DeleteMessageAsync(Inbox, m.ReceiptHandle);
            }
        }
    }

    [Fact]
    public async Task A_member_account_s_instance_is_isolated_and_stopped_there_with_the_evidence_in_the_hub()
    {
        using var member = await Ec2InAsync(ServeFixture.MemberAccount);
        var id = await LaunchAsync(member);
        var before = await InstanceAsync(member, id);

        var findingId = await PutFindingAsync(ServeFixture.MemberAccount, id);

        var after = await InstanceAsync(member, id);
        Assert.Contains(after.State.Name.Value, new[] { "stopping", "stopped" });
        var isolation = Assert.Single(after.NetworkInterfaces[0].Groups).GroupId;
        Assert.NotEqual(before.NetworkInterfaces[0].Groups[0].GroupId, isolation);
        Assert.Contains(after.Tags, t => t.Key == "steward:quarantine" && t.Value.StartsWith(findingId, StringComparison.Ordinal));
        Assert.Single((await member.DescribeSnapshotsAsync(new DescribeSnapshotsRequest { Filters = [new Filter("tag:steward:finding", [findingId])] })).Snapshots);

        // The hub's own EC2 has no such instance and no snapshot of it.
        using var hub = serve.Clients.Ec2();
        var missing = await Assert.ThrowsAsync<AmazonEC2Exception>(() => hub.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [id] }));
        Assert.Equal("InvalidInstanceID.NotFound", missing.ErrorCode);
        Assert.Empty((await hub.DescribeSnapshotsAsync(new DescribeSnapshotsRequest { Filters = [new Filter("tag:steward:finding", [findingId])] })).Snapshots ?? []);

        // The evidence is in the hub's bucket, its record naming the member account.
        using var s3 = serve.Clients.S3();
        using var record = await s3.GetObjectAsync(EvidenceBucket, $"findings/{findingId}/record.json");
        var json = (await JsonDocument.ParseAsync(record.ResponseStream)).RootElement;
        Assert.Equal(ServeFixture.MemberAccount, json.GetProperty("accountId").GetString());
        Assert.Equal(id, json.GetProperty("instanceId").GetString());

        // What SNS delivers to a queue subscriber: the subject, the SMS and the email, each naming the account.
        var alert = JsonNode.Parse(Assert.Single(await AlertsAboutAsync(findingId)))!;
        Assert.EndsWith($"on {id} in {ServeFixture.MemberAccount}", alert["subject"]!.GetValue<string>());
        Assert.Contains($"{id} in {ServeFixture.MemberAccount}", alert["sms"]!.GetValue<string>());
        Assert.Contains($"Account and region: {ServeFixture.MemberAccount} (a member account) us-east-1", alert["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_release_restores_the_member_s_instance_in_the_member_account()
    {
        using var member = await Ec2InAsync(ServeFixture.SecondMemberAccount);
        var id = await LaunchAsync(member);
        var groups = (await InstanceAsync(member, id)).NetworkInterfaces[0].Groups.Select(g => g.GroupId).ToList();
        var findingId = await PutFindingAsync(ServeFixture.SecondMemberAccount, id);
        Assert.NotEqual(groups, (await InstanceAsync(member, id)).NetworkInterfaces[0].Groups.Select(g => g.GroupId).ToList());

        // As an operator releases it: the runner's invoke, with the runner's parameters (its member accounts).
        var release = Path.Combine(Path.GetTempPath(), $"release-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(release, new JsonObject { ["steward-action"] = "release", ["findingId"] = findingId, ["instanceId"] = id, ["reason"] = "red team" }.ToJsonString());
        var result = await Commands.Runner("invoke", "GuardDutyResponder", "--event", release, "--port", serve.ApiPort.ToString());
        Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);

        var after = await InstanceAsync(member, id);
        Assert.Equal(groups, after.NetworkInterfaces[0].Groups.Select(g => g.GroupId).ToList());
        Assert.DoesNotContain(after.Tags, t => t.Key == "steward:quarantine");
        Assert.Contains(after.Tags, t => t.Key == "steward:released");
    }

    [Fact]
    public async Task A_finding_naming_an_account_that_is_not_a_member_changes_nothing_there()
    {
        using var stranger = await Ec2InAsync(Stranger);
        var id = await LaunchAsync(stranger);

        var findingId = await PutFindingAsync(Stranger, id);

        var after = await InstanceAsync(stranger, id);
        Assert.Equal("running", after.State.Name.Value);
        Assert.Empty(after.Tags ?? []);
        Assert.Empty((await stranger.DescribeSnapshotsAsync(new DescribeSnapshotsRequest { Filters = [new Filter("tag:steward:finding", [findingId])] })).Snapshots ?? []);
        var alert = JsonNode.Parse(Assert.Single(await AlertsAboutAsync(findingId)))!["email"]!.GetValue<string>();
        Assert.Contains($"Account and region: {Stranger} (not a member account: Steward does not act there) us-east-1", alert);
        Assert.Contains("nor one of its member accounts: refused, nothing was touched", alert);
    }

    private async Task<(System.Net.HttpStatusCode Status, JsonElement Body)> ServiceNowAsync(HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(serve.Api, path));
        if (body is not null) request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String("apikey2:servicenow-key-2"u8.ToArray()));
        using var response = await serve.Http.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    private static async Task<Instance[]> ServersForAsync(IAmazonEC2 ec2, string number) =>
        [.. ((await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { Filters = [new Filter("tag:ServiceNowRequest", [number])] })).Reservations ?? [])
            .SelectMany(r => r.Instances)];

    [Fact]
    public async Task A_build_for_a_member_account_lands_there_and_is_reported_and_decommissioned_there()
    {
        var number = "RITM" + Random.Shared.Next(1_000_000, 9_999_999);
        var (status, body) = await ServiceNowAsync(HttpMethod.Post, "/instances",
            $$"""{"os":"al2023","inst_size":"small","request_number":"{{number}}","cost_center":"CC-4410","account":"{{ServeFixture.SecondMemberAccount}}"}""");
        Assert.Equal(System.Net.HttpStatusCode.Accepted, status);
        Assert.Equal(ServeFixture.SecondMemberAccount, body.GetProperty("account").GetString());

        using var member = await Ec2InAsync(ServeFixture.SecondMemberAccount);
        var server = Assert.Single(await ServersForAsync(member, number));
        Assert.Equal(body.GetProperty("instanceId").GetString(), server.InstanceId);
        Assert.Contains(server.Tags, t => t.Key == "ManagedBy" && t.Value == "steward");
        using var hub = serve.Clients.Ec2();
        Assert.Empty(await ServersForAsync(hub, number));

        var (reported, report) = await ServiceNowAsync(HttpMethod.Get, "/instances/" + number);
        Assert.Equal((System.Net.HttpStatusCode.OK, server.InstanceId, ServeFixture.SecondMemberAccount),
            (reported, report.GetProperty("instanceId").GetString(), report.GetProperty("account").GetString()));

        var (gone, _) = await ServiceNowAsync(HttpMethod.Delete, "/instances/" + number);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, gone);
        Assert.Contains((await InstanceAsync(member, server.InstanceId)).State.Name.Value, new[] { "shutting-down", "terminated" });
    }

    [Fact]
    public async Task A_build_for_an_account_that_is_not_a_member_is_refused_and_builds_nothing_anywhere()
    {
        var number = "RITM" + Random.Shared.Next(1_000_000, 9_999_999);
        var (status, body) = await ServiceNowAsync(HttpMethod.Post, "/instances", $$"""{"os":"al2023","inst_size":"small","request_number":"{{number}}","account":"{{Stranger}}"}""");

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, status);
        Assert.Contains("is not Steward's own (123456789012) nor one of its member accounts", body.GetProperty("detail").GetString());
        using var stranger = await Ec2InAsync(Stranger);
        Assert.Empty(await ServersForAsync(stranger, number));
        using var hub = serve.Clients.Ec2();
        Assert.Empty(await ServersForAsync(hub, number));
    }

    [Fact]
    public async Task An_object_stored_in_a_member_account_s_bucket_is_classified_and_tagged_there_and_the_ledger_names_the_account()
    {
        using var s3 = (await ClientsInAsync(ServeFixture.MemberAccount)).S3();
        var bucket = "payments-exports-" + Guid.NewGuid().ToString("N")[..8];
        await s3.PutBucketAsync(bucket);
        // The bucket owner's opt-in: its events go to the account's bus, where the member stack's rule forwards them.
        await s3.PutBucketNotificationAsync(new Amazon.S3.Model.PutBucketNotificationRequest { BucketName = bucket, EventBridgeConfiguration = new Amazon.S3.Model.EventBridgeConfiguration() });
        await s3.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = bucket, Key = "exports/cards.csv", ContentBody = "name,card\nJane,4111 1111 1111 1111\n" });

        await serve.Runner.WaitForLineAsync(TimeSpan.FromSeconds(60), "StorageHooks -> ", $"{bucket}/exports/cards.csv");

        var tags = ((await s3.GetObjectTaggingAsync(new Amazon.S3.Model.GetObjectTaggingRequest { BucketName = bucket, Key = "exports/cards.csv" })).Tagging ?? [])
            .ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal("confidential", tags["steward:class"]);
        using var dynamo = serve.Clients.DynamoDb();
        var item = (await dynamo.GetItemAsync("steward-local-StorageLedgerTable", new Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue>
        {
            ["pk"] = new() { S = "KEY#" + bucket }, ["sk"] = new() { S = "exports/cards.csv" },
        })).Item;
        Assert.Equal(ServeFixture.MemberAccount, item["acct"].S);
    }
}
