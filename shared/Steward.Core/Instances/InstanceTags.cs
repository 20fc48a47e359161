using System.Globalization;
using Steward.Core.Ports;

namespace Steward.Core.Instances;

/// <summary>
/// The tags every server carries, so finance can allocate it and Steward can find it again: state lives in AWS, not in a
/// database of ours.
/// </summary>
public static class InstanceTags
{
    public const string CostCenter = "CostCenter";
    public const string Owner = "Owner";
    public const string Application = "Application";
    public const string Environment = "Environment";
    public const string ServiceNowRequest = "ServiceNowRequest";
    public const string ManagedBy = "ManagedBy";
    public const string ManagedByValue = "steward";
    public const string Name = "Name";
    public const string OperatingSystem = "steward:os";
    public const string MonthlyQuote = "steward:quote-monthly";
    public const string HourlyRate = "steward:quote-hourly";
    public const string PriceDate = "steward:price-date";
    public const string LeaseEnd = "steward:lease-end";
    public const string LeaseExpired = "steward:lease-expired";
    public const string Fingerprint = "steward:request-fingerprint";
    public const string Approval = "steward:approval";
    /// <summary>The request item's sys_id: later updates (running, decommissioned) find their item by it.</summary>
    public const string RequestItemSysId = "steward:servicenow-sys-id";
    /// <summary>"true" when the catalog item asked Steward to close the item once the server runs.</summary>
    public const string CloseItem = "steward:close-item";

    public static Dictionary<string, string> For(InstanceRequest request, string requestNumber, CostEstimate quote, DateTimeOffset leaseEnd)
    {
        var tags = new Dictionary<string, string>
        {
            [Name] = $"{request.Application}-{requestNumber}",
            [CostCenter] = request.CostCenter,
            [Owner] = request.Owner,
            [Application] = request.Application,
            [Environment] = request.Environment,
            [ServiceNowRequest] = requestNumber,
            [ManagedBy] = ManagedByValue,
            [OperatingSystem] = request.OperatingSystem.Id,
            [MonthlyQuote] = $"{quote.MonthlyTotal.ToString("0.00", CultureInfo.InvariantCulture)} {quote.Currency}",
            [HourlyRate] = quote.HourlyRate.ToString(CultureInfo.InvariantCulture),
            [PriceDate] = quote.PriceDate,
            [LeaseEnd] = leaseEnd.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            [Fingerprint] = request.Fingerprint,
        };
        if (request.ApprovalReference is { } approval) tags[Approval] = approval;
        if (request.RequestItemSysId is { } sysId) tags[RequestItemSysId] = sysId;
        if (request.CloseItem) tags[CloseItem] = "true";
        return tags;
    }

    public static DateTimeOffset? LeaseEndOf(ServerInstance instance) =>
        instance.Tags.TryGetValue(LeaseEnd, out var text) &&
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var end) ? end : null;
}
