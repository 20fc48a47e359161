using System.Globalization;
using Steward.Aws;
using Steward.Aws.Costs;
using Steward.Aws.Notifications;
using Steward.Core.Costs;
using Steward.Core.Events;
using Steward.Core.Json;
using Steward.Core.Observability;
using Steward.Core.Ports;

namespace Steward.CostSnapshots;

/// <summary>
/// Entry point for the daily EventBridge schedule: the report is for the day before the event's time (UTC), so firing the
/// schedule with a past time rebuilds a past day, and a second run in a day replaces that day's set. A run that cannot
/// finish throws: Lambda retries it, and the previous complete set stays in place.
/// </summary>
public sealed class Function
{
    public static IEnumerable<string> IamActions =>
        CostExplorerClient.IamActions.Concat(S3SnapshotStore.IamActions).Concat(SnsNotifier.IamActions).Distinct();

    private readonly Func<CostSnapshotter> _snapshotter;
    private readonly StructuredLog _log;

    public Function() : this(ProcessEnvironment.Instance, TimeProvider.System, StructuredLog.ToStdout(nameof(CostSnapshots))) { }

    private Function(IEnvironment env, TimeProvider clock, StructuredLog log)
    {
        var settings = Settings.From(env);
        var clients = new AwsClients(new AwsEnvironment(env));
        var s3 = clients.S3();
        var sns = clients.Signed(AwsService.Sns);
        var ce = clients.Signed(AwsService.CostExplorer);
        _log = log;
        // A new Cost Explorer adapter per run, so each run counts its own requests.
        _snapshotter = () => new CostSnapshotter(new CostExplorerClient(ce), new S3SnapshotStore(s3, settings.SnapshotBucket),
            new SnsNotifier(sns, settings.FinanceTopicArn), settings.Report, clock, log);
    }

    /// <summary>For tests: the report with fakes behind its ports.</summary>
    public Function(Func<CostSnapshotter> snapshotter, StructuredLog log)
    {
        _snapshotter = snapshotter;
        _log = log;
    }

    public async Task<Stream> Handle(Stream input)
    {
        var outcome = await Run(input).ConfigureAwait(false);
        return ResponseWriter.ToStream(outcome);
    }

    private async Task<InvocationOutcome> Run(Stream input)
    {
        var (e, error) = await EventReader.TryReadAsync(input, StewardJsonContext.Default.EventBridgeEventJsonElement).ConfigureAwait(false);
        if (e is null || !ScheduledEvent.IsScheduled(e))
        {
            var reason = error ?? $"expected an EventBridge '{ScheduledEvent.DetailType}' from '{ScheduledEvent.Source}', got '{e!.DetailType}' from '{e.Source}'";
            _log.Warn("event rejected", ("reason", reason));
            return InvocationOutcome.Rejected(reason, e?.Id);
        }
        if (!DateTimeOffset.TryParse(e.Time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            var reason = $"the scheduled event's time '{e.Time}' is not a time (e.g. 2026-03-03T06:00:00Z): the report's day cannot be known";
            _log.Warn("event rejected", ("reason", reason), ("eventId", e.Id));
            return InvocationOutcome.Rejected(reason, e.Id);
        }

        var day = DateOnly.FromDateTime(time.UtcDateTime).AddDays(-1);
        _log.Info("schedule received", ("eventId", e.Id), ("time", e.Time), ("day", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("rule", e.Resources?.FirstOrDefault()));
        var result = await _snapshotter().RunAsync(day, CancellationToken.None).ConfigureAwait(false);
        _log.Metric("CostReportsWritten", 1, "Count");
        _log.Metric("CostExplorerRequests", result.CostExplorerRequests, "Count");
        return new InvocationOutcome
        {
            Status = "done",
            EventId = e.Id,
            Summary = new()
            {
                ["day"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["report"] = result.Location + "report.html", ["manifest"] = result.ManifestKey,
                ["total"] = result.Report.Totals.Day.ToString(CultureInfo.InvariantCulture), ["monthEndForecast"] = result.Report.Forecast.MonthEnd.ToString(CultureInfo.InvariantCulture),
                ["anomalies"] = result.Report.Anomalies.Count.ToString(CultureInfo.InvariantCulture), ["costExplorerRequests"] = result.CostExplorerRequests.ToString(CultureInfo.InvariantCulture),
                ["monthClosed"] = result.MonthClosed ? "true" : "false", ["headline"] = FinanceMessage.Subject(result.Report),
            },
        };
    }
}
