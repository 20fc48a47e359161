using System.Xml.Linq;
using Steward.Changes;
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
    public void Every_function_is_a_program_whose_Main_runs_its_Function_class(string id)
    {
        var code = FunctionCode.Of(Function(id), Fixtures.ProjectRoot).EnsureBuilt();
        var type = code.FunctionType;
        Assert.NotNull(type.Assembly.EntryPoint);
        Assert.NotNull(type.GetConstructor(Type.EmptyTypes));
        var handle = type.GetMethod("Handle", [typeof(Stream)]);
        Assert.Equal(typeof(Task<Stream>), handle?.ReturnType);
    }

    [Theory]
    [MemberData(nameof(FunctionIds))]
    public void Every_CodeUri_is_a_project_of_the_solution_that_builds_the_handler_assembly(string id)
    {
        var function = Function(id);
        var folder = Path.Combine(Fixtures.ProjectRoot, function.CodeUri!);
        Assert.True(Directory.Exists(folder), $"{id}: CodeUri {function.CodeUri} does not exist");
        var project = Assert.Single(Directory.GetFiles(folder, "*.csproj"));
        Assert.Equal(FunctionCode.Of(function, Fixtures.ProjectRoot).AssemblyName, XDocument.Load(project).Descendants("AssemblyName").Single().Value);
        var solution = File.ReadAllText(Path.Combine(Fixtures.ProjectRoot, "Functions.sln"));
        Assert.Contains(Path.GetRelativePath(Fixtures.ProjectRoot, project).Replace('/', '\\'), solution);
    }

    [Theory]
    [MemberData(nameof(FunctionIds))]
    public void Every_function_is_a_bootstrap_on_provided_al2023_on_arm64(string id)
    {
        Assert.Equal("provided.al2023", Function(id).Runtime);
        Assert.Equal("bootstrap", Function(id).Handler);
        Assert.Equal(new List<object?> { "arm64" }, Template.FunctionGlobals["Architectures"]);
    }

    /// <summary>A Function reads the event, hands it to the domain and writes the answer; decisions live in Steward.Core, tested without Lambda.</summary>
    [Theory]
    [MemberData(nameof(FunctionIds))]
    public void Every_Function_class_is_wiring_of_at_most_80_lines(string id)
    {
        var source = Path.Combine(Fixtures.ProjectRoot, Function(id).CodeUri!, "Function.cs");
        var lines = File.ReadAllLines(source).Length;
        Assert.True(lines <= 80, $"{source} is {lines} lines: move its decisions into the domain (an event handler in Steward.Core, as the others have)");
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

    private const string Drifted = """
        Parameters:
          Env: { Type: String, Default: prod }
          Size: { Type: Number }
        Mappings:
          Sizes:
            prod: { Disk: 100, Tags: { Team: ops, Optional: !Ref AWS::NoValue } }
        Conditions:
          IsProd: !Equals [!Ref Env, prod]
        Resources:
          Queue: { Type: AWS::SQS::Queue }
          Data: { Type: AWS::S3::Bucket, Properties: { BucketName: !Sub "data-${AWS::Region}" } }
        """;

    /// <summary>
    /// The runner and steward-cost read templates with one resolver (they had drifted: the runner lacked Fn::FindInMap and
    /// kept AWS::NoValue inside mappings): plain intrinsics give the same answer in both, and only what a deployment knows
    /// differs, a physical name for the runner, a reference for the pricing.
    /// </summary>
    [Fact]
    public void The_runner_and_the_pricing_resolve_a_template_alike_but_for_what_only_a_deployment_knows()
    {
        var template = CloudFormationTemplate.Parse(Drifted, "drifted.yaml");
        var stack = new LocalStack(template, "eu-west-1", "");
        var warnings = new List<string>();
        var pricing = new TemplateResolver(template, new Dictionary<string, string>(), new EstimateFacts("eu-west-1", warnings));
        object? Value(string yaml) => CloudFormationTemplate.Parse("V: " + yaml, "v.yaml").Root["V"];

        foreach (var plain in new[] { "!FindInMap [Sizes, !Ref Env, Disk]", "!If [IsProd, big, small]", "!Join ['-', [a, !Ref 'AWS::Region']]",
                     "!Select [1, !Split [',', 'x,y,z']]", "!Sub '${Env}-${AWS::Region}'", "!Ref Env" })
            Assert.Equal(TemplateResolver.Text(pricing.Resolve(Value(plain))), stack.ResolveString(Value(plain)));
        Assert.Equal("100", stack.ResolveString(Value("!FindInMap [Sizes, !Ref Env, Disk]")));
        Assert.Equal(new Dictionary<string, object?> { ["Team"] = "ops" }, stack.Resolve(Value("!FindInMap [Sizes, prod, Tags]")));
        Assert.Equal(new Dictionary<string, object?> { ["Team"] = "ops" }, pricing.Resolve(Value("!FindInMap [Sizes, prod, Tags]")));

        Assert.Equal("arn:aws:s3:::data-eu-west-1", stack.ResolveString(Value("!GetAtt Data.Arn")));
        Assert.Equal(new ResourceReference("Data"), pricing.Resolve(Value("!GetAtt Data.Arn")));
        Assert.Equal("arn:aws:sqs:eu-west-1:123456789012:steward-local-Queue", stack.GetAtt("Queue", "Arn"));

        // A parameter nobody gave: the pricing says why it is unknown; the runner refuses to deploy it, saying the same.
        Assert.Equal(new Unresolved("uses parameter Size, which has no default and was not given (--parameter Size=…)"), pricing.Resolve(Value("!Ref Size")));
        Assert.Contains("Size, which has no default", Assert.Throws<TemplateException>(() => stack.ResolveString(Value("!Ref Size"))).Message);
        Assert.Contains("Fn::ImportValue", Assert.Throws<TemplateException>(() => stack.ResolveString(Value("!ImportValue shared"))).Message);
        Assert.Contains("does not know this attribute", Assert.Throws<TemplateException>(() => stack.ResolveString(Value("!GetAtt Queue.Nope"))).Message);
        Assert.Empty(warnings);
    }
}

