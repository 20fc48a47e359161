using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Steward.Aws;
using Steward.Changes.CloudFormation;
using Steward.Core.Ports;

namespace Steward.Local.Smoke;

/// <summary>
/// A Steward stack the smoke test runs against: a deployed stack (its outputs and parameters from CloudFormation, the
/// cost snapshot fired with a Lambda invocation) or this runner (its outputs and parameters from <c>GET /_local</c>, the
/// snapshot fired through <c>POST /_local/schedules/CostSnapshots</c>). Everything else the test does is the same on both.
/// </summary>
public sealed class SmokeTarget
{
    public required string Description { get; init; }
    public required AwsClients Aws { get; init; }
    public required string Region { get; init; }
    public required IReadOnlyDictionary<string, string> Outputs { get; init; }
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }
    public required Func<CancellationToken, Task<string>> FireCostSnapshot { get; init; }

    /// <summary>
    /// Makes GuardDuty-shaped sample finding reach the stack's rule; answers what its notice will name. A deployed stack asks
    /// GuardDuty itself (CreateSampleFindings: nobody may put an <c>aws.guardduty</c> event on a bus but GuardDuty); the
    /// runner's moto takes the event as GuardDuty would send it.
    /// </summary>
    public required Func<string, CancellationToken, Task<string>> SendSampleFinding { get; init; }

    public string Output(string name) => Outputs.TryGetValue(name, out var v) && v.Length > 0
        ? v : throw new SmokeFailed($"{Description} has no output {name}: deploy the current template.yaml");

    /// <summary>A deployed stack: DescribeStacks (Query protocol) for its outputs and parameters.</summary>
    public static async Task<SmokeTarget> ForStackAsync(string stackName, string? region, CancellationToken ct)
    {
        var environment = region is null ? AwsEnvironment.FromProcess() : new AwsEnvironment(new OverlayEnvironment("AWS_REGION", region));
        var aws = new AwsClients(environment);
        using var cloudFormation = aws.Signed(AwsService.CloudFormation);
        XElement result;
        try { result = await cloudFormation.CallQueryAsync("DescribeStacks", "2010-05-15", [new("StackName", stackName)], ct); }
        catch (DependencyFailed e) { throw new SmokeFailed($"stack {stackName}: {e.Message}"); }
        var stack = result.Descendants().First(e => e.Name.LocalName == "member" && e.Parent?.Name.LocalName == "Stacks");
        Dictionary<string, string> Pairs(string list, string key, string value) => stack.Elements().Where(e => e.Name.LocalName == list)
            .SelectMany(l => l.Elements()).ToDictionary(m => Child(m, key), m => Child(m, value));
        var status = Child(stack, "StackStatus");
        if (!status.EndsWith("_COMPLETE", StringComparison.Ordinal) || status.Contains("ROLLBACK", StringComparison.Ordinal))
            throw new SmokeFailed($"stack {stackName} is {status}, not deployed");
        var outputs = Pairs("Outputs", "OutputKey", "OutputValue");
        return new SmokeTarget
        {
            Description = $"stack {stackName} ({aws.Environment.Region})",
            Aws = aws,
            Region = aws.Environment.Region,
            Outputs = outputs,
            Parameters = Pairs("Parameters", "ParameterKey", "ParameterValue"),
            SendSampleFinding = async (_, token) =>
            {
                using var guardDuty = aws.Signed(AwsService.GuardDuty);
                var detectors = JsonNode.Parse(await guardDuty.CallRestJsonAsync(HttpMethod.Get, "/detector", null, token))?["detectorIds"] as JsonArray;
                var detector = detectors?.FirstOrDefault()?.GetValue<string>()
                               ?? throw new SmokeFailed($"GuardDuty has no detector in {aws.Environment.Region}: enable GuardDuty, or the stack gets no findings at all");
                var request = new JsonObject { ["findingTypes"] = new JsonArray(SampleFindingType) };
                await guardDuty.CallRestJsonAsync(HttpMethod.Post, $"/detector/{detector}/findings/create", request.ToJsonString(), token);
                return SampleFindingType;
            },
            FireCostSnapshot = async token =>
            {
                using var lambda = aws.Signed(AwsService.Lambda);
                var function = outputs.GetValueOrDefault("CostSnapshotsFunctionName") ?? throw new SmokeFailed($"stack {stackName} has no output CostSnapshotsFunctionName");
                var scheduled = new JsonObject { ["source"] = "aws.events", ["detail-type"] = "Scheduled Event", ["time"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), ["detail"] = new JsonObject() };
                return await lambda.CallRestJsonAsync(HttpMethod.Post, $"/2015-03-31/functions/{Uri.EscapeDataString(function)}/invocations", scheduled.ToJsonString(), token);
            },
        };
    }

    /// <summary>This project's runner on 127.0.0.1:<paramref name="port"/>, with its moto as AWS.</summary>
    public static async Task<SmokeTarget> ForRunnerAsync(int port, CancellationToken ct)
    {
        var admin = new Uri($"http://127.0.0.1:{port}{LocalRunner.AdminPrefix}");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        JsonObject description;
        try { description = await http.GetFromJsonAsync<JsonObject>(admin, ct) ?? throw new SmokeFailed($"the runner at {admin} answered nothing"); }
        catch (HttpRequestException e) { throw new SmokeFailed($"no runner answers at {admin} ({e.Message}): start one with  dotnet run --project tools/Steward.Local"); }
        var endpoint = new Uri(description["awsEndpoint"]!.GetValue<string>());
        var region = description["region"]?.GetValue<string>() ?? "us-east-1";
        var aws = new AwsClients(new AwsEnvironment(new DictionaryEnvironment(LocalRunner.AwsEnvironment(endpoint, region))));
        Dictionary<string, string> Strings(string name) => (description[name] as JsonObject ?? []).ToDictionary(kv => kv.Key, kv => kv.Value?.GetValue<string>() ?? "");
        // The runner describes the parameters it overrides; the others are the template's defaults, as in a deployed stack.
        var parameters = CloudFormationTemplate.Load(description["template"]!.GetValue<string>()).Section("Parameters")
            .ToDictionary(kv => kv.Key, kv => kv.Value is Dictionary<string, object?> p && p.TryGetValue("Default", out var d) ? d?.ToString() ?? "" : "");
        foreach (var (k, v) in Strings("parameters")) parameters[k] = v;
        return new SmokeTarget
        {
            Description = $"the runner on 127.0.0.1:{port} (AWS at {endpoint})",
            Aws = aws,
            Region = region,
            Outputs = Strings("outputs"),
            Parameters = parameters,
            SendSampleFinding = async (id, token) =>
            {
                var detail = new JsonObject
                {
                    ["schemaVersion"] = "2.0", ["id"] = id, ["type"] = SampleFindingType, ["severity"] = 8, ["region"] = region,
                    ["title"] = "Steward smoke test (a sample finding: never acted on)",
                    ["resource"] = new JsonObject { ["resourceType"] = "Instance", ["instanceDetails"] = new JsonObject { ["instanceId"] = "i-0" + id[^12..] + "abcd" } },
                    ["service"] = new JsonObject { ["count"] = 1, ["additionalInfo"] = new JsonObject { ["sample"] = true } },
                };
                var entries = new JsonObject
                {
                    ["Entries"] = new JsonArray(new JsonObject { ["Source"] = "aws.guardduty", ["DetailType"] = "GuardDuty Finding", ["Detail"] = detail.ToJsonString() }),
                };
                using var events = aws.Signed(AwsService.EventBridge);
                var put = await events.CallJsonAsync("PutEvents", entries.ToJsonString(), token);
                if (put.TryGetProperty("FailedEntryCount", out var failed) && failed.GetInt32() > 0) throw new SmokeFailed($"EventBridge refused the finding: {put}");
                return id;
            },
            FireCostSnapshot = async token =>
            {
                using var client = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
                using var answer = await client.PostAsync(new Uri(admin, $"{LocalRunner.AdminPrefix}/schedules/CostSnapshots"), null, token);
                var text = await answer.Content.ReadAsStringAsync(token);
                return answer.IsSuccessStatusCode ? text : throw new SmokeFailed($"the cost snapshot failed: {(int)answer.StatusCode} {text}");
            },
        };
    }

    /// <summary>The sample finding the smoke test asks for: a High one, which Steward would contain were it not a sample.</summary>
    public const string SampleFindingType = "UnauthorizedAccess:EC2/TorClient";

    private static string Child(XElement e, string name) => e.Elements().FirstOrDefault(c => c.Name.LocalName == name)?.Value ?? "";

    /// <summary>The process's environment with one variable set (--region over AWS_REGION).</summary>
    private sealed class OverlayEnvironment(string name, string value) : IEnvironment
    {
        public string? Get(string variable) => variable == name ? value : Environment.GetEnvironmentVariable(variable);
    }
}

/// <summary>A smoke step that did not pass: the message says which and why.</summary>
public sealed class SmokeFailed(string message) : Exception(message);
