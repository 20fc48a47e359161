using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Steward.Aws;
using Steward.Aws.Events;
using Steward.Aws.Incidents;
using Steward.Aws.Notifications;
using Steward.Aws.Organizations;
using Steward.Core.Incidents;
using Steward.Core.Observability;
using Steward.Core.Organizations;
using Steward.Core.Ports;
using Steward.Testing;
using static Steward.Integration.Tests.FaultInjectionTests;

namespace Steward.Integration.Tests;

/// <summary>
/// The cross-account path under faults, against moto (which maps STS-issued keys to the role's account): the member role
/// missing or not trusting the hub (STS answers AccessDenied, as AWS does for both), STS throttling, and a role that is
/// assumed but lacks a permission in the member account. What can be retried is; what cannot fails the invocation loudly,
/// names the account, and changes nothing it should not.
/// </summary>
public class MemberAccountFaultTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    private const string Hub = "123456789012";
    private const string Member = "444444444444";

    private static HttpResponseMessage StsError(HttpStatusCode status, string code, string message) => new(status)
    {
        Content = new StringContent($"<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>fault</RequestId></ErrorResponse>",
            Encoding.UTF8, "text/xml"),
    };

    private AwsClients Clients(Faults? faults = null) => new(new AwsEnvironment(new DictionaryEnvironment(moto.AwsEnvironment)), faults is null ? null : () => faults);

    /// <summary>EC2 in the member account, as an operator there sees it.</summary>
    private async Task<Amazon.EC2.IAmazonEC2> MemberEc2Async()
    {
        using var sts = Clients().Sts();
        var c = (await sts.AssumeRoleAsync(new Amazon.SecurityToken.Model.AssumeRoleRequest { RoleArn = $"arn:aws:iam::{Member}:role/OrganizationAccountAccessRole", RoleSessionName = "operator" })).Credentials;
        return Clients().As(new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken)).Ec2();
    }

    private sealed record Stack(string Bucket, string TopicArn, string QueueUrl);

    private async Task<Stack> CreateAsync()
    {
        var clients = Clients();
        var name = "members-" + Guid.NewGuid().ToString("N")[..8];
        using var s3 = clients.S3();
        await s3.PutBucketAsync(name);
        var topic = await Commands.Aws(moto.Endpoint, "sns", "create-topic", "--name", name);
        using var sqs = clients.Sqs();
        var queue = await sqs.CreateQueueAsync(name);
        return new Stack(name, JsonDocument.Parse(topic.Stdout).RootElement.GetProperty("TopicArn").GetString()!, queue.QueueUrl);
    }

    /// <summary>The responder as the function wires it for an organization: EC2 through MemberRoles, the rest in the hub.</summary>
    private Steward.GuardDutyResponder.Function Responder(Stack stack, Faults faults, StringWriter log)
    {
        var clients = Clients(faults);
        var structured = new StructuredLog(log, TimeProvider.System, "GuardDutyResponder");
        var roles = new MemberRoles<IInstanceContainment>(clients, Hub, "arn:aws:iam::{account}:role/StewardMember-GuardDutyResponder", (c, _) => new Ec2Containment(c.Ec2()), TimeProvider.System);
        return new Steward.GuardDutyResponder.Function(new IncidentResponder(roles, MemberAccounts.Parse(Hub, Member, null), new S3EvidenceStore(clients.S3(), stack.Bucket),
            new SnsAlertPublisher(clients.Signed(AwsService.Sns), stack.TopicArn), new SqsFailedEventStore(clients.Sqs(), stack.QueueUrl),
            new ResponsePolicy(Hub, "us-east-1", false, ResponsePolicy.DefaultLevels), TimeProvider.System, structured), structured);
    }

    private static byte[] FindingIn(string account, string instanceId)
    {
        var e = Findings.About(Findings.CryptoMining, instanceId, 8);
        e["detail"]!["accountId"] = account;
        e["detail"]!["id"] = Guid.NewGuid().ToString("N");
        return Findings.Bytes(e);
    }

    private static async Task<JsonElement> Handle(Steward.GuardDutyResponder.Function function, byte[] finding)
    {
        await using var answer = await function.Handle(new MemoryStream(finding));
        return (await JsonDocument.ParseAsync(answer)).RootElement;
    }

    private static async Task<string> LaunchAsync(Amazon.EC2.IAmazonEC2 ec2) =>
        (await ec2.RunInstancesAsync(new RunInstancesRequest { ImageId = "ami-12c6146b", InstanceType = "t3.micro", MinCount = 1, MaxCount = 1 })).Reservation.Instances.Single().InstanceId;

    private static async Task<Instance> InstanceAsync(Amazon.EC2.IAmazonEC2 ec2, string id) =>
        (await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [id] })).Reservations.Single().Instances.Single();

    [Fact]
    public async Task A_member_role_that_is_missing_fails_the_invocation_names_the_account_and_touches_nothing()
    {
        var stack = await CreateAsync();
        using var member = await MemberEc2Async();
        var id = await LaunchAsync(member);
        // What STS answers when the role does not exist, or does not trust the caller: the same AccessDenied.
        var faults = new Faults
        {
            Rule = (operation, _) => operation == "AssumeRole" ? StsError(HttpStatusCode.Forbidden, "AccessDenied",
                $"User: arn:aws:sts::{Hub}:assumed-role/steward-GuardDutyResponderFunctionRole/x is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::{Member}:role/StewardMember-GuardDutyResponder") : null,
        };
        var log = new CheckedLogWriter();

        var failed = await Assert.ThrowsAsync<ContainmentFailed>(() => Handle(Responder(stack, faults, log), FindingIn(Member, id)));

        Assert.Contains($"account {Member} is not set up for Steward", failed.Message);
        Assert.Contains("Deploy member/template.yaml", failed.Message);
        Assert.Equal(1, faults.Seen["AssumeRole"]); // a refusal is not retried
        Assert.Contains("\"member account not reachable; the invocation fails so Lambda retries and the event is kept\"", log.ToString());
        var publish = Assert.Single(faults.Forms, f => f.Operation == "Publish").Body;
        Assert.Contains($"Steward cannot reach account {Member}", WebUtility.UrlDecode(publish));
        Assert.DoesNotContain(faults.Seen.Keys, k => k is "DescribeInstances" or "CreateSnapshot" or "StopInstances");
        var instance = await InstanceAsync(member, id);
        Assert.Equal("running", instance.State.Name.Value);
        Assert.Empty(instance.Tags ?? []);
    }

    [Fact]
    public async Task STS_throttling_is_retried_and_the_member_s_instance_is_contained()
    {
        var stack = await CreateAsync();
        using var member = await MemberEc2Async();
        var id = await LaunchAsync(member);
        var faults = new Faults { Rule = (operation, attempt) => operation == "AssumeRole" && attempt <= 2 ? StsError(HttpStatusCode.BadRequest, "Throttling", "Rate exceeded") : null };

        var answer = await Handle(Responder(stack, faults, new CheckedLogWriter()), FindingIn(Member, id));

        Assert.Equal("done", answer.GetProperty("status").GetString());
        Assert.Equal(3, faults.Seen["AssumeRole"]);
        Assert.Equal("stopped", (await InstanceAsync(member, id)).State.Name.Value);
    }

    [Fact]
    public async Task STS_throttling_that_does_not_end_fails_the_invocation_loudly()
    {
        var stack = await CreateAsync();
        using var member = await MemberEc2Async();
        var id = await LaunchAsync(member);
        var faults = new Faults { Rule = (operation, _) => operation == "AssumeRole" ? StsError(HttpStatusCode.BadRequest, "Throttling", "Rate exceeded") : null };

        var failed = await Assert.ThrowsAsync<ContainmentFailed>(() => Handle(Responder(stack, faults, new CheckedLogWriter()), FindingIn(Member, id)));

        Assert.Contains("Throttling", failed.Message);
        Assert.True(faults.Seen["AssumeRole"] >= 3, $"AssumeRole was tried {faults.Seen["AssumeRole"]} times");
        Assert.Equal("running", (await InstanceAsync(member, id)).State.Name.Value);
    }

    [Fact]
    public async Task A_member_role_without_a_permission_fails_the_containment_loudly_with_the_evidence_kept_in_the_hub()
    {
        var stack = await CreateAsync();
        using var member = await MemberEc2Async();
        var id = await LaunchAsync(member);
        // The role is there but was changed by hand: it may not move interfaces. EC2 answers as it does to a missing grant.
        var faults = new Faults { Rule = (operation, _) => operation == "ModifyNetworkInterfaceAttribute" ? Ec2Error(HttpStatusCode.Forbidden, "UnauthorizedOperation") : null };
        var finding = FindingIn(Member, id);
        var findingId = JsonDocument.Parse(finding).RootElement.GetProperty("detail").GetProperty("id").GetString();

        var failed = await Assert.ThrowsAsync<ContainmentFailed>(() => Handle(Responder(stack, faults, new CheckedLogWriter()), finding));

        Assert.Contains("Isolate failed", failed.Message);
        var instance = await InstanceAsync(member, id);
        Assert.Equal("running", instance.State.Name.Value); // never stopped before it was isolated
        Assert.Contains(instance.Tags, t => t.Key == ContainmentPlanner.QuarantineTag);
        using var s3 = Clients().S3();
        using var record = await s3.GetObjectAsync(stack.Bucket, $"findings/{findingId}/record.json");
        Assert.Equal(Member, (await JsonDocument.ParseAsync(record.ResponseStream)).RootElement.GetProperty("accountId").GetString());
    }
}
