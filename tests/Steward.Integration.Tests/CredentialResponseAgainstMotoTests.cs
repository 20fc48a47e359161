using System.Text.Json;
using System.Text.Json.Nodes;
using Steward.Aws;
using Steward.Aws.Incidents;
using Steward.Aws.Notifications;
using Steward.Core.Incidents;
using Steward.Core.Incidents.Credentials;
using Steward.Core.Observability;
using Steward.Core.Ports;
using Steward.Testing;

namespace Steward.Integration.Tests;

/// <summary>
/// A compromised IAM user's key against moto's IAM, through the adapter's real Query calls, read back with the AWS CLI as an
/// operator would: the key deactivated and the deny policy attached, then both undone by the release.
/// </summary>
public class CredentialResponseAgainstMotoTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    private async Task<JsonElement> Aws(params string[] args)
    {
        var result = await Commands.Aws(moto.Endpoint, args);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return result.Stdout.Trim().Length == 0 ? default : JsonDocument.Parse(result.Stdout).RootElement;
    }

    private async Task<CredentialResponder> ResponderAsync()
    {
        var clients = new AwsClients(new AwsEnvironment(new DictionaryEnvironment(moto.AwsEnvironment)));
        var bucket = "evidence-" + Guid.NewGuid().ToString("N")[..8];
        using (var s3 = clients.S3()) await s3.PutBucketAsync(bucket);
        var topic = (await Aws("sns", "create-topic", "--name", bucket)).GetProperty("TopicArn").GetString()!;
        return new CredentialResponder(new IamPrincipalContainment(clients.Signed(AwsService.Iam)), new S3EvidenceStore(clients.S3(), bucket),
            new SnsAlertPublisher(clients.Signed(AwsService.Sns), topic), new ResponsePolicy("123456789012", "us-east-1", false, ResponsePolicy.DefaultLevels),
            "steward-local-", TimeProvider.System, new StructuredLog(new CheckedLogWriter(), TimeProvider.System, "GuardDutyResponder"));
    }

    [Fact]
    public async Task A_user_s_key_is_deactivated_and_denied_and_the_release_restores_both()
    {
        var user = "build-bot-" + Guid.NewGuid().ToString("N")[..6];
        await Aws("iam", "create-user", "--user-name", user);
        var key = (await Aws("iam", "create-access-key", "--user-name", user)).GetProperty("AccessKey").GetProperty("AccessKeyId").GetString()!;
        var e = Findings.Event("guardduty/eb-unauthorizedaccess-iamuser-toripcaller.cloud-custodian.json");
        var d = e["detail"]!.AsObject();
        (d["accountId"], d["region"], d["severity"], d["id"]) = ("123456789012", "us-east-1", 8, Guid.NewGuid().ToString("N"));
        d["resource"]!["accessKeyDetails"] = new JsonObject { ["accessKeyId"] = key, ["userName"] = user, ["userType"] = "IAMUser", ["principalId"] = "AIDA" };
        d["service"]!["additionalInfo"] = new JsonObject { ["sample"] = false };
        var responder = await ResponderAsync();

        var report = await responder.RespondAsync(Findings.Parse(e), Findings.Bytes(e), default);

        Assert.Equal("Inactive", (await Aws("iam", "list-access-keys", "--user-name", user)).GetProperty("AccessKeyMetadata")[0].GetProperty("Status").GetString());
        Assert.Equal([CredentialPlanner.PolicyName(report.Plan.FindingId)],
            (await Aws("iam", "list-user-policies", "--user-name", user)).GetProperty("PolicyNames").EnumerateArray().Select(p => p.GetString()));
        Assert.Contains((await Aws("iam", "list-user-tags", "--user-name", user)).GetProperty("Tags").EnumerateArray(),
            t => t.GetProperty("Key").GetString() == CredentialPlanner.QuarantineTag);

        await responder.ReleaseAsync(report.Plan.FindingId, "false alarm", default);

        Assert.Equal("Active", (await Aws("iam", "list-access-keys", "--user-name", user)).GetProperty("AccessKeyMetadata")[0].GetProperty("Status").GetString());
        Assert.Empty((await Aws("iam", "list-user-policies", "--user-name", user)).GetProperty("PolicyNames").EnumerateArray());
        Assert.Empty((await Aws("iam", "list-user-tags", "--user-name", user)).GetProperty("Tags").EnumerateArray());
    }

    [Fact]
    public async Task A_finding_naming_a_user_that_does_not_exist_changes_nothing()
    {
        var e = Findings.Event("guardduty/eb-unauthorizedaccess-iamuser-toripcaller.cloud-custodian.json");
        var d = e["detail"]!.AsObject();
        (d["accountId"], d["region"], d["severity"]) = ("123456789012", "us-east-1", 8);
        d["service"]!["additionalInfo"] = new JsonObject { ["sample"] = false };
        var report = await (await ResponderAsync()).RespondAsync(Findings.Parse(e), Findings.Bytes(e), default);
        Assert.Equal(ResponseLevel.Notify, report.Plan.Level);
        Assert.Contains(report.Plan.Reasons, r => r.Contains("there is no IAM user GeneratedFindingUserName"));
    }

    private static JsonObject RoleFinding(string role)
    {
        var e = Findings.Event("guardduty/eb-unauthorizedaccess-iamuser-toripcaller.cloud-custodian.json");
        var d = e["detail"]!.AsObject();
        (d["accountId"], d["region"], d["severity"], d["id"]) = ("123456789012", "us-east-1", 8, Guid.NewGuid().ToString("N"));
        d["resource"]!["accessKeyDetails"] = new JsonObject { ["accessKeyId"] = "ASIA" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant(), ["userName"] = role, ["userType"] = "AssumedRole" };
        d["service"]!["additionalInfo"] = new JsonObject { ["sample"] = false };
        return e;
    }

    private const string Trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";

    [Fact]
    public async Task An_assumed_role_s_older_sessions_are_denied_and_the_release_removes_the_denial_but_Steward_s_own_role_is_never_touched()
    {
        var role = "ci-runner-" + Guid.NewGuid().ToString("N")[..6];
        var own = "steward-local-GuardDutyResponderFunctionRole-" + Guid.NewGuid().ToString("N")[..6];
        await Aws("iam", "create-role", "--role-name", role, "--assume-role-policy-document", Trust);
        await Aws("iam", "create-role", "--role-name", own, "--assume-role-policy-document", Trust);
        var responder = await ResponderAsync();

        var revoked = await responder.RespondAsync(Findings.Parse(RoleFinding(role)), Findings.Bytes(RoleFinding(role)), default);
        var refused = await responder.RespondAsync(Findings.Parse(RoleFinding(own)), Findings.Bytes(RoleFinding(own)), default);

        var policy = await Aws("iam", "get-role-policy", "--role-name", role, "--policy-name", CredentialPlanner.PolicyName(revoked.Plan.FindingId));
        Assert.Contains("aws:TokenIssueTime", policy.GetProperty("PolicyDocument").GetRawText());
        Assert.Equal(ResponseLevel.Notify, refused.Plan.Level);
        Assert.Empty((await Aws("iam", "list-role-policies", "--role-name", own)).GetProperty("PolicyNames").EnumerateArray());

        await responder.ReleaseAsync(revoked.Plan.FindingId, "cause fixed", default);

        Assert.Empty((await Aws("iam", "list-role-policies", "--role-name", role)).GetProperty("PolicyNames").EnumerateArray());
    }
}
