using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Steward.Core.Events;
using Steward.Core.Incidents;
using Steward.Core.Instances;
using Steward.Core.Json;
using Steward.Core.Ports;

if (args is ["backtest", ..]) { CostBacktest.Run(Console.Out); return 0; }
if (args is ["storage-costs", ..]) { StorageCosts.Run(Console.Out); return 0; }
if (args is ["classify-accuracy", ..]) { ClassifyAccuracy.Run(Console.Out); return 0; }
if (args is ["coldstart", ..]) return await ColdStart.RunAsync(args);
if (args is ["load", ..]) return await LoadRun.RunAsync(args);
if (args is ["cost-templates", var dir]) { Console.WriteLine(BigTemplates.Write(Directory.CreateDirectory(dir).FullName)); return 0; }
BenchmarkSwitcher.FromAssembly(typeof(EventParsing).Assembly).Run(args);
return 0;

/// <summary>The real payloads, read once: the benchmarks measure the work, not the disk.</summary>
internal static class Payloads
{
    private static readonly string Fixtures = Path.Combine(BenchRunner.FindRoot(), "..", "shared", "fixtures");

    public static byte[] Bytes(string relative) => Encoding.UTF8.GetBytes(File.ReadAllText(Path.Combine(Fixtures, relative)).TrimStart('\uFEFF'));
}

/// <summary>What every invocation pays first: reading its event with the source-generated contracts.</summary>
[MemoryDiagnoser]
public class EventParsing
{
    private readonly byte[] _finding = Payloads.Bytes("guardduty/eb-real-cryptocurrency-ec2-bitcointool-b-dns.MASKED-TIMES.jbarreto7991.json");
    private readonly byte[] _s3 = Payloads.Bytes("s3/s3-put-records.aws-lambda-dotnet.json");
    private readonly byte[] _proxy = Payloads.Bytes("apigateway/rest-v1-proxy-event.aws-lambda-dotnet.json");

    [Benchmark(Description = "GuardDuty finding (EventBridge envelope)")]
    public EventBridgeEvent<GuardDutyFinding>? Finding() => JsonSerializer.Deserialize(_finding, StewardJsonContext.Default.EventBridgeEventGuardDutyFinding);

    [Benchmark(Description = "S3 notification to object changes")]
    public StorageEventBatch S3() => StorageEvents.Read(JsonDocument.Parse(_s3).RootElement);

    [Benchmark(Description = "API Gateway REST proxy request")]
    public ApiGatewayProxyRequest? Proxy() => JsonSerializer.Deserialize(_proxy, StewardJsonContext.Default.ApiGatewayProxyRequest);
}

/// <summary>The decisions: a server request read, validated and quoted; a finding triaged and planned.</summary>
[MemoryDiagnoser]
public class Decisions
{
    private readonly PriceTable _prices = PriceTable.Load("us-east-1");
    private readonly RequestDefaults _defaults = new("unallocated", "unassigned", "unassigned", "unspecified", 90);
    private readonly Dictionary<string, string> _fields = new()
    {
        ["os"] = " Red Hat Enterprise Linux 9 ", ["inst_size"] = "large", ["volume_size"] = "100", ["request_number"] = "RITM0010042",
        ["cost_center"] = "CC-4410", ["owner"] = "jane.doe@example.com", ["application"] = "payroll", ["environment"] = "prod",
    };
    private readonly ResponsePolicy _policy = new("123456789012", "us-east-1", false, ResponsePolicy.DefaultLevels);
    private EventBridgeEvent<GuardDutyFinding> _finding = null!;
    private InstanceFacts _instance = null!;

    [GlobalSetup]
    public void Setup()
    {
        _finding = JsonSerializer.Deserialize(Payloads.Bytes("guardduty/eb-real-cryptocurrency-ec2-bitcointool-b-dns.MASKED-TIMES.jbarreto7991.json"),
            StewardJsonContext.Default.EventBridgeEventGuardDutyFinding)! with { };
        _finding = _finding with { Detail = _finding.Detail! with { AccountId = "123456789012" } };
        _instance = new InstanceFacts("i-00aa97663294ffbbd", "running", "vpc-1", [new InterfaceFacts("eni-1", ["sg-1"])],
            [new VolumeFacts("vol-1", "/dev/xvda", true)], null, new Dictionary<string, string>(), "{}");
    }

    [Benchmark(Description = "Instance request read, validated and quoted")]
    public CostEstimate Quote()
    {
        var r = InstanceRequestReader.Read(_fields, _defaults, _prices).Request!;
        return _prices.Quote(r.Size.InstanceType, r.OperatingSystem.Licensing, r.VolumeGiB);
    }

    [Benchmark(Description = "Finding triaged and planned")]
    public ContainmentPlan Plan() => ContainmentPlanner.Plan(ContainmentPlanner.Triage(_finding, _policy), _instance, 0, _policy);

    [Benchmark(Description = "Alert composed (SMS and email)")]
    public Alert Compose() => AlertComposer.Compose(Plan(), "Bitcoin-related domain name queried", "EC2 instance is querying a domain name associated with Bitcoin.",
        [new StepOutcome(ResponseStep.Isolate, true, "isolated"), new StepOutcome(ResponseStep.Stop, true, "stopped")], ["snap-1"], "s3://evidence/findings/x/", "us-east-1");
}
