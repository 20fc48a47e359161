using Steward.Changes.CloudFormation;
using Steward.Testing;

namespace Steward.Integration.Tests;

/// <summary>
/// Safe defaults of template.yaml, checked: every bucket private, encrypted, versioned and HTTPS-only; every function with a
/// timeout, a memory size, a log group that does not keep logs forever, and a dead-letter queue for what it is invoked
/// with asynchronously; the API throttled.
/// </summary>
public class TemplateSafetyTests
{
    private static readonly CloudFormationTemplate Template = CloudFormationTemplate.Load(Path.Combine(Fixtures.ProjectRoot, "template.yaml"));

    private static Dictionary<string, object?> Map(object? value) => value as Dictionary<string, object?> ?? [];
    private static string? RefOf(object? value) => Map(value).GetValueOrDefault("Ref") as string;

    public static TheoryData<string> Buckets() => new(Template.Resources.Where(r => r.Type == "AWS::S3::Bucket").Select(r => r.LogicalId));
    public static TheoryData<string> Functions() => new(Template.Functions.Select(f => f.LogicalId));

    [Theory]
    [MemberData(nameof(Buckets))]
    public void Every_bucket_is_private_encrypted_versioned_and_HTTPS_only(string bucket)
    {
        var p = Template.Resources.Single(r => r.LogicalId == bucket).Properties;
        var block = Map(p.GetValueOrDefault("PublicAccessBlockConfiguration"));
        Assert.All(new[] { "BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets" }, k => Assert.Equal(true, block.GetValueOrDefault(k)));
        Assert.NotEmpty(Map(p.GetValueOrDefault("BucketEncryption")));
        Assert.Equal("Enabled", Map(p.GetValueOrDefault("VersioningConfiguration")).GetValueOrDefault("Status"));
        var policy = Template.Resources.Single(r => r.Type == "AWS::S3::BucketPolicy" && RefOf(r.Properties["Bucket"]) == bucket);
        var statements = Map(policy.Properties["PolicyDocument"])["Statement"] as List<object?>;
        Assert.Contains(statements!, s => Map(s).GetValueOrDefault("Effect") as string == "Deny" &&
            Map(Map(Map(s).GetValueOrDefault("Condition")).GetValueOrDefault("Bool")).GetValueOrDefault("aws:SecureTransport") is "false" or false);
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void Every_function_has_a_timeout_a_memory_size_and_a_log_group_with_retention(string function)
    {
        var p = Template.Resources.Single(r => r.LogicalId == function).Properties;
        Assert.NotNull(p.GetValueOrDefault("Timeout") ?? Template.FunctionGlobals.GetValueOrDefault("Timeout"));
        Assert.NotNull(p.GetValueOrDefault("MemorySize") ?? Template.FunctionGlobals.GetValueOrDefault("MemorySize"));
        var logGroup = RefOf(Map(p.GetValueOrDefault("LoggingConfig")).GetValueOrDefault("LogGroup"));
        Assert.NotNull(logGroup);
        var group = Template.Resources.Single(r => r.LogicalId == logGroup);
        Assert.Equal("AWS::Logs::LogGroup", group.Type);
        Assert.Equal("LogRetentionDays", RefOf(group.Properties.GetValueOrDefault("RetentionInDays")));
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void A_function_invoked_asynchronously_keeps_what_still_fails_on_the_dead_letter_queue(string function)
    {
        var p = Template.Resources.Single(r => r.LogicalId == function).Properties;
        var asynchronous = Map(p.GetValueOrDefault("Events")).Values.Select(e => Map(e).GetValueOrDefault("Type") as string)
            .Where(t => t is "Schedule" or "ScheduleV2" or "EventBridgeRule" or "CloudWatchEvent" or "S3" or "SNS").ToList();
        if (asynchronous.Count == 0) return;
        var dlq = Map(p.GetValueOrDefault("DeadLetterQueue"));
        var onFailure = Map(Map(Map(p.GetValueOrDefault("EventInvokeConfig")).GetValueOrDefault("DestinationConfig")).GetValueOrDefault("OnFailure"));
        Assert.True(dlq.Count > 0 || onFailure.Count > 0, $"{function} is invoked by {string.Join(", ", asynchronous)} and keeps no failed event");
        Assert.Equal("FailedEventsQueue", (Map(dlq.GetValueOrDefault("TargetArn")).GetValueOrDefault("Fn::GetAtt") as List<object?>)?[0]);
    }

    [Fact]
    public void The_API_is_throttled()
    {
        var api = Template.Resources.Single(r => r.Type == "AWS::Serverless::Api").Properties;
        var settings = (api["MethodSettings"] as List<object?>)!.Select(Map).ToList();
        Assert.Contains(settings, s => s.ContainsKey("ThrottlingRateLimit") && s.ContainsKey("ThrottlingBurstLimit"));
    }

    /// <summary>Every statement of every function's policies, resolved as CloudFormation would (conditions, Sub, Ref).</summary>
    public static IEnumerable<(string Function, string Sid, List<string> Actions, List<string> Resources, Dictionary<string, object?> Condition)> Statements()
    {
        var stack = new Steward.Local.Template.LocalStack(Template, "us-east-1", "", new Dictionary<string, string> { ["ExternalBuckets"] = "ext-a", ["MinioTokensParameterName"] = "/m/t", ["MinioEndpointParameterName"] = "/m/e" });
        static List<string> Strings(object? v) => v is List<object?> list ? list.OfType<string>().ToList() : v is string one ? [one] : [];
        foreach (var function in Template.Functions)
        {
            var resource = Template.Resources.Single(r => r.LogicalId == function.LogicalId);
            foreach (var policy in resource.Properties.GetValueOrDefault("Policies") as List<object?> ?? [])
                // What is granted: a Deny (NeverRevokeStewardRoles, checked in IamGrantTests) only narrows it.
                foreach (var statement in ((List<object?>)stack.Resolve(Map(policy)["Statement"])!).Select(Map).Where(s => (string?)s["Effect"] == "Allow"))
                    yield return (function.LogicalId, statement.GetValueOrDefault("Sid") as string ?? "(no Sid)", Strings(statement.GetValueOrDefault("Action")),
                        Strings(statement.GetValueOrDefault("Resource")), Map(statement.GetValueOrDefault("Condition")));
        }
    }

    /// <summary>
    /// Actions the Service Authorization Reference gives no resource type: a policy can name no resource for them, so "*" is
    /// the only Resource they take. Anything else must name its resources.
    /// </summary>
    private static readonly Dictionary<string, string> NoResourceTypes = new()
    {
        ["ec2:DescribeInstances"] = "EC2's Describe actions are not resource-scoped",
        ["ec2:DescribeImages"] = "EC2's Describe actions are not resource-scoped",
        ["ec2:DescribeSecurityGroups"] = "EC2's Describe actions are not resource-scoped",
        ["ce:GetCostAndUsage"] = "Cost Explorer's reads are account-wide",
        ["ce:GetCostForecast"] = "Cost Explorer's reads are account-wide",
        ["organizations:ListAccounts"] = "ListAccounts reads the whole organization: it has no resource type",
    };

    /// <summary>
    /// IAM changes are the responder's only, on users and roles of this account only: never a group, a managed policy, a
    /// login profile, another account's principal, or IAM itself.
    /// </summary>
    [Fact]
    public void IAM_is_changed_only_by_the_responder_and_only_on_this_account_s_users_and_roles()
    {
        var iam = Statements().Where(s => s.Actions.Any(a => a.StartsWith("iam:", StringComparison.Ordinal))).ToList();
        Assert.NotEmpty(iam);
        foreach (var (function, sid, actions, resources, _) in iam)
        {
            Assert.Equal("GuardDutyResponderFunction", function);
            Assert.All(actions, a => Assert.Matches("^iam:(Get|List|Update|Put|Delete|Tag|Untag)(User|AccessKeys?|UserPolicies|UserPolicy|Role|RolePolicy)$", a));
            Assert.All(resources, r => Assert.Matches(@"^arn:aws:iam::123456789012:(user|role)/\*$", r));
        }
    }

    [Fact]
    public void No_wildcard_action_and_no_wildcard_resource_where_a_resource_can_be_named()
    {
        var statements = Statements().ToList();
        Assert.NotEmpty(statements);
        foreach (var (function, sid, actions, resources, _) in statements)
        {
            Assert.All(actions, a => Assert.False(a.Contains('*'), $"{function}/{sid}: action {a} is a wildcard"));
            if (resources.Contains("*"))
                Assert.All(actions, a => Assert.True(NoResourceTypes.ContainsKey(a), $"{function}/{sid}: {a} can name its resources, but is granted on \"*\""));
            Assert.All(resources, r => Assert.True(r == "*" || r.StartsWith("arn:aws:", StringComparison.Ordinal), $"{function}/{sid}: {r} is not an ARN"));
        }
    }

    /// <summary>
    /// EC2 calls that change what exists (stop, terminate, snapshot, retag, empty a group) are limited by tags wherever EC2
    /// evaluates them. The exceptions are the responder's: it must contain whatever instance GuardDuty names, and a tag
    /// condition there would let whoever controls an instance's tags (an attacker on it, say) keep it out of containment.
    /// </summary>
    private static readonly Dictionary<(string Function, string Sid), string> UnconditionedOnPurpose = new()
    {
        [("GuardDutyResponderFunction", "ProtectAndStop")] = "any compromised instance, whatever its tags",
        [("GuardDutyResponderFunction", "MoveInterfaces")] = "any compromised instance's interfaces, whatever their tags",
        [("GuardDutyResponderFunction", "SnapshotEvidence")] = "evidence of any compromised instance's volumes",
        [("GuardDutyResponderFunction", "CreateIsolationGroups")] = "an isolation group in any VPC a compromised instance is in",
        [("InstanceRequestsFunction", "LaunchFromImagesIntoTheNetwork")] = "images, subnets and groups are used, not changed; the instance itself is tag-conditioned",
        [("InstanceRequestsFunction", "CreateFinalSnapshots")] = "the snapshot resource of a CreateSnapshot whose volume is tag-conditioned",
    };

    private static readonly string[] Ec2Changes =
    [
        "ec2:StopInstances", "ec2:TerminateInstances", "ec2:RunInstances", "ec2:CreateSnapshot", "ec2:CreateTags", "ec2:DeleteTags",
        "ec2:ModifyInstanceAttribute", "ec2:ModifyNetworkInterfaceAttribute", "ec2:RevokeSecurityGroupEgress", "ec2:CreateSecurityGroup",
    ];

    [Fact]
    public void EC2_changes_are_scoped_by_tag_conditions_except_where_containment_must_reach_any_instance()
    {
        var changes = Statements().Where(s => s.Actions.Any(a => Ec2Changes.Contains(a))).ToList();
        Assert.NotEmpty(changes);
        foreach (var (function, sid, _, _, condition) in changes)
        {
            if (UnconditionedOnPurpose.ContainsKey((function, sid))) continue;
            var keys = condition.Values.SelectMany(v => Map(v).Keys).ToList();
            Assert.True(keys.Any(k => k.StartsWith("aws:ResourceTag/", StringComparison.Ordinal) || k.StartsWith("aws:RequestTag/", StringComparison.Ordinal)
                                      || k is "aws:TagKeys" or "ec2:CreateAction"),
                $"{function}/{sid} changes EC2 with no tag condition ({string.Join(", ", keys.DefaultIfEmpty("none"))})");
        }
        // Each exception is still needed (a statement renamed or tightened takes its entry with it).
        foreach (var (key, why) in UnconditionedOnPurpose)
            Assert.True(changes.Any(c => (c.Function, c.Sid) == key && c.Condition.Count == 0), $"{key.Function}/{key.Sid} ({why}) is no longer an unconditioned EC2 change: remove it from the list");
    }

    /// <summary>
    /// Each function's memory size is the one its measured cold start calls for (bench/coldstart writes the measurement and
    /// the size it implies; docs/performance.md explains the rule): a new measurement that calls for another size shows here.
    /// </summary>
    [Theory]
    [MemberData(nameof(Functions))]
    public void Every_function_s_memory_size_is_the_one_its_measured_cold_start_calls_for(string function)
    {
        using var measured = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixtures.ProjectRoot, "docs", "performance", "coldstart.json")));
        var name = Template.Functions.Single(f => f.LogicalId == function).Name;
        var run = measured.RootElement.EnumerateArray().SingleOrDefault(r => r.GetProperty("function").ValueKind == System.Text.Json.JsonValueKind.String && r.GetProperty("function").GetString() == name);
        Assert.True(run.ValueKind == System.Text.Json.JsonValueKind.Object, $"{name} has no cold-start measurement in docs/performance/coldstart.json: run bench/coldstart/run.sh");
        Assert.Equal(run.GetProperty("memorySizeMB").GetInt32(), Template.Functions.Single(f => f.LogicalId == function).MemorySize);
        // and the measurement met the goal it was made for: under half the Python original's wall time, under its memory
        Assert.True(run.GetProperty("wallVsPython").GetDouble() <= 0.5, $"{name}: {run.GetProperty("wallVsPython")} of the Python handler's time");
        Assert.True(run.GetProperty("memoryVsPython").GetDouble() <= 1.0, $"{name}: {run.GetProperty("memoryVsPython")} of its memory");
    }
}

