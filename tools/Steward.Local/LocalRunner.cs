using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Steward.Aws;
using Steward.Changes.CloudFormation;
using Steward.Core.Ports;
using Steward.Local.Aws;
using Steward.Local.Costs;
using Steward.Local.Hosting;
using Steward.Local.Http;
using Steward.Local.Template;

namespace Steward.Local;

/// <summary>Settings of one run of the local runner.</summary>
/// <param name="CostData">Files exported with <c>aws ce get-cost-and-usage</c> for the local Cost Explorer; none: generated data.</param>
public sealed record RunnerOptions(string TemplatePath, int ApiPort, int MotoPort, Uri? AwsEndpoint, string Region,
    IReadOnlyDictionary<string, string> ParameterOverrides, string? ApiKeys, IReadOnlyList<string>? CostData = null, string? MinioTokens = null,
    IReadOnlyList<string>? MemberAccounts = null);

/// <summary>
/// <c>serve</c>: moto as AWS, the template's resources created in it, its functions hosted here, its API served on loopback,
/// its queues polled and its schedules fired on demand.
/// </summary>
public sealed class LocalRunner(RunnerOptions options, TextWriter output)
{
    public const string AdminPrefix = "/_local";

    private void Say(string line)
    {
        lock (output) output.WriteLine("[steward-local] " + line);
    }

    /// <summary>The environment every hosted function and the runner's own AWS clients get: moto's address and dummy credentials.</summary>
    public static Dictionary<string, string> AwsEnvironment(Uri endpoint, string region, Uri? costExplorer = null)
    {
        var environment = AwsEnvironment(endpoint, region);
        // moto cannot answer Cost Explorer as the report needs (see LocalCostExplorer): the runner's own stand-in does.
        if (costExplorer is not null) environment["AWS_ENDPOINT_URL_COST_EXPLORER"] = costExplorer.ToString().TrimEnd('/');
        return environment;
    }

    public static Dictionary<string, string> AwsEnvironment(Uri endpoint, string region) => new()
    {
        ["AWS_ENDPOINT_URL"] = endpoint.ToString().TrimEnd('/'),
        ["AWS_ACCESS_KEY_ID"] = "testing",
        ["AWS_SECRET_ACCESS_KEY"] = "testing",
        ["AWS_SESSION_TOKEN"] = "testing",
        ["AWS_REGION"] = region,
        ["AWS_DEFAULT_REGION"] = region,
    };

    /// <summary>Points this process at the local AWS, so nothing here can reach a real account by accident.</summary>
    public static void UseLocalAws(IReadOnlyDictionary<string, string> environment)
    {
        foreach (var (k, v) in environment) Environment.SetEnvironmentVariable(k, v);
        Environment.SetEnvironmentVariable("AWS_PROFILE", null);
        Environment.SetEnvironmentVariable("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", null);
    }

    public async Task<int> ServeAsync(CancellationToken stop)
    {
        var template = CloudFormationTemplate.Load(options.TemplatePath);
        // Fail before anything starts if a function could not be started: Lambda would refuse it at init too.
        foreach (var f in template.Functions) FunctionCode.Of(f, Path.GetDirectoryName(template.Path)!).EnsureBuilt();
        MotoServer.EnsurePortFree(options.ApiPort, "the API", "--port with a free port");

        await using var moto = options.AwsEndpoint is null
            ? await MotoServer.StartAsync(options.MotoPort, TimeSpan.FromSeconds(60), stop)
            : null;
        var endpoint = options.AwsEndpoint ?? moto!.Endpoint;
        Say(moto is null ? $"using the AWS endpoint at {endpoint}" : $"moto_server started on {endpoint} (pid {moto.ProcessId})");

        var costSources = options.CostData is { Count: > 0 } files
            ? files.Select(LocalCostExplorer.ReadExport).ToList()
            : [CostDataGenerator.Generate(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1))];
        await using var costExplorerApp = await new LocalCostExplorer(costSources).StartAsync(stop);
        var costExplorer = new Uri(costExplorerApp.Urls.First());
        Say(options.CostData is { Count: > 0 }
            ? $"Cost Explorer at {costExplorer} answers from {string.Join(", ", costSources.Select(s => $"{s.Name} ({s.Facts.Count} amounts by {string.Join("+", s.Dimensions.DefaultIfEmpty("total"))})"))}"
            : $"Cost Explorer at {costExplorer} answers from generated data: 13 months to yesterday, 30 services, 5 cost centres, a Savings Plan, support, tax and a credit, a spike planted yesterday");
        foreach (var s in costSources.Where(s => !s.Dimensions.Contains(Dimension.RecordType)))
            Say($"  note: {s.Name} is not grouped by RECORD_TYPE, so every amount in it is read as usage (tax, support and credits included); " +
                "export with --group-by Type=DIMENSION,Key=SERVICE Type=DIMENSION,Key=RECORD_TYPE to tell them apart");

