using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.S3.Model;
using Steward.Aws;
using Steward.Aws.Incidents;
using Steward.Aws.Notifications;
using Steward.Aws.Organizations;
using Steward.Core.Incidents;
using Steward.Core.Incidents.Buckets;
using Steward.Core.Incidents.Credentials;
using Steward.Core.Observability;
using Steward.Core.Organizations;
using Steward.Core.Ports;
using Steward.Testing;

namespace Steward.Integration.Tests;

/// <summary>
/// A leaked key and an exposed bucket in a member account, against moto (which keeps each account's IAM and S3 apart and
/// maps STS-issued keys to the role's account): reached through the real MemberRoles (STS AssumeRole), changed in the
/// member account only, checked there with the AWS CLI as that account's operator would, and released there.
/// </summary>
public class MemberAccountCredentialsAgainstMotoTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    private const string Hub = "123456789012";
    private const string Member = "555555555555";

    private AwsClients Clients => new(new AwsEnvironment(new DictionaryEnvironment(moto.AwsEnvironment)));

    /// <summary>The member account's own credentials, as an operator there has them (OrganizationAccountAccessRole).</summary>
    private async Task<Amazon.SecurityToken.Model.Credentials> OperatorAsync()
    {
        using var sts = Clients.Sts();
        return (await sts.AssumeRoleAsync(new Amazon.SecurityToken.Model.AssumeRoleRequest
        {
            RoleArn = $"arn:aws:iam::{Member}:role/OrganizationAccountAccessRole", RoleSessionName = "operator",
        })).Credentials;
    }

    private async Task<JsonElement> AwsIn(Amazon.SecurityToken.Model.Credentials? c, params string[] args)
    {
        var env = new Dictionary<string, string?>
        {
            ["AWS_ACCESS_KEY_ID"] = c?.AccessKeyId ?? "testing", ["AWS_SECRET_ACCESS_KEY"] = c?.SecretAccessKey ?? "testing", ["AWS_SESSION_TOKEN"] = c?.SessionToken, ["AWS_PAGER"] = "",
        };
        var result = await Commands.RunAsync("aws", ["--endpoint-url", moto.Endpoint.ToString(), "--region", "us-east-1", "--output", "json", .. args], env);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return result.Stdout.Trim().Length == 0 ? default : JsonDocument.Parse(result.Stdout).RootElement;
    }

    private sealed record Adapters(IPrincipalContainment Iam, IBucketContainment S3);

    /// <summary>The responders as the function wires them for an organization: one member-role session serving IAM and S3.</summary>
    private async Task<(CredentialResponder Credentials, BucketResponder Buckets)> RespondersAsync()
    {
        var clients = Clients;
        var evidence = "evidence-" + Guid.NewGuid().ToString("N")[..8];
        using (var s3 = clients.S3()) await s3.PutBucketAsync(evidence);
        var topic = (await AwsIn(null, "sns", "create-topic", "--name", evidence)).GetProperty("TopicArn").GetString()!;
        var roles = new MemberRoles<Adapters>(clients, Hub, "arn:aws:iam::{account}:role/StewardMember-GuardDutyResponder",
            (c, _) => new Adapters(new IamPrincipalContainment(c.Signed(AwsService.Iam)), new S3BucketContainment(c.S3())), TimeProvider.System);
        var members = MemberAccounts.Parse(Hub, Member, null);
        var (store, alerts) = (new S3EvidenceStore(clients.S3(), evidence), new SnsAlertPublisher(clients.Signed(AwsService.Sns), topic));
        var policy = new ResponsePolicy(Hub, "us-east-1", false, ResponsePolicy.DefaultLevels);
        var log = new StructuredLog(new CheckedLogWriter(), TimeProvider.System, "GuardDutyResponder");
        return (new CredentialResponder(roles.Select(a => a.Iam), members, store, alerts, policy, ["steward-local-", "StewardMember-"], TimeProvider.System, log),
            new BucketResponder(roles.Select(a => a.S3), members, store, alerts, policy, TimeProvider.System, log));
    }

    [Fact]
    public async Task A_member_s_leaked_key_is_deactivated_and_denied_there_and_the_release_restores_it_there()
    {
        var me = await OperatorAsync();
        var user = "ci-deployer-" + Guid.NewGuid().ToString("N")[..6];
        await AwsIn(me, "iam", "create-user", "--user-name", user);
        var key = (await AwsIn(me, "iam", "create-access-key", "--user-name", user)).GetProperty("AccessKey").GetProperty("AccessKeyId").GetString()!;
        var e = Findings.Event("guardduty/eb-unauthorizedaccess-iamuser-toripcaller.cloud-custodian.json");
        var d = e["detail"]!.AsObject();
        (d["accountId"], d["region"], d["severity"], d["id"]) = (Member, "us-east-1", 8, Guid.NewGuid().ToString("N"));
        d["resource"]!["accessKeyDetails"] = new JsonObject { ["accessKeyId"] = key, ["userName"] = user, ["userType"] = "IAMUser", ["principalId"] = "AIDA" };
        d["service"]!["additionalInfo"] = new JsonObject { ["sample"] = false };
        var (credentials, _) = await RespondersAsync();

        var report = await credentials.RespondAsync(Findings.Parse(e), Findings.Bytes(e), default);

        Assert.Equal(ResponseLevel.Contain, report.Plan.Level);
        Assert.Equal("Inactive", (await AwsIn(me, "iam", "list-access-keys", "--user-name", user)).GetProperty("AccessKeyMetadata")[0].GetProperty("Status").GetString());
        Assert.Equal([CredentialPlanner.PolicyName(report.Plan.FindingId)],
            (await AwsIn(me, "iam", "list-user-policies", "--user-name", user)).GetProperty("PolicyNames").EnumerateArray().Select(p => p.GetString()));
        // The hub has no such user: nothing was looked for, or changed, there.
        var hub = await Commands.Aws(moto.Endpoint, "iam", "get-user", "--user-name", user);
        Assert.Contains("NoSuchEntity", hub.Stderr);

        await credentials.ReleaseAsync(report.Plan.FindingId, "key rotated", default);

        Assert.Equal("Active", (await AwsIn(me, "iam", "list-access-keys", "--user-name", user)).GetProperty("AccessKeyMetadata")[0].GetProperty("Status").GetString());
        Assert.Empty((await AwsIn(me, "iam", "list-user-policies", "--user-name", user)).GetProperty("PolicyNames").EnumerateArray());
    }

    [Fact]
    public async Task A_member_s_exposed_bucket_is_blocked_there_and_the_release_puts_back_that_it_had_no_block()
    {
        var me = await OperatorAsync();
        var bucket = "member-exposed-" + Guid.NewGuid().ToString("N")[..8];
        using (var s3 = Clients.As(new SessionAWSCredentials(me.AccessKeyId, me.SecretAccessKey, me.SessionToken)).S3())
        {
            await s3.PutBucketAsync(bucket);
            await s3.PutBucketTaggingAsync(new PutBucketTaggingRequest { BucketName = bucket, TagSet = [new Tag { Key = "team", Value = "data" }] });
        }
        var e = Findings.Event("guardduty/raw-pentest-s3-parrotlinux.aws-samples-automated-response.json");
        var d = e["detail"]!.AsObject();
        (d["accountId"], d["region"], d["severity"], d["id"], d["type"]) = (Member, "us-east-1", 8, Guid.NewGuid().ToString("N"), "Policy:S3/BucketAnonymousAccessGranted");
        d["resource"]!["s3BucketDetails"]![0]!["name"] = bucket;
        d["service"]!["additionalInfo"] = new JsonObject { ["sample"] = false };
        var (_, buckets) = await RespondersAsync();

        var (plan, _) = await buckets.RespondAsync(Findings.Parse(e), Findings.Bytes(e), default);

        Assert.Equal(ResponseLevel.Contain, plan.Level);
        var block = (await AwsIn(me, "s3api", "get-public-access-block", "--bucket", bucket)).GetProperty("PublicAccessBlockConfiguration");
        Assert.True(block.GetProperty("BlockPublicAcls").GetBoolean() && block.GetProperty("RestrictPublicBuckets").GetBoolean());
        Assert.Contains((await AwsIn(me, "s3api", "get-bucket-tagging", "--bucket", bucket)).GetProperty("TagSet").EnumerateArray(),
            t => t.GetProperty("Key").GetString() == BucketResponder.QuarantineTag);

        await buckets.ReleaseAsync(plan.FindingId, "made private", default);

        var after = await Commands.RunAsync("aws", ["--endpoint-url", moto.Endpoint.ToString(), "--region", "us-east-1", "s3api", "get-public-access-block", "--bucket", bucket],
            new Dictionary<string, string?> { ["AWS_ACCESS_KEY_ID"] = me.AccessKeyId, ["AWS_SECRET_ACCESS_KEY"] = me.SecretAccessKey, ["AWS_SESSION_TOKEN"] = me.SessionToken, ["AWS_PAGER"] = "" });
        Assert.Contains("NoSuchPublicAccessBlockConfiguration", after.Stderr);
        Assert.Equal(["team=data"], (await AwsIn(me, "s3api", "get-bucket-tagging", "--bucket", bucket)).GetProperty("TagSet").EnumerateArray()
            .Select(t => $"{t.GetProperty("Key").GetString()}={t.GetProperty("Value").GetString()}"));
    }
}
