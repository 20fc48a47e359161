using Amazon.Runtime;
using Amazon.SecurityToken.Model;
using Steward.Aws;
using Steward.Changes.CloudFormation;
using Steward.Local.Template;

namespace Steward.Local.Aws;

/// <summary>A member account the runner plays, with the roles its member stack made there.</summary>
public sealed record MemberAccount(string AccountId, IReadOnlyList<string> RoleArns);

/// <summary>
/// Deploys <c>member/template.yaml</c> into each member account the runner plays, as a service-managed StackSet would:
/// into the account, through the role Organizations creates in every member account for its management account
/// (<c>OrganizationAccountAccessRole</c>), its IAM roles created with their trust and inline policies as written. moto keeps
/// one state per account and maps the credentials STS issued to the role's account, so everything after AssumeRole happens
/// in the member account; moto does not check trust policies, so the trust is there to be read, not enforced.
/// </summary>
public sealed class MemberStackDeployer(AwsClients hub, string region, Action<string> say)
{
    /// <summary>What the runner's responder is called in the members' trust: the runner's functions have no IAM role of their own.</summary>
    public const string HubResponderRoleArn = $"arn:aws:iam::{LocalStack.AccountId}:role/steward-local-GuardDutyResponderFunctionRole";
    public const string HubInstanceRequestsRoleArn = $"arn:aws:iam::{LocalStack.AccountId}:role/steward-local-InstanceRequestsFunctionRole";
    public const string OrganizationId = "o-stewardlocal";

    public static string TemplatePath(string hubTemplatePath) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(hubTemplatePath))!, "member", "template.yaml");

    public async Task<IReadOnlyList<MemberAccount>> DeployAsync(string templatePath, IEnumerable<string> accounts, string rolePrefix, CancellationToken ct)
    {
        var template = CloudFormationTemplate.Load(templatePath);
        var parameters = new Dictionary<string, string>
        {
            ["HubAccountId"] = LocalStack.AccountId, ["HubResponderRoleArn"] = HubResponderRoleArn, ["HubInstanceRequestsRoleArn"] = HubInstanceRequestsRoleArn, ["OrganizationId"] = OrganizationId, ["RolePrefix"] = rolePrefix,
        };
        using var sts = hub.Sts();
        var deployed = new List<MemberAccount>();
        foreach (var account in accounts)
        {
            var assumed = (await sts.AssumeRoleAsync(new AssumeRoleRequest
            {
                RoleArn = $"arn:aws:iam::{account}:role/OrganizationAccountAccessRole", RoleSessionName = "steward-local-stackset",
            }, ct)).Credentials;
            var there = hub.As(new SessionAWSCredentials(assumed.AccessKeyId, assumed.SecretAccessKey, assumed.SessionToken));
            var stack = new LocalStack(template, region, "", parameters, account);
            using var iam = there.Signed(AwsService.Iam);
            var arns = new List<string>();
            foreach (var role in stack.Resources.Where(r => r.Type == "AWS::IAM::Role"))
            {
                var name = stack.ResolveString(role.Properties["RoleName"]);
                var trust = TemplateJson.ToNode(stack.Resolve(role.Properties["AssumeRolePolicyDocument"]))!.ToJsonString();
                try
                {
                    await iam.CallQueryAsync("CreateRole", "2010-05-08", [new("RoleName", name), new("AssumeRolePolicyDocument", trust),
                        new("MaxSessionDuration", stack.ResolveString(role.Properties.GetValueOrDefault("MaxSessionDuration") ?? 3600L))], ct);
                }
                catch (Steward.Core.Ports.DependencyFailed e) when (e.Code == "EntityAlreadyExists")
                {
                    await iam.CallQueryAsync("UpdateAssumeRolePolicy", "2010-05-08", [new("RoleName", name), new("PolicyDocument", trust)], ct);
                }
                foreach (var policy in (role.Properties.GetValueOrDefault("Policies") as List<object?> ?? []).Cast<Dictionary<string, object?>>())
                    await iam.CallQueryAsync("PutRolePolicy", "2010-05-08", [new("RoleName", name), new("PolicyName", stack.ResolveString(policy["PolicyName"])),
                        new("PolicyDocument", TemplateJson.ToNode(stack.Resolve(policy["PolicyDocument"]))!.ToJsonString())], ct);
                arns.Add(stack.GetAtt(role.LogicalId, "Arn"));
            }
            say($"member account {account}: {string.Join(", ", arns)} (member/template.yaml)");
            deployed.Add(new MemberAccount(account, arns));
        }
        return deployed;
    }
}
