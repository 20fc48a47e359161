using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using Amazon.DynamoDBv2;
using Amazon.S3.Model;
using Amazon.S3;
using Amazon.SQS.Model;
using Amazon.SQS;
using Amazon.SimpleSystemsManagement.Model;
using Amazon.SimpleSystemsManagement;
using Steward.Aws;
using Steward.Changes.CloudFormation;
using Steward.Local.Template;

namespace Steward.Local.Aws;

/// <summary>Where an event reaches a function: a queue of the runner's that a rule or a bucket notification delivers to.</summary>
public sealed record EventSource(string FunctionLogicalId, string EventName, string Kind, string QueueUrl, string Description);

/// <summary>An API route the template declares for a function.</summary>
public sealed record ApiRoute(string FunctionLogicalId, string EventName, string Method, string Path);

/// <summary>A schedule the template declares; moto does not fire schedules, so the runner fires them on demand.</summary>
public sealed record ScheduleSource(string FunctionLogicalId, string EventName, string Expression, string RuleName);

/// <summary>What provisioning made: the sources the runner polls, the routes it serves, the schedules it can fire.</summary>
public sealed record LocalDeployment(
    IReadOnlyList<EventSource> EventSources, IReadOnlyList<ApiRoute> Routes, IReadOnlyList<ScheduleSource> Schedules,
    IReadOnlyList<TopicInbox> TopicInboxes, string FailedInvocationsQueueUrl);

/// <summary>A topic's two local subscribers: an inbox queue left for people and tests to read, and one the runner reads to print.</summary>
public sealed record TopicInbox(string TopicArn, string InboxQueueUrl, string PrinterQueueUrl);

/// <summary>
/// Creates in moto what template.yaml declares, as CloudFormation would create it in AWS: buckets (encrypted, versioned,
/// not public, as declared), topics and subscriptions, queues, parameters and tables; then wires each function's event
/// sources to a queue of the runner's, through the same AWS features AWS uses (an EventBridge rule with an SQS target, an S3
/// bucket notification), so an event travels the way it would in the account. Every call is idempotent: provisioning an
/// existing moto again changes nothing.
/// </summary>
public sealed class Provisioner(LocalStack stack, AwsClients clients, Action<string> say)
{
    public const string FailedInvocationsQueue = "steward-local-failed-invocations";

    private readonly IAmazonS3 _s3 = clients.S3();
    private readonly IAmazonSQS _sqs = clients.Sqs();
    private readonly IAmazonSimpleSystemsManagement _ssm = clients.Ssm();
    private readonly IAmazonDynamoDB _dynamo = clients.DynamoDb();

