using System.Text;
using Steward.Aws.Notifications;
using Steward.Core.Incidents;
using Steward.Testing;


namespace Steward.Tests.Incidents;

public class AlertComposerTests
{
    private static ContainmentPlan Plan(string type, string? instance = "i-00aa97663294ffbbd", NotifyKind notify = NotifyKind.Full) => new()
    {
        FindingId = "92c1a1d65b221e96d6a6fae27aaaae43", FindingType = type, Severity = 8, Band = SeverityBand.High, Level = ResponseLevel.Contain,
        InstanceId = instance, Steps = [], Notify = notify, Reasons = ["severity 8 is High"], Count = 3,
    };

    private static readonly StepOutcome[] AllDone = Enum.GetValues<ResponseStep>().Select(s => new StepOutcome(s, s != ResponseStep.SnapshotVolumes, "x")).ToArray();

    /// <summary>Each fixture's finding type, named by its fixture: two fixtures may share a type, and each case needs its own id.</summary>
    public static TheoryData<string, string> FindingTypes()
    {
        var data = new TheoryData<string, string>();
        foreach (var f in Fixtures.All("json").Where(f => f.StartsWith("guardduty"))) data.Add(f, Findings.Parse(Findings.Event(f)).Detail!.Type!);
        data.Add("a long future type", "UnauthorizedAccess:EC2/TorClient.SomeVeryLongFutureFindingTypeName!DNS");
        return data;
    }

    [Theory]
    [MemberData(nameof(FindingTypes))]
    public void The_SMS_stands_alone_in_one_140_byte_message_whatever_the_finding(string source, string type)
    {
        var alert = AlertComposer.Compose(Plan(type), "t", "d", AllDone, ["snap-1"], "s3://e/findings/x/", "us-east-1");
        Assert.True(Encoding.UTF8.GetByteCount(alert.Sms) is > 0 and <= 140, $"{source}: the SMS is {Encoding.UTF8.GetByteCount(alert.Sms)} bytes: {alert.Sms}");
        Assert.Contains("i-00aa97663294ffbbd", alert.Sms);
        Assert.Contains("stopped", alert.Sms);
        Assert.Contains("snapshots FAILED", alert.Sms);
        Assert.DoesNotContain('\n', alert.Sms);
    }

    [Theory]
    [MemberData(nameof(FindingTypes))]
    public void The_subject_is_what_SNS_accepts(string source, string type)
    {
        var subject = SnsNotifier.Subject(AlertComposer.Compose(Plan(type, "i-" + new string('f', 17)), "t", "d", [], [], null, "us-east-1").Subject);
        Assert.True(subject.Length < 100, $"{source}: the subject is {subject.Length} characters: {subject}");
        Assert.All(subject, c => Assert.InRange(c, ' ', '~'));
    }

    [Fact]
    public void The_email_carries_the_detail_the_actions_the_snapshots_the_evidence_and_the_console_link()
    {
        var alert = AlertComposer.Compose(Plan("CryptoCurrency:EC2/BitcoinTool.B!DNS"), "Bitcoin-related domain name queried", "EC2 instance is querying a bitcoin domain.",
            AllDone, ["snap-1", "snap-2"], "s3://evidence/findings/92c1/", "us-east-1");
        Assert.Contains("Title: Bitcoin-related domain name queried", alert.Email);
        Assert.Contains("Description: EC2 instance is querying a bitcoin domain.", alert.Email);
        Assert.Contains("SnapshotVolumes: FAILED", alert.Email);
        Assert.Contains("Stop: done", alert.Email);
        Assert.Contains("Snapshots: snap-1, snap-2", alert.Email);
        Assert.Contains("Evidence: s3://evidence/findings/92c1/", alert.Email);
        Assert.Contains("https://us-east-1.console.aws.amazon.com/guardduty/home?region=us-east-1#/findings?macros=current&fId=92c1a1d65b221e96d6a6fae27aaaae43", alert.Email);
    }

    [Fact]
    public void An_update_says_it_is_one()
    {
        var alert = AlertComposer.Compose(Plan("Trojan:EC2/DGADomainRequest.B", notify: NotifyKind.Update), "t", "d", [], [], null, "us-east-1");
        Assert.Contains("update", alert.Subject);
        Assert.Contains("seen again", alert.Sms);
        Assert.Contains("GuardDuty has now seen this activity 3 times", alert.Email);
    }
}
