using System.Globalization;
using Steward.Core.Events;
using Steward.Core.Json;
using Steward.Core.Observability;

namespace Steward.Core.Costs;

/// <summary>
/// What the cost report answers for the daily EventBridge schedule: the report is for the day before the event's time
/// (UTC), so firing the schedule with a past time rebuilds a past day, and a second run in a day replaces that day's set.
/// Anything but the schedule is rejected, nothing written. A run that cannot finish throws: Lambda retries it, and the
/// previous complete set stays in place.
/// </summary>
/// <param name="snapshotter">A new snapshotter per run, so each run counts its own Cost Explorer requests.</param>
public sealed class CostEventHandler(Func<CostSnapshotter> snapshotter, StructuredLog log)
{
    public async Task<InvocationOutcome> HandleAsync(Stream input, CancellationToken ct)
    {
        var (e, error) = await EventReader.TryReadAsync(input, StewardJsonContext.Default.EventBridgeEventJsonElement).ConfigureAwait(false);
        if (e is null || !ScheduledEvent.IsScheduled(e))
        {
            var reason = error ?? $"expected an EventBridge '{ScheduledEvent.DetailType}' from '{ScheduledEvent.Source}', got '{e!.DetailType}' from '{e.Source}'";
            log.Warn("event rejected", ("reason", reason));
            return InvocationOutcome.Rejected(reason, e?.Id);
        }
        if (!DateTimeOffset.TryParse(e.Time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            var reason = $"the scheduled event's time '{e.Time}' is not a time (e.g. 2026-03-03T06:00:00Z): the report's day cannot be known";
            log.Warn("event rejected", ("reason", reason), ("eventId", e.Id));
            return InvocationOutcome.Rejected(reason, e.Id);
        }

        var day = DateOnly.FromDateTime(time.UtcDateTime).AddDays(-1);
        log.Info("schedule received", ("eventId", e.Id), ("time", e.Time), ("day", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("rule", e.Resources?.FirstOrDefault()));
        var result = await snapshotter().RunAsync(day, ct).ConfigureAwait(false);
        log.Metric("CostReportsWritten", 1, "Count");
        log.Metric("CostExplorerRequests", result.CostExplorerRequests, "Count");
        return new InvocationOutcome
        {
            Status = "done",
            EventId = e.Id,
            Summary = new()
            {
                ["day"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["report"] = result.Location + "report.html", ["manifest"] = result.ManifestKey,
                ["total"] = result.Report.Totals.Day.Billed.ToString(CultureInfo.InvariantCulture), ["usage"] = result.Report.Totals.DayUsage.ToString(CultureInfo.InvariantCulture), ["monthEndForecast"] = result.Report.Forecast.MonthEnd.ToString(CultureInfo.InvariantCulture),
                ["anomalies"] = result.Report.Anomalies.Count.ToString(CultureInfo.InvariantCulture), ["costExplorerRequests"] = result.CostExplorerRequests.ToString(CultureInfo.InvariantCulture),
                ["monthClosed"] = result.MonthClosed ? "true" : "false", ["headline"] = FinanceMessage.Subject(result.Report),
            },
        };
    }
}