        var awsEnvironment = AwsEnvironment(endpoint, options.Region, costExplorer);
        UseLocalAws(awsEnvironment);
        var parameters = StewardSeeds.ParameterDefaults(template);
        var members = options.MemberAccounts ?? [];
        if (members.Count > 0) parameters["MemberAccounts"] = string.Join(",", members);
        foreach (var (k, v) in options.ParameterOverrides) parameters[k] = v;
        var stack = new LocalStack(template, options.Region, $"http://127.0.0.1:{options.ApiPort}", parameters) { QueueEndpoint = endpoint.ToString().TrimEnd('/') };
        var clients = new AwsClients(new Steward.Aws.AwsEnvironment(new DictionaryEnvironment(awsEnvironment)));

        var deployment = await new Provisioner(stack, clients, Say).ProvisionAsync(stop);
        using (var ssm = clients.Ssm())
        using (var ec2 = clients.Ec2())
            await new StewardSeeds(ssm, ec2, Say).SeedAsync(stack, options.ApiKeys, stop, options.MinioTokens, endpoint);
        var memberAccounts = members.Count > 0
            ? await new MemberStackDeployer(clients, options.Region, Say).DeployAsync(MemberStackDeployer.TemplatePath(template.Path), members, stack.Parameter("MemberRolePrefix"), stop)
            : [];
        // Every function's first execution environment starts now (their init phases run side by side), as a deployment would.
        var started = await Task.WhenAll(template.Functions.Where(f => stack.Resources.Any(r => r.LogicalId == f.LogicalId))
            .Select(f => LocalFunction.StartAsync(f, stack, awsEnvironment, FunctionLog, FunctionLog)));
        var functions = started.ToDictionary(f => f.LogicalId);
        await using var stopFunctions = new Stoppable(started);

        var proxy = new ApiGatewayProxy(deployment.Routes, stack.Parameter("Stage"));
        await using var app = BuildApi(proxy, deployment, functions, stack, new RunnerIdentity(endpoint, options.Region, template.Path, parameters, costExplorer));
        await app.StartAsync(stop);

        using var sqs = clients.Sqs();
        using var pollers = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var tasks = deployment.EventSources.Select(source =>
        {
            var function = functions[source.FunctionLogicalId];
            return new QueuePoller(sqs, source.QueueUrl, (payload, id) => InvokeAsync(function, payload, $"{source.Kind} {source.EventName}, message {id}"), Say)
                .RunAsync(pollers.Token);
        }).Concat(deployment.TopicInboxes.Select(inbox =>
            new QueuePoller(sqs, inbox.PrinterQueueUrl, (payload, _) => PrintNotification(inbox.TopicArn, payload), Say).RunAsync(pollers.Token)))
            .Concat(memberAccounts.SelectMany(m => m.Forwarded.Where(f => functions.ContainsKey(f.ForwardedTo)).Select(f =>
                new QueuePoller(m.Clients.Sqs(), f.QueueUrl, (payload, id) => InvokeAsync(functions[f.ForwardedTo], payload, $"member {m.AccountId} rule {f.RuleName}, message {id}"), Say)
                    .RunAsync(pollers.Token))))
            .ToList();

        PrintSummary(stack, deployment, functions.Values, endpoint);
        Say("ready");