    public async Task<LocalDeployment> ProvisionAsync(CancellationToken ct)
    {
        using var sns = clients.Signed(AwsService.Sns);
        using var events = clients.Signed(AwsService.EventBridge);

        var failed = await CreateQueueAsync(FailedInvocationsQueue, redrive: null, ct);
        var failedArn = stack.QueueArn(FailedInvocationsQueue);

        foreach (var r in stack.Resources.OrderBy(r => Order(r.Type)))
        {
            switch (r.Type)
            {
                case "AWS::S3::Bucket": await CreateBucketAsync(r, ct); break;
                case "AWS::SQS::Queue": await CreateQueueAsync(stack.QueueName(r), redrive: null, ct); break;
                case "AWS::SNS::Topic":
                    await sns.CallQueryAsync("CreateTopic", "2010-03-31", [new("Name", stack.TopicName(r))], ct);
                    break;
                case "AWS::SNS::Subscription":
                    await sns.CallQueryAsync("Subscribe", "2010-03-31",
                    [
                        new("TopicArn", stack.ResolveString(r.Properties["TopicArn"])),
                        new("Protocol", stack.ResolveString(r.Properties["Protocol"])),
                        new("Endpoint", stack.ResolveString(r.Properties["Endpoint"])),
                    ], ct);
                    break;
                case "AWS::SSM::Parameter": await PutParameterAsync(r, ct); break;
                case "AWS::DynamoDB::Table": await CreateTableAsync(r, ct); break;
            }
        }

        // Every topic also delivers to two queues of the runner's: an inbox that people and tests read to see what SNS sent,
        // the AWS way, and one the runner reads to print each notification as it goes out.
        var inboxes = new List<TopicInbox>();
        foreach (var topic in stack.Resources.Where(r => r.Type == "AWS::SNS::Topic"))
        {
            var topicArn = stack.Ref(topic.LogicalId);
            var urls = new List<string>();
            foreach (var name in new[] { $"steward-local-{topic.LogicalId}-inbox", $"steward-local-{topic.LogicalId}-printer" })
            {
                urls.Add(await CreateQueueAsync(name, redrive: null, ct));
                await sns.CallQueryAsync("Subscribe", "2010-03-31", [new("TopicArn", topicArn), new("Protocol", "sqs"), new("Endpoint", stack.QueueArn(name))], ct);
            }
            inboxes.Add(new TopicInbox(topicArn, urls[0], urls[1]));
        }

        var sources = new List<EventSource>();
        var routes = new List<ApiRoute>();
        var schedules = new List<ScheduleSource>();
        var notifications = new Dictionary<string, List<QueueConfiguration>>();
        var redrive = JsonSerializer.Serialize(new Dictionary<string, object> { ["deadLetterTargetArn"] = failedArn, ["maxReceiveCount"] = 3 });

        foreach (var function in stack.Template.Functions.Where(f => stack.Resources.Any(r => r.LogicalId == f.LogicalId)))
        {
            foreach (var (eventName, type, props) in function.Events)
            {
                var queueName = $"steward-local-{function.Name}-{eventName}";
                switch (type)
                {
                    case "Api" or "HttpApi":
                        routes.Add(new ApiRoute(function.LogicalId, eventName, stack.ResolveString(props.GetValueOrDefault("Method")).ToUpperInvariant(),
                            stack.ResolveString(props.GetValueOrDefault("Path"))));
                        break;

                    case "EventBridgeRule" or "CloudWatchEvent":
                    {
                        var url = await CreateQueueAsync(queueName, redrive, ct);
                        var pattern = TemplateJson.ToNode(stack.Resolve(props.GetValueOrDefault("Pattern")))?.ToJsonString() ?? "{}";
                        await events.CallJsonAsync("PutRule", new JsonObject { ["Name"] = queueName, ["EventPattern"] = pattern, ["State"] = "ENABLED" }.ToJsonString(), ct);
                        await events.CallJsonAsync("PutTargets", new JsonObject
                        {
                            ["Rule"] = queueName,
                            ["Targets"] = new JsonArray(new JsonObject { ["Id"] = "steward-local", ["Arn"] = stack.QueueArn(queueName) }),
                        }.ToJsonString(), ct);
                        sources.Add(new EventSource(function.LogicalId, eventName, type, url, $"EventBridge rule {queueName}: {pattern}"));
                        break;
                    }

                    case "S3":
                    {
                        var url = await CreateQueueAsync(queueName, redrive, ct);
                        var bucket = stack.ResolveString(props.GetValueOrDefault("Bucket"));
                        var kinds = stack.Resolve(props.GetValueOrDefault("Events")) switch
                        {
                            List<object?> l => l.Select(e => e?.ToString() ?? "").ToList(),
                            var one => [stack.ResolveString(one)],
                        };
                        var config = new QueueConfiguration { Id = queueName, Queue = stack.QueueArn(queueName), Events = kinds.Select(k => new EventType(k)).ToList() };
                        if (!notifications.TryGetValue(bucket, out var list)) notifications[bucket] = list = [];
                        list.Add(config);
                        sources.Add(new EventSource(function.LogicalId, eventName, type, url, $"s3://{bucket} {string.Join(",", kinds)}"));
                        break;
                    }

                    case "Schedule" or "ScheduleV2":
                        var expression = stack.ResolveString(props.GetValueOrDefault("Schedule") ?? props.GetValueOrDefault("ScheduleExpression"));
                        schedules.Add(new ScheduleSource(function.LogicalId, eventName, expression, queueName));
                        break;

                    case "SQS":
                    {
                        var arn = stack.ResolveString(props.GetValueOrDefault("Queue"));
                        var name = arn[(arn.LastIndexOf(':') + 1)..];
                        sources.Add(new EventSource(function.LogicalId, eventName, type, stack.QueueUrl(name), $"SQS queue {name}"));
                        break;
                    }

                    default:
                        say($"  note: {function.LogicalId} event {eventName} of type {type} is not played locally");
                        break;
                }
            }
        }

        // One notification configuration per bucket holds every function's queue: S3 replaces it whole on each put.
        foreach (var (bucket, configs) in notifications)
            await _s3.PutBucketNotificationAsync(new PutBucketNotificationRequest { BucketName = bucket, QueueConfigurations = configs }, ct);

        return new LocalDeployment(sources, routes, schedules, inboxes, failed);
    }

