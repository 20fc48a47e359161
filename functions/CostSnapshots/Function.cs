using Steward.Core.Events;
using Steward.Core.Json;
using Steward.Core.Observability;

namespace Steward.CostSnapshots;

/// <summary>Entry point for the daily EventBridge schedule that takes the cost snapshot.</summary>
public sealed class Function
{
    private readonly StructuredLog _log;

    public Function() : this(StructuredLog.ToStdout(nameof(CostSnapshots))) { }

    public Function(StructuredLog log) => _log = log;

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

        _log.Info("schedule received", ("eventId", e.Id), ("time", e.Time), ("rule", e.Resources?.FirstOrDefault()));
        return new InvocationOutcome { Status = "done", EventId = e.Id, Summary = new() { ["time"] = e.Time ?? "" } };
    }
}
