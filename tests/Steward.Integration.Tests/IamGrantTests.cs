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
            ["MemberAccounts"] = "111111111111",
        });
        var function = Template.Functions.Single(f => f.LogicalId == id);
        var resource = Template.Resources.Single(r => r.LogicalId == id);

        var granted = new SortedSet<string>();
        foreach (var policy in resource.Properties.GetValueOrDefault("Policies") as List<object?> ?? [])
        {
            var document = Assert.IsType<Dictionary<string, object?>>(policy, exactMatch: false);
            Assert.True(document.ContainsKey("Statement"), $"{id}: use explicit statements, not SAM policy templates ({string.Join(", ", document.Keys)})");
            // A Deny grants nothing (NeverRevokeStewardRoles narrows RevokeRoleSessions): only the Allows are the grant.
            foreach (var statement in ((List<object?>)stack.Resolve(document["Statement"])!).Cast<Dictionary<string, object?>>().Where(s => (string?)s["Effect"] == "Allow"))
            {
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

    private static readonly CloudFormationTemplate Member = CloudFormationTemplate.Load(Path.Combine(Fixtures.ProjectRoot, "member", "template.yaml"));

    private static readonly Dictionary<string, string> MemberParameters = new()
    {
        ["HubAccountId"] = "999999999999", ["HubResponderRoleArn"] = "arn:aws:iam::999999999999:role/steward-GuardDutyResponderFunctionRole-ABC",
        ["HubInstanceRequestsRoleArn"] = "arn:aws:iam::999999999999:role/steward-InstanceRequestsFunctionRole-DEF",
        ["HubStorageHooksRoleArn"] = "arn:aws:iam::999999999999:role/steward-StorageHooksFunctionRole-GHI",
        ["OrganizationId"] = "o-a1b2c3d4e5",
    };

    private static List<Dictionary<string, object?>> Statements(LocalStack stack, object? policies, Func<Dictionary<string, object?>, object?> document) =>
        (policies as List<object?> ?? []).Cast<Dictionary<string, object?>>()
            .SelectMany(p => ((List<object?>)stack.Resolve(document(p))!).OfType<Dictionary<string, object?>>()).ToList();

    private static IEnumerable<string> Actions(Dictionary<string, object?> statement) =>
        statement["Action"] is List<object?> list ? list.Cast<string>() : [(string)statement["Action"]!];

    /// <summary>Each member role is named for the hub function that assumes it, and grants exactly what that function does there.</summary>
    [Fact]
    public void Each_member_role_grants_exactly_what_its_function_does_in_a_member_account()
    {
        var stack = new LocalStack(Member, "us-east-1", "", MemberParameters);
        var roles = Member.Resources.Where(IsFunctionRole).ToList();
        Assert.NotEmpty(roles);
        foreach (var role in roles)
        {
            var name = stack.ResolveString(role.Properties["RoleName"]);
            Assert.StartsWith("StewardMember-", name);
            var function = Template.Functions.Single(f => f.Name == name["StewardMember-".Length..]);
            var declared = FunctionCode.Of(function, Fixtures.ProjectRoot).FunctionType.GetProperty("MemberIamActions", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as IEnumerable<string>;
            Assert.True(declared is not null, $"{function.LogicalId} has a member role but declares no MemberIamActions");
            var statements = Statements(stack, role.Properties["Policies"], p => ((Dictionary<string, object?>)p["PolicyDocument"]!)["Statement"])
                .Where(s => (string?)s["Effect"] == "Allow").ToList();
            Assert.Equal(new SortedSet<string>(declared!), new SortedSet<string>(statements.SelectMany(Actions)));
        }
    }

    private static string FunctionOf(LocalStack stack, TemplateResource role) => stack.ResolveString(role.Properties["RoleName"])["StewardMember-".Length..];

    private static IEnumerable<string> MemberActionsOf(string function) =>
        (IEnumerable<string>)FunctionCode.Of(Template.Functions.Single(f => f.Name == function), Fixtures.ProjectRoot).FunctionType
            .GetProperty("MemberIamActions", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    /// <summary>The roles a hub function assumes (named for it); the forwarding rule's role is EventBridge's own.</summary>
    private static bool IsFunctionRole(TemplateResource r) => r.Type == "AWS::IAM::Role" && r.Properties.ContainsKey("RoleName");

    public static TheoryData<string> MemberRoles() => new(Member.Resources.Where(IsFunctionRole).Select(r => r.LogicalId));

    /// <summary>The roles whose grants are the hub function's own EC2 statements; the storage hook's differ by design (any bucket of the account).</summary>
    public static TheoryData<string> Ec2MemberRoles() => new(["GuardDutyResponderRole", "InstanceRequestsRole"]);

    /// <summary>Each role trusts one principal: its hub function's role, by ARN, from the organization; nobody else, no wildcard.</summary>
    [Theory]
    [MemberData(nameof(MemberRoles))]
    public void A_member_role_trusts_only_its_hub_function_from_the_organization(string logicalId)
    {
        var stack = new LocalStack(Member, "us-east-1", "", MemberParameters);
        var role = Member.Resources.Single(r => r.LogicalId == logicalId);
        var trust = (Dictionary<string, object?>)stack.Resolve(role.Properties["AssumeRolePolicyDocument"])!;
        var statement = Assert.IsType<Dictionary<string, object?>>(Assert.Single((List<object?>)trust["Statement"]!), exactMatch: false);
        Assert.Equal("Allow", statement["Effect"]);
        Assert.Equal("sts:AssumeRole", statement["Action"]);
        Assert.Equal("arn:aws:iam::999999999999:root", ((Dictionary<string, object?>)statement["Principal"]!)["AWS"]);
        var condition = (Dictionary<string, object?>)statement["Condition"]!;
        var hubRole = FunctionOf(stack, role) switch { "GuardDutyResponder" => "HubResponderRoleArn", var f => $"Hub{f}RoleArn" };
        Assert.Equal(MemberParameters[hubRole], ((Dictionary<string, object?>)condition["ArnEquals"]!)["aws:PrincipalArn"]);
        Assert.Equal("o-a1b2c3d4e5", ((Dictionary<string, object?>)condition["StringEquals"]!)["aws:PrincipalOrgID"]);
    }

    /// <summary>
    /// Same conditions as at home: a member role's statements are its hub function's statements for what it does in a
    /// member account, statement by statement (the same Sids, actions, resources and tag conditions), the region a
    /// wildcard since the role is global.
    /// </summary>
    [Theory]
    [MemberData(nameof(Ec2MemberRoles))]
    public void A_member_role_s_statements_are_its_hub_function_s_in_any_region(string logicalId)
    {
        var member = new LocalStack(Member, "us-east-1", "", MemberParameters);
        var role = Member.Resources.Single(r => r.LogicalId == logicalId);
        var function = FunctionOf(member, role);
        var acting = MemberActionsOf(function).ToHashSet();
        var hub = new LocalStack(Template, "us-east-1", "", new Dictionary<string, string> { ["MemberAccounts"] = "111111111111" });
        var hubStatements = Statements(hub, Template.Resources.Single(r => r.LogicalId == function + "Function").Properties["Policies"], p => p["Statement"])
            .Where(s => (string?)s["Effect"] == "Allow" && Actions(s).All(acting.Contains))
            .Select(s => Steward.Local.Aws.TemplateJson.ToNode(s)!.ToJsonString().Replace(":us-east-1:", ":*:", StringComparison.Ordinal)).ToList();
        var memberStatements = Statements(member, role.Properties["Policies"], p => ((Dictionary<string, object?>)p["PolicyDocument"]!)["Statement"])
            .Where(s => (string?)s["Effect"] == "Allow")
            .Select(s => Steward.Local.Aws.TemplateJson.ToNode(s)!.ToJsonString()).ToList();
        Assert.Equal(hubStatements, memberStatements);
    }

    [Theory]
    [InlineData("GuardDutyResponder")]
    [InlineData("InstanceRequests")]
    [InlineData("StorageHooks")]
    public void The_hub_grants_assuming_only_the_function_s_own_member_role_and_only_when_there_are_members(string function)
    {
        Dictionary<string, object?>? Reach(string members)
        {
            var stack = new LocalStack(Template, "us-east-1", "", new Dictionary<string, string> { ["MemberAccounts"] = members });
            return Statements(stack, Template.Resources.Single(r => r.LogicalId == function + "Function").Properties["Policies"], p => p["Statement"])
                .SingleOrDefault(s => (string?)s.GetValueOrDefault("Sid") == "ReachMemberAccounts");
        }
        Assert.Null(Reach(""));
        Assert.Equal($"arn:aws:iam::*:role/StewardMember-{function}", Reach("111111111111,222222222222")!["Resource"]);
    }

    /// <summary>The storage hook's member role reads and tags any bucket's objects, but only of the account it is in.</summary>
    [Fact]
    public void The_storage_hook_s_member_role_reaches_only_its_own_account_s_buckets()
    {
        var stack = new LocalStack(Member, "us-east-1", "", MemberParameters, account: "111111111111");
        var role = Member.Resources.Single(r => r.LogicalId == "StorageHooksRole");
        var statements = Statements(stack, role.Properties["Policies"], p => ((Dictionary<string, object?>)p["PolicyDocument"]!)["Statement"]);
        Assert.All(statements, s => Assert.Equal("111111111111",
            ((Dictionary<string, object?>)((Dictionary<string, object?>)s["Condition"]!)["StringEquals"]!)["aws:ResourceAccount"]));
    }

    /// <summary>The forwarding rule's role can put events on the hub's default bus and nothing else, and only EventBridge of this account may use it.</summary>
    [Fact]
    public void The_forwarding_role_only_puts_events_on_the_hub_s_bus()
    {
        var stack = new LocalStack(Member, "eu-west-1", "", MemberParameters, account: "111111111111");
        var role = Member.Resources.Single(r => r.LogicalId == "ForwardObjectEventsRole");
        var statement = Assert.Single(Statements(stack, role.Properties["Policies"], p => ((Dictionary<string, object?>)p["PolicyDocument"]!)["Statement"]));
        Assert.Equal("events:PutEvents", statement["Action"]);
        Assert.Equal("arn:aws:events:eu-west-1:999999999999:event-bus/default", statement["Resource"]);
        var trust = (Dictionary<string, object?>)Assert.Single((List<object?>)((Dictionary<string, object?>)stack.Resolve(role.Properties["AssumeRolePolicyDocument"])!)["Statement"]!)!;
        Assert.Equal("events.amazonaws.com", ((Dictionary<string, object?>)trust["Principal"]!)["Service"]);
        Assert.Equal("111111111111", ((Dictionary<string, object?>)((Dictionary<string, object?>)trust["Condition"]!)["StringEquals"]!)["aws:SourceAccount"]);
    }

    /// <summary>
    /// Steward's own roles can never be revoked, whatever a finding names: in the hub, this stack's roles and the member
    /// roles' names; in a member account, the member roles. The only Deny statements are these.
    /// </summary>
    [Fact]
    public void Steward_s_own_roles_are_denied_to_the_session_revocation_in_the_hub_and_in_members()
    {
        var hub = new LocalStack(Template, "us-east-1", "", new Dictionary<string, string> { ["MemberAccounts"] = "111111111111" });
        var hubDenies = Statements(hub, Template.Resources.Single(r => r.LogicalId == "GuardDutyResponderFunction").Properties["Policies"], p => p["Statement"])
            .Where(s => (string?)s["Effect"] == "Deny").ToList();
        var hubDeny = Assert.Single(hubDenies);
        Assert.Equal(["iam:PutRolePolicy", "iam:DeleteRolePolicy"], Actions(hubDeny));
        const string account = LocalStack.AccountId;
        Assert.Equal([$"arn:aws:iam::{account}:role/steward-local-*", $"arn:aws:iam::{account}:role/StewardMember-*"], ((List<object?>)hubDeny["Resource"]!).Cast<string>());
        // The code refuses the same prefixes (PROTECTED_ROLE_PREFIXES).
        var env = (Dictionary<string, object?>)((Dictionary<string, object?>)Template.Resources.Single(r => r.LogicalId == "GuardDutyResponderFunction").Properties["Environment"]!)["Variables"]!;
        Assert.Equal("steward-local-,StewardMember-", hub.ResolveString(env["PROTECTED_ROLE_PREFIXES"]));

        var member = new LocalStack(Member, "us-east-1", "", MemberParameters, account: "111111111111");
        var memberDeny = Assert.Single(Statements(member, Member.Resources.Single(r => r.LogicalId == "GuardDutyResponderRole").Properties["Policies"],
            p => ((Dictionary<string, object?>)p["PolicyDocument"]!)["Statement"]), s => (string?)s["Effect"] == "Deny");
        Assert.Equal(["iam:PutRolePolicy", "iam:DeleteRolePolicy"], Actions(memberDeny));
        Assert.Equal("arn:aws:iam::111111111111:role/StewardMember-*", memberDeny["Resource"]);
        Assert.DoesNotContain(Member.Resources.Where(r => r.LogicalId != "GuardDutyResponderRole" && r.Type == "AWS::IAM::Role")
            .SelectMany(r => Statements(member, r.Properties["Policies"], p => ((Dictionary<string, object?>)p["PolicyDocument"]!)["Statement"])), s => (string?)s["Effect"] == "Deny");
    }
}