    private static int Order(string type) => type switch
    {
        "AWS::SNS::Topic" or "AWS::SQS::Queue" or "AWS::S3::Bucket" => 0,
        _ => 1,
    };

    private async Task<string> CreateQueueAsync(string name, string? redrive, CancellationToken ct)
    {
        var attributes = new Dictionary<string, string> { ["VisibilityTimeout"] = "60" };
        if (redrive is not null) attributes["RedrivePolicy"] = redrive;
        var response = await _sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = name, Attributes = attributes }, ct);
        return response.QueueUrl;
    }

    private async Task CreateBucketAsync(TemplateResource r, CancellationToken ct)
    {
        var name = stack.BucketName(r);
        try
        {
            var request = new PutBucketRequest { BucketName = name };
            if (stack.Region != "us-east-1") request.BucketRegion = stack.Region;
            await _s3.PutBucketAsync(request, ct);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode is "BucketAlreadyOwnedByYou") { }

        var p = r.Properties;
        if (Path(p, "VersioningConfiguration", "Status") is "Enabled")
            await _s3.PutBucketVersioningAsync(new PutBucketVersioningRequest { BucketName = name, VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Enabled } }, ct);
        if (p.ContainsKey("BucketEncryption"))
            await _s3.PutBucketEncryptionAsync(new PutBucketEncryptionRequest
            {
                BucketName = name,
                ServerSideEncryptionConfiguration = new ServerSideEncryptionConfiguration
                {
                    ServerSideEncryptionRules = [new ServerSideEncryptionRule { ServerSideEncryptionByDefault = new ServerSideEncryptionByDefault { ServerSideEncryptionAlgorithm = ServerSideEncryptionMethod.AWSKMS }, BucketKeyEnabled = true }],
                },
            }, ct);
        if (p.ContainsKey("PublicAccessBlockConfiguration"))
            await _s3.PutPublicAccessBlockAsync(new PutPublicAccessBlockRequest
            {
                BucketName = name,
                PublicAccessBlockConfiguration = new PublicAccessBlockConfiguration { BlockPublicAcls = true, BlockPublicPolicy = true, IgnorePublicAcls = true, RestrictPublicBuckets = true },
            }, ct);
    }

    private async Task PutParameterAsync(TemplateResource r, CancellationToken ct)
    {
        var p = r.Properties;
        await _ssm.PutParameterAsync(new PutParameterRequest
        {
            Name = stack.Ref(r.LogicalId),
            Type = new ParameterType(stack.ResolveString(p.GetValueOrDefault("Type") ?? "String")),
            Value = stack.ResolveString(p.GetValueOrDefault("Value")),
            Overwrite = true,
        }, ct);
    }

    private async Task CreateTableAsync(TemplateResource r, CancellationToken ct)
    {
        var p = r.Properties;
        var name = stack.Ref(r.LogicalId);
        var keys = (p.GetValueOrDefault("KeySchema") as List<object?> ?? []).OfType<Dictionary<string, object?>>()
            .Select(k => new KeySchemaElement(stack.ResolveString(k["AttributeName"]), new KeyType(stack.ResolveString(k["KeyType"])))).ToList();
        var attributes = (p.GetValueOrDefault("AttributeDefinitions") as List<object?> ?? []).OfType<Dictionary<string, object?>>()
            .Select(a => new AttributeDefinition(stack.ResolveString(a["AttributeName"]), new ScalarAttributeType(stack.ResolveString(a["AttributeType"])))).ToList();
        try
        {
            await _dynamo.CreateTableAsync(new CreateTableRequest { TableName = name, KeySchema = keys, AttributeDefinitions = attributes, BillingMode = BillingMode.PAY_PER_REQUEST }, ct);
        }
        catch (Amazon.DynamoDBv2.Model.ResourceInUseException) { return; }
        if (Path(p, "TimeToLiveSpecification", "AttributeName") is string ttl)
            await _dynamo.UpdateTimeToLiveAsync(new UpdateTimeToLiveRequest { TableName = name, TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = ttl, Enabled = true } }, ct);
    }

    private static object? Path(Dictionary<string, object?> root, params string[] keys)
    {
        object? node = root;
        foreach (var k in keys) node = node is Dictionary<string, object?> d && d.TryGetValue(k, out var v) ? v : null;
        return node;
    }
}
