using System.Text.Json.Nodes;
using Steward.Core.Incidents;
using Steward.Testing;

namespace Steward.Tests.Incidents;

/// <summary>
/// Runtime Monitoring and EKS findings. The EKS audit finding is the elastic integration's transcription of GuardDuty's
/// (a sample as published, made real here); the runtime finding on an EKS node is the crypto-mining fixture re-shaped as
/// GuardDuty writes Runtime Monitoring's (resourceType EKSCluster, featureName RuntimeMonitoring, the node's
/// instanceDetails), since no public repository holds a real one. The container finding on an instance is a public one
/// (tests/data/guardduty/PROVENANCE.md).
/// </summary>
public class RuntimeFindingTests
{
    private readonly Bench _bench = new();

    private static JsonObject Real(JsonObject e)
    {
        e["detail"]!["accountId"] = "123456789012";
        e["detail"]!["region"] = "us-east-1";
        e["detail"]!["service"]!["additionalInfo"] = new JsonObject { ["sample"] = false };
        return e;
    }

    [Fact]
    public async Task A_runtime_finding_on_an_EKS_node_contains_the_node_like_any_instance()
    {
        _bench.Ec2.Add(FakeContainment.Instance("i-0node"));
        var e = Findings.About(Findings.CryptoMining, "i-0node", 8);
        e["detail"]!["resource"]!["resourceType"] = "EKSCluster";
        e["detail"]!["resource"]!["eksClusterDetails"] = new JsonObject { ["name"] = "payments-prod" };
        e["detail"]!["service"]!["featureName"] = "RuntimeMonitoring";

        var report = await _bench.Responder.RespondAsync(Findings.Parse(e), Findings.Bytes(e), default);

        Assert.Equal(ResponseLevel.Contain, report.Plan!.Level);
        Assert.Contains("i-0node", _bench.Ec2.Stopped);
        Assert.Contains(report.Plan.Reasons, r => r.Contains("every pod or task on it stops with it"));
    }

    /// <summary>elastic/integrations' Runtime Monitoring finding: a container on an instance talking to the Docker socket.</summary>
    private static JsonObject DockerSocketFinding(double? severity = null)
    {
        var path = Path.Combine(Fixtures.ProjectRoot, "tests", "data", "guardduty", "raw-privilegeescalation-runtime-dockersocketaccessed.TRANSCRIBED.elastic-integrations.json");
        var detail = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        (detail["accountId"], detail["region"]) = ("123456789012", "us-east-1");
        if (severity is { } s) detail["severity"] = s;
        return new JsonObject
        {
            ["version"] = "0", ["id"] = Guid.NewGuid().ToString(), ["detail-type"] = "GuardDuty Finding", ["source"] = "aws.guardduty",
            ["account"] = "123456789012", ["time"] = "2024-10-04T04:09:13Z", ["region"] = "us-east-1", ["resources"] = new JsonArray(), ["detail"] = detail,
        };
    }

    [Fact]
    public async Task A_public_runtime_finding_on_a_container_preserves_its_instance_at_its_own_Medium_severity()
    {
        _bench.Ec2.Add(FakeContainment.Instance("i-abcd1234"));
        var e = DockerSocketFinding();

        var report = await _bench.Responder.RespondAsync(Findings.Parse(e), Findings.Bytes(e), default);

        Assert.Equal(ResponseLevel.Preserve, report.Plan!.Level);
        Assert.Equal("i-abcd1234", report.Plan.InstanceId);
        Assert.Equal(ResponseTable.Instances.Preserve, report.Outcomes.Select(o => o.Step).Order());
        Assert.DoesNotContain("i-abcd1234", _bench.Ec2.Stopped);
    }

    [Fact]
    public async Task The_same_finding_made_High_contains_the_instance_and_every_container_on_it_stops_with_it()
    {
        _bench.Ec2.Add(FakeContainment.Instance("i-abcd1234"));
        var e = DockerSocketFinding(severity: 8);

        var report = await _bench.Responder.RespondAsync(Findings.Parse(e), Findings.Bytes(e), default);

        Assert.Equal(ResponseLevel.Contain, report.Plan!.Level);
        Assert.Contains("i-abcd1234", _bench.Ec2.Stopped);
        Assert.Contains(report.Plan.Reasons, r => r.Contains("runs the Container workload"));
    }

    [Fact]
    public async Task A_Kubernetes_audit_finding_changes_nothing_and_says_what_to_do()
    {
        var e = Real(Findings.Event("guardduty/raw-persistence-kubernetes-successfulanonymousaccess.TRANSCRIBED.elastic-integrations.json"));

        var report = await _bench.Responder.RespondAsync(Findings.Parse(e), Findings.Bytes(e), default);

        Assert.Equal(ResponseLevel.Notify, report.Plan!.Level);
        Assert.DoesNotContain(_bench.Ec2.Calls, c => !c.StartsWith("put ", StringComparison.Ordinal) && c != "publish");
        var why = Assert.Single(report.Plan.Reasons, r => r.StartsWith("a Kubernetes finding", StringComparison.Ordinal));
        Assert.Contains("user system:anonymous", why);
        Assert.Contains("cordon and drain the node", why);
    }

    [Fact]
    public void An_EKS_finding_without_Runtime_Monitoring_is_not_taken_for_an_instance_one_even_when_it_names_an_instance()
    {
        var e = Findings.About(Findings.CryptoMining, "i-0node", 8);
        e["detail"]!["resource"]!["resourceType"] = "EKSCluster";
        Assert.False(ContainmentPlanner.IsAboutAnInstance(Findings.Parse(e).Detail!));
    }
}
