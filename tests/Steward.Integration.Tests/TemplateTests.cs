using System.Xml.Linq;
using Steward.Changes.CloudFormation;
using Steward.Local.Hosting;
using Steward.Local.Template;
using Steward.Testing;

namespace Steward.Integration.Tests;

/// <summary>template.yaml as written: every function can really be deployed and started from what it declares.</summary>
public class TemplateTests
{
    private static readonly CloudFormationTemplate Template = CloudFormationTemplate.Load(Path.Combine(Fixtures.ProjectRoot, "template.yaml"));

    public static TheoryData<string> FunctionIds() => new(Template.Functions.Select(f => f.LogicalId));

    private static SamFunction Function(string id) => Template.Functions.Single(f => f.LogicalId == id);

    [Fact]
    public void The_template_declares_the_four_functions() =>
        Assert.Equal(["CostSnapshots", "GuardDutyResponder", "InstanceRequests", "StorageHooks"], Template.Functions.Select(f => f.Name).Order());

    [Theory]
    [MemberData(nameof(FunctionIds))]
    public void Every_handler_names_a_real_public_method_taking_a_stream(string id) =>
        Assert.NotNull(LambdaHandler.Bind(Function(id).Handler!));

    [Theory]
    [MemberData(nameof(FunctionIds))]
    public void Every_CodeUri_is_a_project_of_the_solution_that_builds_the_handler_assembly(string id)
    {
        var function = Function(id);
        var folder = Path.Combine(Fixtures.ProjectRoot, function.CodeUri!);
        Assert.True(Directory.Exists(folder), $"{id}: CodeUri {function.CodeUri} does not exist");
        var project = Assert.Single(Directory.GetFiles(folder, "*.csproj"));
        var assemblyName = XDocument.Load(project).Descendants("AssemblyName").Single().Value;
        Assert.Equal(function.Handler!.Split("::")[0], assemblyName);
        var solution = File.ReadAllText(Path.Combine(Fixtures.ProjectRoot, "Functions.sln"));
        Assert.Contains(Path.GetRelativePath(Fixtures.ProjectRoot, project).Replace('/', '\\'), solution);
    }

    [Theory]
    [MemberData(nameof(FunctionIds))]
    public void Every_function_runs_on_managed_dotnet10_on_arm64(string id)
    {
        Assert.Equal("dotnet10", Function(id).Runtime);
        Assert.Equal(new List<object?> { "arm64" }, Template.FunctionGlobals["Architectures"]);
    }

    [Fact]
    public void Short_tags_become_long_form_intrinsics()
    {
        var stack = new LocalStack(Template, "eu-west-1", "http://127.0.0.1:3000");
        var bucket = Template.Resources.Single(r => r.LogicalId == "DataBucket");
        Assert.Equal("steward-data-123456789012-eu-west-1-dev", stack.BucketName(bucket));
        Assert.Equal("arn:aws:sns:eu-west-1:123456789012:steward-local-AlertsTopic", stack.Ref("AlertsTopic"));
        Assert.Equal("arn:aws:sqs:eu-west-1:123456789012:steward-local-FailedEventsQueue", stack.GetAtt("FailedEventsQueue", "Arn"));
        var env = Function("GuardDutyResponderFunction").EnvironmentVariables;
        Assert.Equal("dev", stack.ResolveString(env["STEWARD_STAGE"]));
        Assert.Equal(stack.Ref("AlertsTopic"), stack.ResolveString(env["ALERT_TOPIC_ARN"]));
    }

    [Fact]
    public void Conditions_follow_parameters_and_their_overrides()
    {
        Assert.DoesNotContain(new LocalStack(Template, "us-east-1", "").Resources, r => r.LogicalId == "AlertsSmsSubscription");
        var withPhone = new LocalStack(Template, "us-east-1", "", new Dictionary<string, string> { ["AlertPhoneNumber"] = "+15555550100" });
        Assert.Contains(withPhone.Resources, r => r.LogicalId == "AlertsSmsSubscription");
        Assert.Throws<TemplateException>(() => new LocalStack(Template, "us-east-1", "", new Dictionary<string, string> { ["Nope"] = "x" }));
    }
}

/// <summary>Handler strings that cannot be bound are refused with what is wrong, as Lambda would refuse them at init.</summary>
public class LambdaHandlerTests
{
    [Theory]
    [InlineData("Steward.GuardDutyResponder::Function", "not Assembly::Namespace.Type::Method")]
    [InlineData("Steward.Missing::Steward.Missing.Function::Handle", "no assembly named Steward.Missing")]
    [InlineData("Steward.GuardDutyResponder::Steward.GuardDutyResponder.Nope::Handle", "has no type Steward.GuardDutyResponder.Nope")]
    [InlineData("Steward.GuardDutyResponder::Steward.GuardDutyResponder.Function::Run", "has no public method Run")]
    [InlineData("Steward.GuardDutyResponder::Steward.GuardDutyResponder.Function::ToString", "must be Task<Stream> ToString(Stream)")]
    public void A_handler_that_names_nothing_real_is_refused_with_the_reason(string handler, string expected)
    {
        var e = Assert.Throws<HandlerException>(() => LambdaHandler.Bind(handler));
        Assert.Contains(expected, e.Message);
    }
}
