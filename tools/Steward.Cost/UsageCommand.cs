using System.CommandLine;
using Steward.Aws;
using Steward.Changes;
using Steward.Cost.Aws;

namespace Steward.Cost;

/// <summary>
/// <c>steward-cost usage --stack NAME</c>: writes a usage file from a deployed stack's last 30 days of CloudWatch metrics
/// (needs cloudformation:DescribeStackResources and cloudwatch:GetMetricStatistics), ready for <c>--usage-file</c>.
/// </summary>
public static class UsageCommand
{
    public static Command Create()
    {
        var stack = new Option<string>("--stack") { Description = "The deployed stack's name", Required = true };
        var days = new Option<int>("--days") { Description = "How many days of metrics to read (1-63)", DefaultValueFactory = _ => 30 };
        var output = new Option<string?>("--out-file") { Description = "Write the usage file here instead of standard output" };
        var usage = new Command("usage", "Write a usage file from a deployed stack's CloudWatch metrics (Lambda invocations and duration, API requests, S3 bytes, DynamoDB units, …)");
        foreach (var o in new Option[] { stack, days, output }) usage.Add(o);
        usage.SetAction((parse, ct) => RunAsync(parse.GetValue(stack)!, parse.GetValue(days), parse.GetValue(output), ct));
        return usage;
    }

    private static async Task<int> RunAsync(string stack, int days, string? output, CancellationToken ct)
    {
        if (days is < 1 or > 63)
        {
            Console.Error.WriteLine("steward-cost: --days must be 1 to 63 (CloudWatch keeps daily datapoints of the last 63 days at one-minute resolution or finer)");
            return 2;
        }
        var clients = AwsClients.FromProcess();
        using var cloudFormation = clients.Signed(AwsService.CloudFormation);
        using var cloudWatch = clients.Signed(AwsService.CloudWatch);
        string text;
        try
        {
            var resources = await new CloudFormationStacks(cloudFormation).ResourcesAsync(stack, ct);
            text = await new StackUsage(new CloudWatchMetrics(cloudWatch)).UsageFileAsync(stack, resources, DateTimeOffset.UtcNow, days, ct);
        }
        catch (Exception e) when (e is Steward.Core.Ports.DependencyFailed or Steward.Core.Ports.Throttled or HttpRequestException or Steward.Core.Ports.ConfigurationException)
        {
            Console.Error.WriteLine($"steward-cost: could not read stack {stack}: {e.Message}");
            return 2;
        }
        if (output is null) Console.Write(text);
        else await File.WriteAllTextAsync(output, text, ct);
        return 0;
    }
}
