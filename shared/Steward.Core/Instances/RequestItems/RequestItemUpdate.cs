using System.Globalization;
using System.Text.Json.Serialization;
using Steward.Core.Ports;

namespace Steward.Core.Instances.RequestItems;

/// <summary>What happened to a request item's server, in the order it happened.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RequestItemEvent>))]
public enum RequestItemEvent { Launched, Running, Failed, Decommissioned }

/// <summary>
/// One update of a ServiceNow request item (<c>sc_req_item</c>): a work note, and the item's new state where the catalog
/// item asks Steward to close it. Goes through the outbox (a FIFO queue, one group per item, so no update overtakes an
/// earlier one) and is written by <see cref="RequestItemWriter"/>; a build never waits on ServiceNow.
/// </summary>
/// <param name="SysId">The RITM's <c>sys_id</c> (32 hex digits), as the RunScript sends it.</param>
/// <param name="State">The item's new <c>state</c>: 2 work in progress, 3 closed complete, 4 closed incomplete; null leaves it.</param>
public sealed record RequestItemUpdate(
    [property: JsonPropertyName("sysId")] string SysId,
    [property: JsonPropertyName("requestNumber")] string RequestNumber,
    [property: JsonPropertyName("event")] RequestItemEvent Event,
    [property: JsonPropertyName("workNote")] string WorkNote,
    [property: JsonPropertyName("state")] string? State,
    [property: JsonPropertyName("at")] DateTimeOffset At)
{
    /// <summary>The fields the Table API's PATCH sets.</summary>
    public IReadOnlyDictionary<string, string> Fields => State is null
        ? new Dictionary<string, string> { ["work_notes"] = WorkNote }
        : new Dictionary<string, string> { ["work_notes"] = WorkNote, ["state"] = State };
}

/// <summary>The request item's states Steward sets (sc_req_item's choice list).</summary>
public static class RequestItemStates
{
    public const string WorkInProgress = "2";
    public const string ClosedComplete = "3";
    public const string ClosedIncomplete = "4";
}

/// <summary>The work notes, in words a requester and a ServiceNow fulfiller read.</summary>
public static class RequestItemNotes
{
    public static RequestItemUpdate Launched(string sysId, string number, string? account, ServerInstance instance, string imageId, string operatingSystem, CostEstimate quote, DateTimeOffset at) =>
        new(sysId, number, RequestItemEvent.Launched,
            $"Steward launched {instance.InstanceId} for {number}: {instance.InstanceType}, {operatingSystem} (image {imageId}){In(account)}. " +
            $"Quoted {Money.Exact(quote.MonthlyTotal, quote.Currency)} a month ({quote.HourlyRate.ToString("0.####", CultureInfo.InvariantCulture)} {quote.Currency} an hour, prices of {quote.PriceDate}). " +
            "Steward adds a note when it is running.",
            RequestItemStates.WorkInProgress, at);

    /// <param name="close">The catalog item asked Steward to close the item once the server runs (<c>close_item</c>).</param>
    public static RequestItemUpdate Running(string sysId, string number, string? account, string region, ServerInstance instance, bool close, DateTimeOffset at) =>
        new(sysId, number, RequestItemEvent.Running,
            $"{instance.InstanceId} is running{In(account)}: private IP {instance.PrivateIp ?? "(none yet)"}. " +
            $"Console: https://{region}.console.aws.amazon.com/ec2/home?region={region}#InstanceDetails:instanceId={instance.InstanceId}. " +
            $"Monthly cost as quoted: {instance.Tags.GetValueOrDefault(InstanceTags.MonthlyQuote, "unknown")}; lease ends {instance.Tags.GetValueOrDefault(InstanceTags.LeaseEnd, "never")}.",
            close ? RequestItemStates.ClosedComplete : null, at);

    public static RequestItemUpdate Failed(string sysId, string number, string reason, bool close, DateTimeOffset at) =>
        new(sysId, number, RequestItemEvent.Failed, $"Steward could not build the server for {number}: {reason}. Nothing was left half-built.",
            close ? RequestItemStates.ClosedIncomplete : null, at);

    public static RequestItemUpdate Decommissioned(string sysId, string number, string instanceId, IReadOnlyList<string>? snapshots, DateTimeOffset at) =>
        new(sysId, number, RequestItemEvent.Decommissioned,
            $"Steward decommissioned {instanceId} for {number}: it is terminating" +
            (snapshots is { Count: > 0 } ? $"; its disks are kept as snapshots {string.Join(", ", snapshots)}." : "; no snapshot was asked for, so its disks go with it."),
            null, at);

    private static string In(string? account) => account is null ? "" : $" in account {account}";
}

/// <summary>Where updates wait for ServiceNow: a FIFO queue in AWS, grouped by item.</summary>
public interface IRequestItemOutbox
{
    Task SendAsync(RequestItemUpdate update, CancellationToken ct);
}

/// <summary>No ServiceNow to write to (ServiceNowInstanceUrl is empty): updates are not kept.</summary>
public sealed class NoRequestItemOutbox : IRequestItemOutbox
{
    public static readonly NoRequestItemOutbox Instance = new();
    public Task SendAsync(RequestItemUpdate update, CancellationToken ct) => Task.CompletedTask;
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RequestItemUpdate))]
public sealed partial class RequestItemJsonContext : JsonSerializerContext;
