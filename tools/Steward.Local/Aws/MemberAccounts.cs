using Amazon.Runtime;
using Amazon.SecurityToken.Model;
using Steward.Aws;
using Steward.Changes.CloudFormation;
using Steward.Local.Template;

namespace Steward.Local.Aws;

/// <summary>A member account the runner plays, with the roles its member stack made there.</summary>
/// <param name="Forwarded">Where the member stack's forwarding rule delivers locally: a queue in the member account, read
/// with <paramref name="Clients"/> (the member account's keys), whose events go to <see cref="ForwardedTo"/>.</param>
public sealed record MemberAccount(string AccountId, IReadOnlyList<string> RoleArns, AwsClients Clients, IReadOnlyList<ForwardedEvents> Forwarded);

/// <summary>A member rule's events, which in AWS reach the hub's bus and its rule for the function named.</summary>
public sealed record ForwardedEvents(string RuleName, string QueueUrl, string ForwardedTo);

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
    public const string HubStorageHooksRoleArn = $"arn:aws:iam::{LocalStack.AccountId}:role/steward-local-StorageHooksFunctionRole";
    public const string OrganizationId = "o-stewardlocal";

    /// <summary>
    /// The member stack's rules that forward to the hub's bus. moto keeps each account's bus to itself: a target on another
    /// account's bus is accepted and never delivered (tried on moto 5.2). So the rule is created in the member account as
    /// written, with a queue of the runner's there as its target, and the runner hands what arrives to the function the
    /// hub's rule for member events (StorageHooks' MemberObjectEvents) would: the same event, its account the member's.
    /// </summary>
    private async Task<IReadOnlyList<ForwardedEvents>> ForwardAsync(LocalStack stack, AwsClients there, string account, CancellationToken ct)
    {
        var forwarded = new List<ForwardedEvents>();
        using var events = there.Signed(AwsService.EventBridge);
        using var sqs = there.Sqs();
        foreach (var rule in stack.Resources.Where(r => r.Type == "AWS::Events::Rule"))
        {
            var name = "steward-local-" + rule.LogicalId;
            var queue = (await sqs.CreateQueueAsync(name, ct)).QueueUrl;
            var pattern = TemplateJson.ToNode(stack.Resolve(rule.Properties["EventPattern"]))!.ToJsonString();
            await events.CallJsonAsync("PutRule", new System.Text.Json.Nodes.JsonObject { ["Name"] = name, ["EventPattern"] = pattern, ["State"] = "ENABLED" }.ToJsonString(), ct);
            await events.CallJsonAsync("PutTargets", new System.Text.Json.Nodes.JsonObject
            {
                ["Rule"] = name,
                ["Targets"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["Id"] = "steward-local", ["Arn"] = $"arn:aws:sqs:{region}:{account}:{name}" }),
            }.ToJsonString(), ct);
            forwarded.Add(new ForwardedEvents(rule.LogicalId, queue, "StorageHooksFunction"));
        }
        return forwarded;
    }

    public static string TemplatePath(string hubTemplatePath) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(hubTemplatePath))!, "member", "template.yaml");

    public async Task<IReadOnlyList<MemberAccount>> DeployAsync(string templatePath, IEnumerable<string> accounts, string rolePrefix, CancellationToken ct)
    {
        var template = CloudFormationTemplate.Load(templatePath);
        var parameters = new Dictionary<string, string>
        {
            ["HubAccountId"] = LocalStack.AccountId, ["HubResponderRoleArn"] = HubResponderRoleArn, ["HubInstanceRequestsRoleArn"] = HubInstanceRequestsRoleArn, ["HubStorageHooksRoleArn"] = HubStorageHooksRoleArn, ["OrganizationId"] = OrganizationId, ["RolePrefix"] = rolePrefix,
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
            foreach (var role in stack.Resources.Where(r => r.Type == "AWS::IAM::Role" && r.Properties.ContainsKey("RoleName")))
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
            var forwarded = await ForwardAsync(stack, there, account, ct);
            say($"member account {account}: {string.Join(", ", arns)} (member/template.yaml)");
            foreach (var f in forwarded) say($"member account {account}: rule {f.RuleName} -> {f.ForwardedTo} (through {f.QueueUrl})");
            deployed.Add(new MemberAccount(account, arns, there, forwarded));
        }
        return deployed;
    }
}
