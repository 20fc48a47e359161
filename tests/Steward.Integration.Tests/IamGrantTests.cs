using System.Reflection;
using Steward.Changes.CloudFormation;
using Steward.Local.Hosting;
using Steward.Local.Template;
using Steward.Testing;

namespace Steward.Integration.Tests;

/// <summary>
/// Least privilege, checked: each function's policy in template.yaml grants exactly the actions its adapters declare beside
/// their calls (Cloud Custodian's test_resource_permissions idea). SAM's policy templates are refused: their actions are not
/// visible here.
/// </summary>
public class IamGrantTests
{
    private static readonly CloudFormationTemplate Template = CloudFormationTemplate.Load(Path.Combine(Fixtures.ProjectRoot, "template.yaml"));

    public static TheoryData<string> FunctionIds() => new(Template.Functions.Select(f => f.LogicalId));

    [Theory]
    [MemberData(nameof(FunctionIds))]
    public void The_template_grants_exactly_what_the_function_s_adapters_declare(string id)
    {
        // Every optional statement switched on, so a conditional grant is still seen.
        var stack = new LocalStack(Template, "us-east-1", "", new Dictionary<string, string>
        {
            ["ImageParameterPrefix"] = "/golden", ["MinioTokensParameterName"] = "/steward/minio-tokens", ["MinioEndpointParameterName"] = "/steward/minio-endpoint", ["ExternalBuckets"] = "ext-a,ext-b",
        });
        var function = Template.Functions.Single(f => f.LogicalId == id);
        var resource = Template.Resources.Single(r => r.LogicalId == id);

        var granted = new SortedSet<string>();
        foreach (var policy in resource.Properties.GetValueOrDefault("Policies") as List<object?> ?? [])
        {
            var document = Assert.IsType<Dictionary<string, object?>>(policy, exactMatch: false);
            Assert.True(document.ContainsKey("Statement"), $"{id}: use explicit statements, not SAM policy templates ({string.Join(", ", document.Keys)})");
            foreach (var statement in ((List<object?>)stack.Resolve(document["Statement"])!).Cast<Dictionary<string, object?>>())
            {
                Assert.Equal("Allow", statement["Effect"]);
                foreach (var action in statement["Action"] is List<object?> list ? list.Cast<string>() : [(string)statement["Action"]!]) granted.Add(action);
            }
        }

        var handlerType = FunctionCode.Of(function, Fixtures.ProjectRoot).FunctionType;
        var declared = new SortedSet<string>(handlerType.GetProperty("IamActions", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as IEnumerable<string> ?? []);
        Assert.Equal(declared, granted);
    }

    [Fact]
    public void Listed_external_buckets_are_granted_by_name_and_their_objects_only()
    {
        var stack = new LocalStack(Template, "us-east-1", "", new Dictionary<string, string> { ["ExternalBuckets"] = "ext-a,ext-b" });
        var resource = Template.Resources.Single(r => r.LogicalId == "StorageHooksFunction");
        var statements = ((List<object?>)resource.Properties["Policies"]!).Cast<Dictionary<string, object?>>()
            .SelectMany(p => ((List<object?>)stack.Resolve(p["Statement"])!).Cast<Dictionary<string, object?>>());
        var external = statements.Single(s => (string?)s.GetValueOrDefault("Sid") == "ReadTagAndListExternalBuckets");
        Assert.Equal(["arn:aws:s3:::ext-a/*", "arn:aws:s3:::ext-b/*", "arn:aws:s3:::ext-a", "arn:aws:s3:::ext-b"], ((List<object?>)external["Resource"]!).Cast<string>());
    }
}