/// <summary>A function the runner cannot run as Lambda would is refused with what is wrong, before anything starts.</summary>
public class FunctionCodeTests
{
    [Theory]
    [InlineData("Runtime: dotnet10\n      Handler: Steward.GuardDutyResponder::Steward.GuardDutyResponder.Function::Handle", "CodeUri: functions/GuardDutyResponder/", "native bootstraps (Runtime: provided.al2023, Handler: bootstrap)")]
    [InlineData("Runtime: provided.al2023\n      Handler: main", "CodeUri: functions/GuardDutyResponder/", "Handler 'main'")]
    [InlineData("Runtime: provided.al2023\n      Handler: bootstrap", "CodeUri: functions/Nope/", "CodeUri functions/Nope/ is not a folder")]
    [InlineData("Runtime: provided.al2023\n      Handler: bootstrap", "CodeUri: functions/", "must hold exactly one .csproj, not 0")]
    [InlineData("Runtime: provided.al2023\n      Handler: bootstrap", "InlineCode: x", "has no CodeUri")]
    public void A_function_that_is_not_a_bootstrap_of_one_project_is_refused_with_the_reason(string runtime, string code, string expected)
    {
        var template = CloudFormationTemplate.Parse($"""
            Resources:
              F:
                Type: AWS::Serverless::Function
                Properties:
                  {runtime}
                  {code}
            """, Path.Combine(Fixtures.ProjectRoot, "template.yaml"));
        var e = Assert.Throws<HandlerException>(() => FunctionCode.Of(template.Functions.Single(), Fixtures.ProjectRoot));
        Assert.Contains(expected, e.Message);
    }
}
