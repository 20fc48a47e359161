using System.Xml.Linq;
using Steward.Core.Ports;

namespace Steward.Aws.Incidents;

/// <summary>
/// The IAM calls of a credential response over IAM's Query API (version 2010-05-08, signed for us-east-1), since its SDK
/// package is not served here. Replace with AmazonIdentityManagementServiceClient here, and nowhere else, when it is.
/// </summary>
public sealed class IamPrincipalContainment(SignedAwsClient iam) : IPrincipalContainment
{
    private const string Version = "2010-05-08";

    public static readonly IReadOnlyList<string> IamActions =
    [
        "iam:GetUser", "iam:ListAccessKeys", "iam:ListUserPolicies", "iam:UpdateAccessKey", "iam:PutUserPolicy", "iam:DeleteUserPolicy",
        "iam:TagUser", "iam:UntagUser", "iam:GetRole", "iam:PutRolePolicy", "iam:DeleteRolePolicy",
    ];

    public async Task<UserFacts?> DescribeUserAsync(string userName, CancellationToken ct)
    {
        try { await iam.CallQueryAsync("GetUser", Version, [new("UserName", userName)], ct); }
        catch (DependencyFailed e) when (e.Code == "NoSuchEntity") { return null; }
        var keys = await iam.CallQueryAsync("ListAccessKeys", Version, [new("UserName", userName)], ct);
        var policies = await iam.CallQueryAsync("ListUserPolicies", Version, [new("UserName", userName)], ct);
        return new UserFacts(userName,
            [.. Members(keys, "AccessKeyMetadata").Select(m => new AccessKeyFacts(Child(m, "AccessKeyId"), Child(m, "Status")))],
            [.. Members(policies, "PolicyNames").Select(m => m.Value)]);
    }

    public Task SetAccessKeyStatusAsync(string userName, string accessKeyId, bool active, CancellationToken ct) =>
        iam.CallQueryAsync("UpdateAccessKey", Version, [new("UserName", userName), new("AccessKeyId", accessKeyId), new("Status", active ? "Active" : "Inactive")], ct);

    public Task PutUserPolicyAsync(string userName, string policyName, string document, CancellationToken ct) =>
        iam.CallQueryAsync("PutUserPolicy", Version, [new("UserName", userName), new("PolicyName", policyName), new("PolicyDocument", document)], ct);

    /// <summary>A policy already gone (released twice, or removed by hand) is what a release wants: not an error.</summary>
    public async Task DeleteUserPolicyAsync(string userName, string policyName, CancellationToken ct)
    {
        try { await iam.CallQueryAsync("DeleteUserPolicy", Version, [new("UserName", userName), new("PolicyName", policyName)], ct); }
        catch (DependencyFailed e) when (e.Code == "NoSuchEntity") { }
    }

    public Task TagUserAsync(string userName, IReadOnlyDictionary<string, string> tags, CancellationToken ct) =>
        iam.CallQueryAsync("TagUser", Version, [new("UserName", userName), .. tags.SelectMany((t, i) => new KeyValuePair<string, string>[]
        {
            new($"Tags.member.{i + 1}.Key", t.Key), new($"Tags.member.{i + 1}.Value", t.Value),
        })], ct);

    public Task UntagUserAsync(string userName, IReadOnlyList<string> keys, CancellationToken ct) =>
        iam.CallQueryAsync("UntagUser", Version, [new("UserName", userName), .. keys.Select((k, i) => new KeyValuePair<string, string>($"TagKeys.member.{i + 1}", k))], ct);

    public async Task<bool> RoleExistsAsync(string roleName, CancellationToken ct)
    {
        try { await iam.CallQueryAsync("GetRole", Version, [new("RoleName", roleName)], ct); return true; }
        catch (DependencyFailed e) when (e.Code == "NoSuchEntity") { return false; }
    }

    public Task PutRolePolicyAsync(string roleName, string policyName, string document, CancellationToken ct) =>
        iam.CallQueryAsync("PutRolePolicy", Version, [new("RoleName", roleName), new("PolicyName", policyName), new("PolicyDocument", document)], ct);

    public async Task DeleteRolePolicyAsync(string roleName, string policyName, CancellationToken ct)
    {
        try { await iam.CallQueryAsync("DeleteRolePolicy", Version, [new("RoleName", roleName), new("PolicyName", policyName)], ct); }
        catch (DependencyFailed e) when (e.Code == "NoSuchEntity") { }
    }

    private static IEnumerable<XElement> Members(XElement result, string list) =>
        result.Elements().Where(e => e.Name.LocalName == list).SelectMany(l => l.Elements().Where(m => m.Name.LocalName == "member"));

    private static string Child(XElement e, string name) => e.Elements().FirstOrDefault(c => c.Name.LocalName == name)?.Value ?? "";
}
