using Steward.Core.Ports;

namespace Steward.Core.Organizations;

/// <summary>
/// A function's member-account settings, as the template sets them: <c>MEMBER_ACCOUNTS</c> (none, ids, or ORGANIZATION) and
/// <c>MEMBER_ROLE_ARN</c>, the function's member role with <c>{account}</c> for the account id. Checked at start.
/// </summary>
public sealed record MemberSettings(string Accounts, string? RoleArn)
{
    public static readonly MemberSettings None = new("", null);

    public bool Any => Accounts.Length > 0;

    /// <exception cref="ConfigurationException">The list is not account ids, or the role's ARN is missing or has no {account}.</exception>
    public static MemberSettings From(IEnvironment env, string homeAccountId, string function)
    {
        var accounts = env.Get("MEMBER_ACCOUNTS")?.Trim() ?? "";
        if (accounts.Length == 0) return None;
        // Only checked here: the organization's accounts are read when first needed, never at start.
        MemberAccounts.Parse(homeAccountId, accounts, directory: new Unread());
        var roleArn = env.Get("MEMBER_ROLE_ARN")?.Trim() is { Length: > 0 } arn ? arn
            : throw new ConfigurationException($"MEMBER_ROLE_ARN is not set: the template sets it for {function} when MemberAccounts is");
        if (!roleArn.Contains("{account}", StringComparison.Ordinal))
            throw new ConfigurationException($"MEMBER_ROLE_ARN is '{roleArn}': write the member role's ARN with {{account}} where the account id goes");
        return new MemberSettings(accounts, roleArn);
    }

    private sealed class Unread : IAccountDirectory
    {
        public Task<IReadOnlyDictionary<string, string>> NamesAsync(CancellationToken ct) => throw new InvalidOperationException("not read while settings are checked");
    }
}
