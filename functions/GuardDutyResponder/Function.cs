using Steward.Aws;
using Steward.Aws.Events;
using Steward.Aws.Incidents;
using Steward.Aws.Notifications;
using Steward.Aws.Organizations;
using Steward.Core.Events;
using Steward.Core.Incidents;
using Steward.Core.Incidents.Buckets;
using Steward.Core.Incidents.Credentials;
using Steward.Core.Json;
using Steward.Core.Observability;
using Steward.Core.Organizations;
using Steward.Core.Ports;

namespace Steward.GuardDutyResponder;

/// <summary>
/// Entry point for GuardDuty findings delivered by the template's EventBridge rule (<c>source = aws.guardduty</c>,
/// <c>detail-type = GuardDuty Finding</c>), and for the documented release event
/// (<c>{"steward-action":"release","findingId":…,"instanceId":…}</c>). A foreign event is logged and rejected with no side
/// effects; a GuardDuty finding that cannot be read is kept on the failed-events queue and people are told; a failed
/// containment throws, so Lambda retries and the dead-letter queue keeps the event.
/// </summary>
public sealed class Function
{
    public static IEnumerable<string> IamActions =>
        Ec2Containment.IamActions.Concat(S3EvidenceStore.IamActions).Concat(SnsAlertPublisher.IamActions).Concat(SqsFailedEventStore.IamActions)
            .Concat(MemberRoles<Ec2Containment>.IamActions).Concat(OrganizationsAccountDirectory.IamActions).Concat(IamPrincipalContainment.IamActions)
            .Concat(S3BucketContainment.IamActions).Distinct();

    /// <summary>What the responder does in a member account, through the member role (member/template.yaml grants exactly these).</summary>
    public static IEnumerable<string> MemberIamActions => Ec2Containment.IamActions.Concat(IamPrincipalContainment.IamActions).Concat(S3BucketContainment.IamActions);

    private readonly FindingEventHandler _events;

    public Function() : this(ProcessEnvironment.Instance, TimeProvider.System, StructuredLog.ToStdout(nameof(GuardDutyResponder))) { }

    private Function(IEnvironment env, TimeProvider clock, StructuredLog log)
    {
        var settings = Settings.From(env);
        var clients = new AwsClients(new AwsEnvironment(env));
        var home = settings.Policy.AccountId;
        // One member-role session per account and finding serves the three kinds of response.
        static Adapters Over(AwsClients c) => new(new Ec2Containment(c.Ec2()), new IamPrincipalContainment(c.Signed(AwsService.Iam)), new S3BucketContainment(c.S3()));
        IAccountAccess<Adapters> accounts = settings.Members.RoleArn is { } roleArn
            ? new MemberRoles<Adapters>(clients, home, roleArn, (c, _) => Over(c), clock)
            : new HomeAccountOnly<Adapters>(home, Over(clients));
        var members = MemberAccounts.Parse(home, settings.Members.Accounts, new OrganizationsAccountDirectory(clients.Signed(AwsService.Organizations)));
        var evidence = new S3EvidenceStore(clients.S3(), settings.EvidenceBucket);
        var alerts = new SnsAlertPublisher(clients.Signed(AwsService.Sns), settings.AlertTopicArn);
        _events = new FindingEventHandler(new IncidentResponder(accounts.Select(a => a.Ec2), members, evidence, alerts,
            new SqsFailedEventStore(clients.Sqs(), settings.FailedEventsQueueUrl), settings.Policy, clock, log), log,
            new CredentialResponder(accounts.Select(a => a.Iam), members, evidence, alerts, settings.Policy, settings.ProtectedRolePrefixes, clock, log),
            new BucketResponder(accounts.Select(a => a.S3), members, evidence, alerts, settings.Policy, clock, log));
    }

    /// <summary>For tests: the responders with fakes behind their ports.</summary>
    public Function(IncidentResponder responder, StructuredLog log, CredentialResponder? credentials = null)
    {
        _events = new FindingEventHandler(responder, log, credentials);
    }

    private sealed record Adapters(IInstanceContainment Ec2, IPrincipalContainment Iam, IBucketContainment S3);

    public async Task<Stream> Handle(Stream input)
    {
        using var buffer = new MemoryStream();
        await input.CopyToAsync(buffer);
        var raw = buffer.ToArray();
        return ResponseWriter.ToStream(await _events.HandleAsync(raw, CancellationToken.None));
    }
}
