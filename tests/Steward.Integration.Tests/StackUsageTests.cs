using System.Globalization;
using Steward.Testing;

namespace Steward.Integration.Tests;

/// <summary>
/// <c>steward-cost usage --stack</c> against moto: a stack created with CloudFormation, metrics in moto's CloudWatch, and the
/// usage file it writes priced by <c>breakdown</c>, as a user closes the loop from a deployed stack to its estimate.
/// </summary>
public class StackUsageTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    private const string Template = """
        Resources:
          Orders:
            Type: AWS::DynamoDB::Table
            Properties:
              BillingMode: PAY_PER_REQUEST
              AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
              KeySchema: [{ AttributeName: id, KeyType: HASH }]
          Work:
            Type: AWS::SQS::Queue
          Handler:
            Type: AWS::Lambda::Function
            Properties:
              Runtime: python3.12
              Handler: index.handler
              MemorySize: 512
              Role: !GetAtt HandlerRole.Arn
              Code: { ZipFile: "def handler(event, context): return 1" }
          HandlerRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: "2012-10-17"
                Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }]
        """;

    [Fact]
    public async Task A_stacks_metrics_become_a_usage_file_that_prices_its_usage()
    {
        var dir = Directory.CreateTempSubdirectory("steward-usage-").FullName;
        var template = Path.Combine(dir, "stack.yaml");
        await File.WriteAllTextAsync(template, Template);
        var created = await Commands.Aws(moto.Endpoint, "cloudformation", "create-stack", "--stack-name", "shop", "--template-body", $"file://{template}");
        Assert.True(created.ExitCode == 0, created.Stderr);
        var complete = await Commands.Aws(moto.Endpoint, "cloudformation", "wait", "stack-create-complete", "--stack-name", "shop");
        Assert.True(complete.ExitCode == 0, complete.Stderr);
        var resources = await Commands.Aws(moto.Endpoint, "cloudformation", "describe-stack-resources", "--stack-name", "shop",
            "--query", "StackResources[?LogicalResourceId=='Handler'].PhysicalResourceId", "--output", "text");
        var function = resources.Stdout.Trim();
        var table = (await Commands.Aws(moto.Endpoint, "cloudformation", "describe-stack-resources", "--stack-name", "shop",
            "--query", "StackResources[?LogicalResourceId=='Orders'].PhysicalResourceId", "--output", "text")).Stdout.Trim();
        Assert.Matches("^shop-", function);
        Assert.Matches("^shop-", table);
        // 30 days of traffic as CloudWatch holds it: 720,000 invocations of 250 ms on average, 1.44M writes.
        foreach (var (ns, metric, dimension, value, unit) in new[]
                 {
                     ("AWS/Lambda", "Invocations", $"FunctionName={function}", 720_000m, "Count"),
                     ("AWS/Lambda", "Duration", $"FunctionName={function}", 200m, "Milliseconds"),
                     ("AWS/Lambda", "Duration", $"FunctionName={function}", 300m, "Milliseconds"),
                     ("AWS/DynamoDB", "ConsumedWriteCapacityUnits", $"TableName={table}", 1_440_000m, "Count"),
                 })
        {
            var put = await Commands.Aws(moto.Endpoint, "cloudwatch", "put-metric-data", "--namespace", ns, "--metric-name", metric,
                "--dimensions", dimension, "--value", value.ToString(CultureInfo.InvariantCulture), "--unit", unit);
            Assert.True(put.ExitCode == 0, put.Stderr);
        }

        var usageFile = Path.Combine(dir, "usage.yml");
        var environment = new Dictionary<string, string?>
        {
            ["AWS_ENDPOINT_URL"] = moto.Endpoint.ToString(), ["AWS_ACCESS_KEY_ID"] = "testing", ["AWS_SECRET_ACCESS_KEY"] = "testing", ["AWS_REGION"] = "us-east-1",
        };
        var dll = Path.Combine(AppContext.BaseDirectory, "steward-cost.dll");
        var usage = await Commands.RunAsync("dotnet", [dll, "usage", "--stack", "shop", "--out-file", usageFile], environment);
        Assert.True(usage.ExitCode == 0, usage.Stderr);
        var text = await File.ReadAllTextAsync(usageFile);
        // 30 days scaled to a 730-hour month: × 730 / 720.
        Assert.True(text.Contains("    monthly_requests: 730000\n"), text);
        Assert.Contains("    request_duration_ms: 250\n", text);
        Assert.True(text.Contains("    monthly_write_request_units: 1460000\n"), text);
        Assert.Contains("  Work:\n    # monthly_requests: no datapoints in the last 30 days", text);

        var priced = await Commands.RunAsync("dotnet", [dll, "breakdown", "--path", template, "--usage-file", usageFile, "--format", "json"]);
        Assert.Equal(0, priced.ExitCode);
        var json = System.Text.Json.JsonDocument.Parse(priced.Stdout).RootElement;
        var handler = json.GetProperty("projects")[0].GetProperty("breakdown").GetProperty("resources").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "Handler");
        // 0.73M requests × $0.20 + 730,000 × 0.25 s × 0.5 GB × $0.0000166667
        var expected = 0.73m * 0.20m + 730_000m * 0.25m * 0.5m * 0.0000166667m;
        Assert.Equal(expected, decimal.Parse(handler.GetProperty("monthlyCost").GetString()!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_stack_that_does_not_exist_is_one_line_and_exit_2()
    {
        var r = await Commands.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "steward-cost.dll"), "usage", "--stack", "nowhere"],
            new Dictionary<string, string?> { ["AWS_ENDPOINT_URL"] = moto.Endpoint.ToString(), ["AWS_ACCESS_KEY_ID"] = "testing", ["AWS_SECRET_ACCESS_KEY"] = "testing", ["AWS_REGION"] = "us-east-1" });
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("could not read stack nowhere", r.Stderr);
    }
}
