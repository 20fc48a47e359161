using System.Text.Json;
using Steward.Aws;
using Steward.Aws.Instances;
using Steward.Aws.Events;
using Steward.Aws.Notifications;
using Steward.Aws.Organizations;
using Steward.Core.Events;
using Steward.Core.Instances;
using Steward.Core.Instances.RequestItems;
using Steward.Core.Json;
using Steward.Core.Observability;
using Steward.Core.Organizations;
using Steward.Core.Ports;

namespace Steward.InstanceRequests;

/// <summary>
/// Entry point for the instance-request API (API Gateway REST proxy, called by ServiceNow) and for the daily lease sweep
/// (an EventBridge schedule). Wiring: the clients and settings, then each event handed to <see cref="InstanceEventHandler"/>.
/// </summary>
public sealed class Function
{
    /// <summary>Every AWS action this function's adapters call; the template must grant exactly these (a test checks).</summary>
    public static IEnumerable<string> IamActions =>
        Ec2InstanceFleet.IamActions.Concat(SsmImageCatalog.IamActions).Concat(SsmApiKeyStore.IamActions)
            .Concat(DynamoDbIdempotencyStore.IamActions).Concat(DynamoDbServerPlacements.IamActions).Concat(SnsNotifier.IamActions)
            .Concat(MemberRoles<Ec2InstanceFleet>.IamActions).Concat(OrganizationsAccountDirectory.IamActions)
            .Concat(SqsRequestItemOutbox.IamActions).Concat(SqsRequestItemOutbox.EventSourceIamActions).Concat(ServiceNowTableClient.IamActions).Concat(SqsFailedEventStore.IamActions).Distinct();

    /// <summary>What this function does in a member account, through its member role (member/template.yaml grants exactly these).</summary>
    public static IEnumerable<string> MemberIamActions => Ec2InstanceFleet.IamActions;

    private readonly InstanceEventHandler _events;

    /// <summary>Lambda's constructor: settings checked and clients built once per execution environment.</summary>
    public Function() : this(ProcessEnvironment.Instance, TimeProvider.System, StructuredLog.ToStdout(nameof(InstanceRequests))) { }

    private Function(IEnvironment env, TimeProvider clock, StructuredLog log)
    {
        var settings = Settings.From(env);
        var aws = new AwsEnvironment(env);
        var clients = new AwsClients(aws);
        var ec2 = clients.Ec2();
        var ssm = clients.Ssm();
        var home = new Ec2LaunchSettings(settings.SubnetId, settings.SecurityGroupIds);
        // A member account's servers go in its own subnet (MemberSubnets) or its default VPC: the hub's network is not theirs.
        Ec2LaunchSettings In(string account) => account == settings.AccountId ? home
            : new Ec2LaunchSettings(settings.MemberSubnets?.GetValueOrDefault(account), []);
        IAccountAccess<IInstanceFleet> fleets = settings.Members?.RoleArn is { } roleArn
            ? new MemberRoles<IInstanceFleet>(clients, settings.AccountId, roleArn, (c, account) => new Ec2InstanceFleet(account == settings.AccountId ? ec2 : c.Ec2(), In(account)), clock)
            : new HomeAccountOnly<IInstanceFleet>(settings.AccountId, new Ec2InstanceFleet(ec2, home));
        var outbox = settings.ServiceNow is { } s ? new SqsRequestItemOutbox(clients.Sqs(), s.OutboxQueueUrl) : null;
        var lifecycle = new InstanceLifecycle(
            new SsmImageCatalog(ssm, ec2, settings.ImageParameterPrefix),
            fleets, MemberAccounts.Parse(settings.AccountId, settings.Members?.Accounts, new OrganizationsAccountDirectory(clients.Signed(AwsService.Organizations))),
            new DynamoDbServerPlacements(clients.DynamoDb(), settings.IdempotencyTable, clock),
            new DynamoDbIdempotencyStore(clients.DynamoDb(), settings.IdempotencyTable, keepAnswersFor: TimeSpan.FromDays(7), claimTimeout: TimeSpan.FromMinutes(2)),
            new SnsNotifier(clients.Signed(AwsService.Sns), settings.LeaseTopicArn),
            Prices(aws.Region), settings.Options, clock, outbox);
        var api = new InstanceApi(lifecycle, new SsmApiKeyStore(ssm, settings.ApiKeysParameter, clock, TimeSpan.FromMinutes(5)), new CredentialGuard(clock));
        var table = settings.ServiceNow is { } sn ? new ServiceNowTableClient(new HttpClient { Timeout = TimeSpan.FromSeconds(10) }, sn.InstanceUrl,
            new SsmSecureParameter(ssm, sn.CredentialParameter, "the integration user's user:password", clock, TimeSpan.FromMinutes(5))) : null;
        _events = new InstanceEventHandler(lifecycle, api, log,
            table is null ? null : new RequestItemWriter(table, new SqsFailedEventStore(clients.Sqs(), settings.ServiceNow!.FailedEventsQueueUrl), log), outbox);
    }

    // A quote is the price in the region the server is built in; a region Steward ships no catalog for fails the init in
    // words (Lambda reports it) rather than quoting another region's prices.
    private static PriceTable Prices(string region)
    {
        try { return PriceTable.Load(region); }
        catch (Steward.Core.Pricing.UnknownRegionException e) { throw new ConfigurationException(e.Message); }
    }

    /// <summary>For tests: the domain with fakes behind its ports.</summary>
    public Function(InstanceLifecycle lifecycle, IApiKeyStore keys, StructuredLog log, CredentialGuard? guard = null) =>
        _events = new InstanceEventHandler(lifecycle, new InstanceApi(lifecycle, keys, guard ?? new CredentialGuard(TimeProvider.System)), log);

    public async Task<Stream> Handle(Stream input) => (await _events.HandleAsync(input, CancellationToken.None)).Write();
}
