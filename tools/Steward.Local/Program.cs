using System.CommandLine;
using Steward.Core.Storage;
using Steward.Changes.CloudFormation;
using Steward.Local.Aws;
using Steward.Local.Hosting;
using Steward.Local.Template;
using Steward.Local;

var template = new Option<string>("--template", "-t") { Description = "The SAM template", DefaultValueFactory = _ => FindTemplate() };
var region = new Option<string>("--region") { Description = "The AWS region to play", DefaultValueFactory = _ => "us-east-1" };

// Defaults from STEWARD_LOCAL_PORT and STEWARD_LOCAL_MOTO_PORT when set, so serve and invoke agree on another port without flags.
var port = new Option<int>("--port", "-p") { Description = "Port of the API (SAM's local port); default STEWARD_LOCAL_PORT or 3000", DefaultValueFactory = _ => PortFromEnvironment("STEWARD_LOCAL_PORT", 3000) };
var motoPort = new Option<int>("--moto-port") { Description = "Port moto_server is started on; default STEWARD_LOCAL_MOTO_PORT or 4566", DefaultValueFactory = _ => PortFromEnvironment("STEWARD_LOCAL_MOTO_PORT", 4566) };
var awsEndpoint = new Option<Uri?>("--aws-endpoint") { Description = "Use the AWS emulator already running there instead of starting moto_server", CustomParser = HttpUrl };
var parameterOverrides = new Option<string[]>("--parameter") { Description = "A template parameter, Key=Value (repeatable), e.g. --parameter MonthlyQuoteCeiling=200", AllowMultipleArgumentsPerToken = false };

var costData = new Option<string[]>("--cost-data") { Description = "What `aws ce get-cost-and-usage --granularity DAILY --output json` printed (repeatable): the local Cost Explorer answers from it instead of generated data", AllowMultipleArgumentsPerToken = false };
var memberAccounts = new Option<string[]>("--member-account") { Description = "A member account to play (repeatable), e.g. --member-account 111111111111: member/template.yaml is deployed in it and the responder acts there through its role (MemberAccounts)", AllowMultipleArgumentsPerToken = false };
var serve = new Command("serve", "Start moto, create the template's resources in it, serve the API and deliver events to the functions (the default)");
foreach (var o in new Option[] { template, region, port, motoPort, awsEndpoint, parameterOverrides, costData, memberAccounts }) serve.Add(o);

var functionName = new Argument<string>("function") { Description = "The function, e.g. GuardDutyResponder" };
var eventOption = new Option<string>("--event", "-e") { Description = "The event: a JSON file, or - for stdin", Required = true };
var invokeEndpoint = new Option<Uri?>("--aws-endpoint") { Description = "Act on the AWS emulator at this URL instead of the running runner's", CustomParser = HttpUrl };
var runnerPort = new Option<int>("--port", "-p") { Description = "API port of the running runner whose AWS the function acts on; default STEWARD_LOCAL_PORT or 3000", DefaultValueFactory = _ => PortFromEnvironment("STEWARD_LOCAL_PORT", 3000) };
var invokeRegion = new Option<string?>("--region") { Description = "The AWS region (default: the runner's, or us-east-1)" };
var invoke = new Command("invoke", "Run one function on one event against the running runner's AWS and print its response, like sam local invoke. " +
    "Exit codes: 0 handled, 1 the function failed, 2 the call was wrong or no runner runs, 3 the function rejected the event");
invoke.Add(functionName);
foreach (var o in new Option[] { eventOption, template, invokeRegion, invokeEndpoint, runnerPort }) invoke.Add(o);

var smokeStack = new Option<string?>("--stack") { Description = "The deployed stack to check (e.g. steward-dev); leave out to check the runner on --port" };
var smokeRegion = new Option<string?>("--region") { Description = "The deployed stack's region (default AWS_REGION)" };
var smokePort = new Option<int>("--port", "-p") { Description = "API port of the runner to check when no --stack is given; default STEWARD_LOCAL_PORT or 3000", DefaultValueFactory = _ => PortFromEnvironment("STEWARD_LOCAL_PORT", 3000) };
var smokeWait = new Option<int>("--wait") { Description = "Seconds to wait for each asynchronous result (a notice, a tag)", DefaultValueFactory = _ => 90 };
var smoke = new Command("smoke", "After a deployment: a quote, a GuardDuty sample finding's notice, the cost snapshot and a stored object's tags, " +
    "against a deployed stack (--stack) or this runner, cleaning up what it made. Exit codes: 0 passed, 1 a step failed, 2 the call was wrong");
foreach (var o in new Option[] { smokeStack, smokeRegion, smokePort, smokeWait }) smoke.Add(o);

var classifyPaths = new Argument<string[]>("path") { Description = "Files or folders (read recursively)", Arity = ArgumentArity.OneOrMore };
var publicPrefixes = new Option<string[]>("--public-prefix") { Description = "A key prefix that is public when nothing is found (repeatable; default public/), as StoragePublicPrefixes", AllowMultipleArgumentsPerToken = false };
var scanLimit = new Option<long>("--scan-limit") { Description = "Bytes of text scanned per file, as StorageScanLimitBytes", DefaultValueFactory = _ => StorageSettings.Default.ScanLimitBytes };
var openLimit = new Option<long>("--open-limit") { Description = "Containers and documents up to this size are read whole, as StorageOpenLimitBytes", DefaultValueFactory = _ => StorageSettings.Default.OpenLimitBytes };
var classify = new Command("classify", "Classify local files as the storage hook would (the same classifier and limits): one JSON line per file with its class, " +
    "what was read (scan: complete, partial, encrypted, unsupported, too-large, damaged) and the count of each kind found");
