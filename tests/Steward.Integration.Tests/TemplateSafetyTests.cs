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
}
