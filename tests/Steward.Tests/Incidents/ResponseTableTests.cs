using System.Text.Json.Nodes;
using Steward.Core.Events;
using Steward.Core.Incidents;
using Steward.Core.Incidents.Buckets;
using Steward.Core.Incidents.Credentials;
using Steward.Core.Ports;
using Steward.Testing;

namespace Steward.Tests.Incidents;

/// <summary>
/// The response policy is one table (<see cref="ResponseTable"/>): the README prints exactly it, and each planner, given
/// every fact it needs, plans exactly the table's steps for its family at each level.
/// </summary>
public class ResponseTableTests
{
    private static readonly ResponsePolicy Policy = new("123456789012", "us-east-1", false, ResponsePolicy.DefaultLevels);

    [Fact]
    public void The_README_prints_the_table_the_responder_follows()
    {
        var readme = File.ReadAllText(Path.Combine(Fixtures.ProjectRoot, "README.md")).ReplaceLineEndings("\n");
        var table = ResponseTable.Markdown().ReplaceLineEndings("\n");
        if (!readme.Contains(table, StringComparison.Ordinal))
        {
            var expected = Path.Combine(Path.GetTempPath(), "steward-response-table.md");
            File.WriteAllText(expected, table);
            Assert.Fail($"README.md's GuardDuty section does not print ResponseTable.Markdown() as it is now (written to {expected})");
        }
    }

    private static EventBridgeEvent<GuardDutyFinding> Finding(string fixture, Action<JsonObject> about, double severity)
    {
        var e = Findings.Event(fixture);
        var d = e["detail"]!.AsObject();
        (d["accountId"], d["region"], d["severity"]) = ("123456789012", "us-east-1", severity);
        d["service"]!["additionalInfo"] = new JsonObject { ["sample"] = false };
        about(d);
        return Findings.Parse(e);
    }

    [Theory]
    [InlineData(8.0, ResponseLevel.Contain)]
    [InlineData(5.0, ResponseLevel.Preserve)]
    [InlineData(2.0, ResponseLevel.Notify)]
    public void Each_planner_takes_its_family_s_steps_from_the_table(double severity, ResponseLevel level)
    {
        var instance = Findings.Parse(Findings.About(Findings.CryptoMining, "i-0123456789abcdef0", severity));
        var facts = new InstanceFacts("i-0123456789abcdef0", "running", "vpc-1", [], [], null, new Dictionary<string, string>(), "{}");
        Assert.Equal(ResponseTable.Instances.StepsAt(level), ContainmentPlanner.Plan(ContainmentPlanner.Triage(instance, Policy), facts, 0, Policy).Steps);

        var userFinding = Finding("guardduty/eb-unauthorizedaccess-iamuser-toripcaller.cloud-custodian.json", d =>
            d["resource"]!["accessKeyDetails"] = new JsonObject { ["accessKeyId"] = "AKIAEXAMPLE0000001", ["userName"] = "build-bot", ["userType"] = "IAMUser" }, severity);
        var home = new Steward.Core.Organizations.AccountStanding("123456789012", Steward.Core.Organizations.AccountKind.Home, "123456789012");
        var user = new UserFacts("build-bot", [new AccessKeyFacts("AKIAEXAMPLE0000001", "Active")], []);
        Assert.Equal(ResponseTable.IamUsers.StepsAt(level), CredentialPlanner.Plan(userFinding, Policy, ["steward-"], home, user, roleExists: false).Steps);

        var roleFinding = Finding("guardduty/eb-unauthorizedaccess-iamuser-toripcaller.cloud-custodian.json", d =>
            d["resource"]!["accessKeyDetails"] = new JsonObject { ["accessKeyId"] = "ASIAEXAMPLE0000001", ["userName"] = "ci-runner", ["userType"] = "AssumedRole" }, severity);
        Assert.Equal(ResponseTable.AssumedRoles.StepsAt(level), CredentialPlanner.Plan(roleFinding, Policy, ["steward-"], home, null, roleExists: true).Steps);

        var bucketFinding = Finding("guardduty/raw-pentest-s3-parrotlinux.aws-samples-automated-response.json", d => d["resource"]!["s3BucketDetails"]![0]!["name"] = "exports", severity);
        var bucket = new BucketFacts("exports", null, "{}", null, new Dictionary<string, string>());
        Assert.Equal(ResponseTable.Buckets.StepsAt(level), BucketResponder.Plan(bucketFinding, Policy, home, bucket).Steps);
    }

    [Fact]
    public void Every_level_includes_the_one_before_it_for_every_family()
    {
        Assert.Empty(ResponseTable.Instances.Preserve.Except(ResponseTable.Instances.Contain));
        Assert.Empty(ResponseTable.IamUsers.Preserve.Except(ResponseTable.IamUsers.Contain));
        Assert.Empty(ResponseTable.AssumedRoles.Preserve.Except(ResponseTable.AssumedRoles.Contain));
        Assert.Empty(ResponseTable.Buckets.Preserve.Except(ResponseTable.Buckets.Contain));
    }
}