        // Serve until stopped, or until moto dies: every poll, invocation and API call needs it, so retrying forever against a
        // closed port would only hide why nothing works.
        var stopped = Task.Delay(Timeout.Infinite, stop).ContinueWith(_ => { }, TaskScheduler.Default);
        var motoDied = moto?.Died ?? Task.Delay(Timeout.Infinite, CancellationToken.None);
        var ended = await Task.WhenAny(stopped, motoDied);
        var died = ended == motoDied && !stop.IsCancellationRequested;
        if (died) Say($"{moto!.Obituary()}; stopping: nothing works without it");
        else Say("stopping");
        await pollers.CancelAsync();
        await Task.WhenAll(tasks);
        await app.StopAsync(CancellationToken.None);
        return died ? 2 : 0;
    }

    /// <summary>A function's log line, as Lambda would put it in its log group: unchanged, on the runner's output.</summary>
    private void FunctionLog(string line)
    {
        lock (output) output.WriteLine(line);
    }

    private sealed class Stoppable(IEnumerable<LocalFunction> functions) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await Task.WhenAll(functions.Select(f => f.DisposeAsync().AsTask()));
    }

    private async Task<byte[]> InvokeAsync(LocalFunction function, byte[] payload, string cause)
    {
        Say($"{function.Name} <- {cause}");
        var result = await function.InvokeAsync(payload);
        Say($"{function.Name} -> {Encoding.UTF8.GetString(result)}");
        return result;
    }

    private Task PrintNotification(string topicArn, byte[] payload)
    {
        // SNS to SQS wraps the message in its JSON envelope: Type, MessageId, TopicArn, Subject, Message, ….
        var envelope = JsonNode.Parse(payload);
        var topic = topicArn[(topicArn.LastIndexOf(':') + 1)..];
        var message = envelope?["Message"]?.GetValue<string>() ?? "";
        Say($"SNS {topic}: subject: {envelope?["Subject"]?.GetValue<string>() ?? "(none)"}");
        // An alert published with MessageStructure=json reaches queues as its "sqs" text: the alert with each channel's text.
        JsonNode? alert = null;
        try { alert = message.StartsWith('{') ? JsonNode.Parse(message) : null; } catch (JsonException) { }
        if (alert?["sms"] is { } sms && alert["email"] is { } email)
        {
            Say($"    SMS ({Encoding.UTF8.GetByteCount(sms.GetValue<string>())} bytes): {sms.GetValue<string>()}");
            message = email.GetValue<string>();
        }
        foreach (var line in message.Split('\n')) Say("    " + line);
        return Task.CompletedTask;
    }

    /// <summary>What <c>invoke</c> needs to act on this runner's AWS and nothing else: where it is, the region, the template and its parameters.</summary>
    private sealed record RunnerIdentity(Uri AwsEndpoint, string Region, string TemplatePath, IReadOnlyDictionary<string, string> Parameters, Uri CostExplorer);

    private WebApplication BuildApi(ApiGatewayProxy proxy, LocalDeployment deployment, IReadOnlyDictionary<string, LocalFunction> functions, LocalStack stack, RunnerIdentity identity)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{options.ApiPort}");
        // API Gateway's own payload limit is 10 MB; a larger body never reaches a function there.
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 10 * 1024 * 1024);
        var app = builder.Build();

        app.Run(async http =>
        {
            var ct = http.RequestAborted;
            var path = http.Request.Path.Value ?? "/";
            if (path.StartsWith(AdminPrefix, StringComparison.Ordinal))
            {
                await AdminAsync(http, path[AdminPrefix.Length..], deployment, functions, stack, identity, ct);
                return;
            }

            var match = proxy.Find(http.Request.Method, path, out var allowed);
            if (match is null)
            {
                // API Gateway answers an undeclared route with 403 "Missing Authentication Token"; we say why, too.
                var declared = string.Join(", ", deployment.Routes.Select(r => $"{r.Method} {r.Path}"));
                var why = allowed.Count > 0
                    ? $"{path} takes {string.Join(", ", allowed)}, not {http.Request.Method}"
                    : $"template.yaml declares no route {http.Request.Method} {path}; it declares: {declared}";
                await ApiGatewayProxy.WriteGatewayErrorAsync(http, 403, "Missing Authentication Token", why, ct);
                return;
            }

            var function = functions[match.Route.FunctionLogicalId];
            byte[] payload;
            try { payload = await proxy.BuildEventAsync(http, match, ct); }
            catch (Microsoft.AspNetCore.Http.BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                // API Gateway's answer to a payload over 10 MB: the function never sees it.
                await ApiGatewayProxy.WriteGatewayErrorAsync(http, 413, "Request Too Long", e.Message, ct);
                return;
            }
            byte[] result;
            try
            {
                result = await InvokeAsync(function, payload, $"{http.Request.Method} {path}");
            }
            catch (Exception e)
            {
                Say($"{function.Name} failed: {e}");
                await ApiGatewayProxy.WriteGatewayErrorAsync(http, 502, "Internal server error", $"{function.Name} threw {e.GetType().Name}: {e.Message}", ct);
                return;
            }
            await ApiGatewayProxy.WriteResponseAsync(http, result, ct);
        });
        return app;
    }

    /// <summary>The runner's own routes: what it serves (<c>GET /_local</c>) and firing a schedule (<c>POST /_local/schedules/{function}</c>).</summary>
    private async Task AdminAsync(HttpContext http, string path, LocalDeployment deployment, IReadOnlyDictionary<string, LocalFunction> functions, LocalStack stack,
        RunnerIdentity identity, CancellationToken ct)
    {
        if (http.Request.Method == "GET" && path is "" or "/")
        {
            var description = new JsonObject
            {
                ["awsEndpoint"] = identity.AwsEndpoint.ToString(),
                ["costExplorerEndpoint"] = identity.CostExplorer.ToString(),
                ["region"] = identity.Region,
                ["template"] = identity.TemplatePath,
                ["parameters"] = new JsonObject(identity.Parameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
                ["routes"] = new JsonArray(deployment.Routes.Select(r => (JsonNode)$"{r.Method} {r.Path} -> {r.FunctionLogicalId}").ToArray()),
                ["eventSources"] = new JsonArray(deployment.EventSources.Select(s => (JsonNode)$"{s.FunctionLogicalId}: {s.Description}").ToArray()),
                ["schedules"] = new JsonArray(deployment.Schedules.Select(s => (JsonNode)$"{s.FunctionLogicalId}: {s.Expression} (POST {AdminPrefix}/schedules/{functions[s.FunctionLogicalId].Name})").ToArray()),
                ["topicInboxes"] = new JsonArray(deployment.TopicInboxes.Select(t => (JsonNode)$"{t.TopicArn} -> {t.InboxQueueUrl}").ToArray()),
                ["failedInvocations"] = deployment.FailedInvocationsQueueUrl,
                ["outputs"] = new JsonObject(Outputs(stack).Select(o => KeyValuePair.Create(o.Key, (JsonNode?)o.Value))),
            };
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(description.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), ct);
            return;
        }

        const string schedules = "/schedules/";
        if (http.Request.Method == "POST" && path.StartsWith(schedules, StringComparison.Ordinal))
        {
            var name = path[schedules.Length..];
            var schedule = deployment.Schedules.FirstOrDefault(s =>
                string.Equals(functions[s.FunctionLogicalId].Name, name, StringComparison.OrdinalIgnoreCase) ||
                string.Equals(s.FunctionLogicalId, name, StringComparison.OrdinalIgnoreCase));
            if (schedule is null)
            {
                var known = string.Join(", ", deployment.Schedules.Select(s => functions[s.FunctionLogicalId].Name));
                await ApiGatewayProxy.WriteGatewayErrorAsync(http, 404, "No such schedule", $"no function named '{name}' has a schedule; these do: {known}", ct);
                return;
            }
            // ?time=2026-03-03T06:00:00Z fires the schedule as it fired then (the cost report's day is the day before it).
            var time = DateTimeOffset.UtcNow;
            if (http.Request.Query["time"].ToString() is { Length: > 0 } asked &&
                !DateTimeOffset.TryParse(asked, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out time))
            {
                await ApiGatewayProxy.WriteGatewayErrorAsync(http, 400, "Bad time", $"time='{asked}' is not a time; write it as 2026-03-03T06:00:00Z", ct);
                return;
            }
            var scheduled = new JsonObject
            {
                ["version"] = "0", ["id"] = Guid.NewGuid().ToString(), ["detail-type"] = "Scheduled Event", ["source"] = "aws.events",
                ["account"] = LocalStack.AccountId, ["time"] = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), ["region"] = stack.Region,
                ["resources"] = new JsonArray((JsonNode)$"arn:aws:events:{stack.Region}:{LocalStack.AccountId}:rule/{schedule.RuleName}"),
                ["detail"] = new JsonObject(),
            };
            var function = functions[schedule.FunctionLogicalId];
            try
            {
                var result = await InvokeAsync(function, Encoding.UTF8.GetBytes(scheduled.ToJsonString()), $"schedule {schedule.EventName} ({schedule.Expression}), fired on demand");
                http.Response.ContentType = "application/json";
                await http.Response.Body.WriteAsync(result, ct);
            }
            catch (Exception e)
            {
                Say($"{function.Name} failed: {e}");
                await ApiGatewayProxy.WriteGatewayErrorAsync(http, 502, "Invocation failed", $"{function.Name} threw {e.GetType().Name}: {e.Message}", ct);
            }
            return;
        }

        await ApiGatewayProxy.WriteGatewayErrorAsync(http, 404, "Not found", $"the runner serves GET {AdminPrefix} and POST {AdminPrefix}/schedules/{{function}}", ct);
    }

    /// <summary>
    /// The template's Outputs as this runner's stack answers them (what <c>smoke</c> reads, as it reads a deployed stack's).
    /// The API is this runner's, under the stage, as API Gateway serves it.
    /// </summary>
    private static Dictionary<string, string> Outputs(LocalStack stack)
    {
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, body) in stack.Template.Section("Outputs"))
        {
            if (body is not Dictionary<string, object?> output || !output.TryGetValue("Value", out var value)) continue;
            try { outputs[name] = stack.ResolveString(value); }
            catch (TemplateException) { } // an output the runner cannot answer is left out, not guessed
        }
        outputs["ApiUrl"] = $"{stack.ApiEndpoint}/{stack.Parameter("Stage")}";
        return outputs;
    }

    private void PrintSummary(LocalStack stack, LocalDeployment deployment, IEnumerable<LocalFunction> functions, Uri endpoint)
    {
        var api = stack.ApiEndpoint;
        Say($"functions: {string.Join(", ", functions.Select(f => f.Name))}");
        foreach (var r in deployment.Routes) Say($"API   {r.Method,-6} {api}{r.Path}  -> {r.FunctionLogicalId}");
        foreach (var s in deployment.EventSources) Say($"event {s.FunctionLogicalId} <- {s.Description}");
        var names = functions.ToDictionary(f => f.LogicalId, f => f.Name);
        foreach (var s in deployment.Schedules) Say($"cron  {s.FunctionLogicalId} {s.Expression}: fire with  curl -X POST {api}{AdminPrefix}/schedules/{names[s.FunctionLogicalId]}");
        foreach (var t in deployment.TopicInboxes) Say($"sns   {t.TopicArn} -> read with  aws --endpoint-url {endpoint} sqs receive-message --queue-url {t.InboxQueueUrl}");
        Say($"AWS is at {endpoint}: e.g. aws --endpoint-url {endpoint} --region {stack.Region} ec2 describe-instances");
        foreach (var account in (stack.Parameter("MemberAccounts") is { Length: > 0 } m && m != Steward.Core.Organizations.MemberAccounts.WholeOrganization ? m.Split(',') : []))
            Say($"member {account}: act there with the credentials of  aws --endpoint-url {endpoint} sts assume-role --role-arn arn:aws:iam::{account}:role/OrganizationAccountAccessRole --role-session-name you");
        Say("stop with Ctrl+C");
    }
}
