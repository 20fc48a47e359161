namespace Steward.Core.Ports;

/// <summary>
/// An adapter (the EC2 containment, say) acting in one account: the function's own in the home account, or the same adapter
/// over a member account's role in a member account. Which accounts are members is <see cref="Organizations.MemberAccounts"/>'s
/// to decide, before this is asked.
/// </summary>
public interface IAccountAccess<T>
{
    /// <param name="sessionName">What the role session is called in the member account's CloudTrail: the finding or request it is for.</param>
    /// <exception cref="DependencyFailed">The member role could not be assumed; the message names the account and what to deploy there.</exception>
    Task<T> InAsync(string accountId, string sessionName, CancellationToken ct);
}

/// <summary>The home account only: the one adapter, for a deployment with no member accounts (and for tests).</summary>
public sealed class HomeAccountOnly<T>(string homeAccountId, T adapter) : IAccountAccess<T>
{
    public Task<T> InAsync(string accountId, string sessionName, CancellationToken ct) => accountId == homeAccountId
        ? Task.FromResult(adapter)
        : throw new InvalidOperationException($"account {accountId} is not this deployment's {homeAccountId}, and it has no member accounts");
}

public static class AccountAccess
{
    /// <summary>
    /// One part of what an account gives (its IAM, say, out of the responder's EC2, IAM and S3), so the parts share one
    /// member-role session per account and finding instead of assuming the role once for each.
    /// </summary>
    public static IAccountAccess<TPart> Select<T, TPart>(this IAccountAccess<T> access, Func<T, TPart> part) => new Projected<T, TPart>(access, part);

    private sealed class Projected<T, TPart>(IAccountAccess<T> access, Func<T, TPart> part) : IAccountAccess<TPart>
    {
        public async Task<TPart> InAsync(string accountId, string sessionName, CancellationToken ct) => part(await access.InAsync(accountId, sessionName, ct));
    }
}