classify.Add(classifyPaths);
foreach (var o in new Option[] { publicPrefixes, scanLimit, openLimit }) classify.Add(o);

var root = new RootCommand("Steward's local runner: API Gateway and the Lambda service on this machine, with moto_server as AWS.");
foreach (var o in new Option[] { template, region, port, motoPort, awsEndpoint, parameterOverrides, costData, memberAccounts }) root.Add(o);
root.Add(serve);
root.Add(invoke);
root.Add(smoke);
root.Add(classify);

Func<ParseResult, CancellationToken, Task<int>> runServe = (parse, ct) => Guard(() =>
    new LocalRunner(new RunnerOptions(parse.GetValue(template)!, parse.GetValue(port), parse.GetValue(motoPort), parse.GetValue(awsEndpoint), parse.GetValue(region)!,
            ParseOverrides(parse.GetValue(parameterOverrides) ?? []), Environment.GetEnvironmentVariable(StewardSeeds.ApiKeysVariable), parse.GetValue(costData),
            Environment.GetEnvironmentVariable(StewardSeeds.MinioTokensVariable), ParseMembers(parse.GetValue(memberAccounts) ?? [])), Console.Out)
        .ServeAsync(ct));
serve.SetAction(runServe);
root.SetAction(runServe);
invoke.SetAction((parse, _) => Guard(() => InvokeCommand.RunAsync(parse.GetValue(template)!, parse.GetValue(functionName)!, parse.GetValue(eventOption)!,
    parse.GetValue(invokeEndpoint), parse.GetValue(runnerPort), parse.GetValue(invokeRegion), Console.In, Console.Out, Console.Error)));

classify.SetAction((parse, ct) => ClassifyCommand.RunAsync(parse.GetValue(classifyPaths)!,
    StorageSettings.Default with
    {
        PublicPrefixes = parse.GetValue(publicPrefixes) is { Length: > 0 } prefixes ? prefixes : StorageSettings.Default.PublicPrefixes,
        ScanLimitBytes = parse.GetValue(scanLimit), OpenLimitBytes = parse.GetValue(openLimit),
    }, Console.Out, Console.Error, ct));

smoke.SetAction(async (parse, ct) =>
{
    try
    {
        var target = parse.GetValue(smokeStack) is { } stackName
            ? await Steward.Local.Smoke.SmokeTarget.ForStackAsync(stackName, parse.GetValue(smokeRegion), ct)
            : await Steward.Local.Smoke.SmokeTarget.ForRunnerAsync(parse.GetValue(smokePort), ct);
        return await new Steward.Local.Smoke.SmokeTest(target, Console.Out, TimeSpan.FromSeconds(parse.GetValue(smokeWait))).RunAsync(ct);
    }
    catch (Steward.Local.Smoke.SmokeFailed e)
    {
        Console.Error.WriteLine($"steward-local smoke: {e.Message}");
        return 2;
    }
});

// A mistyped command line is a usage error, exit 2 in one line: exit 1 means "the function failed" (invoke) or "a step
// failed" (smoke), and System.CommandLine's own default for a parse error is 1.
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    Console.Error.WriteLine($"steward-local: {Steward.Tools.UsageError.OneLine(parsed.Errors.Select(e => e.Message))} (--help lists the commands and options)");
    return 2;
}
return await parsed.InvokeAsync();

// What the person got wrong, or what is missing, said in one line with exit code 2; a bug still shows its stack trace.
static async Task<int> Guard(Func<Task<int>> run)
{
    try { return await run(); }
    catch (Exception e) when (e is LocalRunnerException or TemplateException or HandlerException or InvocationInputException or Steward.Core.Ports.ConfigurationException)
    {
        Console.Error.WriteLine($"steward-local: {e.Message}");
        return 2;
    }
}

static int PortFromEnvironment(string variable, int fallback) =>
    Environment.GetEnvironmentVariable(variable) is { Length: > 0 } text
        ? int.TryParse(text, out var p) && p is > 0 and < 65536 ? p : throw new LocalRunnerException($"{variable}='{text}' is not a port number")
        : fallback;

// System.CommandLine converts no Uri by itself; an endpoint must be an absolute http(s) URL.
static Uri? HttpUrl(System.CommandLine.Parsing.ArgumentResult result)
{
    var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
    if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)) return uri;
    result.AddError($"--aws-endpoint '{text}' is not an http(s) URL, e.g. http://127.0.0.1:4566");
    return null;
}

static List<string> ParseMembers(string[] accounts)
{
    foreach (var a in accounts)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(a, "^[0-9]{12}$")) throw new LocalRunnerException($"--member-account {a}: write a 12-digit account id, e.g. 111111111111");
        if (a == LocalStack.AccountId) throw new LocalRunnerException($"--member-account {a}: that is the hub's own account (moto's default); give another");
    }
    return accounts.Distinct().ToList();
}

static Dictionary<string, string> ParseOverrides(string[] pairs) => pairs.ToDictionary(
    p => p.Contains('=') ? p[..p.IndexOf('=')] : throw new LocalRunnerException($"--parameter {p}: write Key=Value"),
    p => p[(p.IndexOf('=') + 1)..]);

// template.yaml in this folder or the nearest one above it, so the runner works from anywhere inside the project.
static string FindTemplate()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "template.yaml"))) return Path.Combine(dir.FullName, "template.yaml");
    return "template.yaml";
}
