using Steward.Aws;
using Steward.Aws.Costs;
using Steward.Aws.Notifications;
using Steward.Aws.Organizations;
using Steward.Core.Costs;
using Steward.Core.Events;
using Steward.Core.Json;
using Steward.Core.Observability;
using Steward.Core.Ports;

namespace Steward.CostSnapshots;

/// <summary>
/// Entry point for the daily EventBridge schedule. Wiring: the clients and settings, then the event handed to
/// <see cref="CostEventHandler"/>, which builds the day's cost report.
/// </summary>
public sealed class Function
{
    public static IEnumerable<string> IamActions =>
        CostExplorerClient.IamActions.Concat(S3SnapshotStore.IamActions).Concat(SnsNotifier.IamActions).Concat(OrganizationsAccountDirectory.IamActions).Distinct();

    private readonly CostEventHandler _events;

    public Function() : this(ProcessEnvironment.Instance, TimeProvider.System, StructuredLog.ToStdout(nameof(CostSnapshots))) { }

    private Function(IEnvironment env, TimeProvider clock, StructuredLog log)
    {
        var settings = Settings.From(env);
        var clients = new AwsClients(new AwsEnvironment(env));
        var s3 = clients.S3();
        var sns = clients.Signed(AwsService.Sns);
        var ce = clients.Signed(AwsService.CostExplorer);
        var organizations = new OrganizationsAccountDirectory(clients.Signed(AwsService.Organizations));
        // A new Cost Explorer adapter per run, so each run counts its own requests.
        _events = new CostEventHandler(() => new CostSnapshotter(new CostExplorerClient(ce), new S3SnapshotStore(s3, settings.SnapshotBucket),
            new SnsNotifier(sns, settings.FinanceTopicArn), settings.Report, clock, log, organizations), log);
    }

    /// <summary>For tests: the report with fakes behind its ports.</summary>
    public Function(Func<CostSnapshotter> snapshotter, StructuredLog log) => _events = new CostEventHandler(snapshotter, log);

    public async Task<Stream> Handle(Stream input) => ResponseWriter.ToStream(await _events.HandleAsync(input, CancellationToken.None).ConfigureAwait(false));
}
