using System.Text.Json.Nodes;
using Steward.Core.Incidents;
using Steward.Core.Incidents.Buckets;
using Steward.Core.Incidents.Credentials;
using Steward.Core.Observability;
using Steward.Core.Organizations;
using Steward.Core.Ports;
using Steward.Testing;
using Steward.Tests.Instances;

namespace Steward.Tests.Incidents;

/// <summary>
/// A sample finding (as GuardDuty's CreateSampleFindings makes them), or one about an account Steward does not act in,
/// leaves no trace, in every family: no change to any instance, user, role or bucket, and no evidence kept; people are
/// told once (the only object written is the notice, in Steward's own bucket, so a repeat is not told twice).
/// </summary>
public class SampleAndRefusedFindingsTests
{
    private const string Home = "123456789012";
    private const string Stranger = "333333333333";

    private readonly List<string> _calls = [];
    private readonly FakeContainment _ec2 = new();
    private readonly FakeIam _iam = new();
    private readonly FakeBuckets _s3 = new();
    private readonly FakeEvidence _evidence;
    private readonly RecordingAlerts _alerts;
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));

    public SampleAndRefusedFindingsTests()
    {
        _evidence = new FakeEvidence(_calls);
        _alerts = new RecordingAlerts(_calls);
    }

    private FindingEventHandler Handler()
    {
        var policy = new ResponsePolicy(Home, "us-east-1", false, ResponsePolicy.DefaultLevels);
        var log = new StructuredLog(new CheckedLogWriter(), _clock, "GuardDutyResponder");
        var members = MemberAccounts.None(Home);
        return new FindingEventHandler(
            new IncidentResponder(new HomeAccountOnly<IInstanceContainment>(Home, _ec2), members, _evidence, _alerts, new FakeFailedEvents(_calls), policy, _clock, log), log,
            new CredentialResponder(new HomeAccountOnly<IPrincipalContainment>(Home, _iam), members, _evidence, _alerts, policy, ["steward-prod-"], _clock, log),
            new BucketResponder(new HomeAccountOnly<IBucketContainment>(Home, _s3), members, _evidence, _alerts, policy, _clock, log));
    }

    /// <summary>Real findings from the fixtures, each about a resource that exists here, made High.</summary>
    private JsonObject Finding(string family, string account, bool sample)
    {
        JsonObject e;
        switch (family)
        {
            case "instance":
                _ec2.Add(FakeContainment.Instance("i-0a1b2c3d4e5f60718"));
                e = Findings.About(Findings.CryptoMining, "i-0a1b2c3d4e5f60718", 8);
                break;
            case "credential":
                _iam.AddUser("build-bot", "AKIAEXAMPLE0000001");
                e = Findings.Event("guardduty/eb-unauthorizedaccess-iamuser-toripcaller.cloud-custodian.json");
                e["detail"]!["resource"]!["accessKeyDetails"] = new JsonObject { ["accessKeyId"] = "AKIAEXAMPLE0000001", ["userName"] = "build-bot", ["userType"] = "IAMUser" };
                break;
            default:
                _s3.Buckets["exports"] = (null, []);
                e = Findings.Event("guardduty/raw-pentest-s3-parrotlinux.aws-samples-automated-response.json");
                e["detail"]!["resource"]!["s3BucketDetails"]![0]!["name"] = "exports";
                break;
        }
        var d = e["detail"]!.AsObject();
        (d["accountId"], d["region"], d["severity"], d["id"]) = (account, "us-east-1", 8, $"{family}-{account}-{sample}");
        d["service"]!["additionalInfo"] = new JsonObject { ["sample"] = sample };
        d["service"]!["archived"] = false; // the bucket fixture was archived when published
        return e;
    }

    [Theory]
    [InlineData("instance", Home, true)]
    [InlineData("instance", Stranger, false)]
    [InlineData("credential", Home, true)]
    [InlineData("credential", Stranger, false)]
    [InlineData("bucket", Home, true)]
    [InlineData("bucket", Stranger, false)]
    public async Task Leaves_no_trace_and_tells_people_once(string family, string account, bool sample)
    {
        var e = Finding(family, account, sample);

        var outcome = await Handler().HandleAsync(Findings.Bytes(e), CancellationToken.None);
        await Handler().HandleAsync(Findings.Bytes(e), CancellationToken.None); // GuardDuty's repeat, or Lambda's retry

        Assert.Equal("done", outcome.Status);
        Assert.Equal("Notify", outcome.Summary!["level"]);
        Assert.All(_ec2.Calls, c => Assert.StartsWith("describe ", c)); // reading is not a trace; nothing else is called
        Assert.Empty(_iam.Calls);
        Assert.Empty(_s3.Calls);
        Assert.Equal([$"findings/{e["detail"]!["id"]}/notice.json"], _evidence.Objects.Keys);
        var alert = Assert.Single(_alerts.Sent);
        Assert.Equal(sample, alert.Subject.StartsWith("[SAMPLE] ", StringComparison.Ordinal));
    }
}
