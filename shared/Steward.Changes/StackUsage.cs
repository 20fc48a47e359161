using System.Globalization;
using System.Text;

namespace Steward.Changes;

/// <summary>A resource of a deployed stack: its logical id (the name steward-cost prices it by), type and physical id.</summary>
public sealed record StackResource(string LogicalId, string Type, string PhysicalId);

/// <summary>One CloudWatch metric over a time window: its sum, its average, or its last daily average.</summary>
public interface IMetrics
{
    Task<decimal?> SumAsync(string ns, string metric, IReadOnlyDictionary<string, string> dimensions, DateTimeOffset from, DateTimeOffset to, CancellationToken ct);
    Task<decimal?> AverageAsync(string ns, string metric, IReadOnlyDictionary<string, string> dimensions, DateTimeOffset from, DateTimeOffset to, CancellationToken ct);
    Task<decimal?> LatestDailyAverageAsync(string ns, string metric, IReadOnlyDictionary<string, string> dimensions, DateTimeOffset from, DateTimeOffset to, CancellationToken ct);
}

/// <summary>
/// A usage file that need not be guessed: a deployed stack's last <c>days</c> of CloudWatch metrics, scaled to a 730-hour
/// month, under Infracost's usage keys and the stack's logical ids. Lambda: invocations and mean duration; HTTP APIs:
/// requests; S3: the bucket's Standard bytes (the latest daily figure) and objects; DynamoDB: consumed read and write units;
/// SQS: messages sent, received and deleted; SNS: messages published; log groups: bytes ingested. What the metrics cannot
/// tell (REST APIs' metrics are by API name, not id) is written as a comment to fill by hand.
/// </summary>
public sealed class StackUsage(IMetrics metrics)
{
    public async Task<string> UsageFileAsync(string stack, IReadOnlyList<StackResource> resources, DateTimeOffset now, int days, CancellationToken ct)
    {
        var from = now.AddDays(-days);
        var toMonth = 730m / 24 / days;
        var sb = new StringBuilder();
        sb.AppendLine($"# steward-cost usage --stack {stack}: the last {days} days of CloudWatch metrics to {now:yyyy-MM-dd HH:mm}Z, scaled to a 730-hour month.");
        sb.AppendLine("version: 0.1");
        sb.AppendLine("resource_usage:");
        foreach (var r in resources.OrderBy(r => r.LogicalId, StringComparer.Ordinal))
        {
            var values = new List<(string Key, decimal? Value)>();
            string? note = null;
            async Task<decimal?> Sum(string ns, string metric, string dimension, string value) =>
                await metrics.SumAsync(ns, metric, new Dictionary<string, string> { [dimension] = value }, from, now, ct) * toMonth;
            switch (r.Type)
            {
                case "AWS::Lambda::Function":
                    values.Add(("monthly_requests", await Sum("AWS/Lambda", "Invocations", "FunctionName", r.PhysicalId)));
                    values.Add(("request_duration_ms", await metrics.AverageAsync("AWS/Lambda", "Duration", new Dictionary<string, string> { ["FunctionName"] = r.PhysicalId }, from, now, ct)));
                    break;
                case "AWS::ApiGatewayV2::Api":
                    values.Add(("monthly_requests", await Sum("AWS/ApiGateway", "Count", "ApiId", r.PhysicalId)));
                    break;
                case "AWS::ApiGateway::RestApi":
                    note = "REST API metrics are kept by API name, not id: give monthly_requests from the API's Count metric";
                    break;
                case "AWS::S3::Bucket":
                    var bytes = await metrics.LatestDailyAverageAsync("AWS/S3", "BucketSizeBytes",
                        new Dictionary<string, string> { ["BucketName"] = r.PhysicalId, ["StorageType"] = "StandardStorage" }, from, now, ct);
                    values.Add(("standard.storage_gb", bytes / 1073741824m));
                    break;
                case "AWS::DynamoDB::Table":
                    values.Add(("monthly_write_request_units", await Sum("AWS/DynamoDB", "ConsumedWriteCapacityUnits", "TableName", r.PhysicalId)));
                    values.Add(("monthly_read_request_units", await Sum("AWS/DynamoDB", "ConsumedReadCapacityUnits", "TableName", r.PhysicalId)));
                    break;
                case "AWS::SQS::Queue":
                    var queue = r.PhysicalId[(r.PhysicalId.LastIndexOf('/') + 1)..];
                    decimal? requests = null;
                    foreach (var m in new[] { "NumberOfMessagesSent", "NumberOfMessagesReceived", "NumberOfMessagesDeleted" })
                        if (await Sum("AWS/SQS", m, "QueueName", queue) is { } n) requests = (requests ?? 0) + n;
                    values.Add(("monthly_requests", requests));
                    break;
                case "AWS::SNS::Topic":
                    values.Add(("monthly_requests", await Sum("AWS/SNS", "NumberOfMessagesPublished", "TopicName", r.PhysicalId[(r.PhysicalId.LastIndexOf(':') + 1)..])));
                    break;
                case "AWS::Logs::LogGroup":
                    values.Add(("monthly_data_ingested_gb", await Sum("AWS/Logs", "IncomingBytes", "LogGroupName", r.PhysicalId) / 1073741824m));
                    break;
                default:
                    continue;
            }
            sb.AppendLine($"  {r.LogicalId}:{(note is null ? "" : $" # {note}")}");
            string? group = null;
            foreach (var (key, value) in values)
            {
                var dot = key.IndexOf('.');
                var (section, name) = dot > 0 ? (key[..dot], key[(dot + 1)..]) : (null, key);
                if (section is not null && section != group) sb.AppendLine($"    {section}:");
                group = section;
                var indent = section is null ? "    " : "      ";
                sb.AppendLine(value is { } v
                    ? $"{indent}{name}: {Math.Round(v, 4).ToString("0.####", CultureInfo.InvariantCulture)}"
                    : $"{indent}# {name}: no datapoints in the last {days} days");
            }
        }
        return sb.ToString();
    }
}
