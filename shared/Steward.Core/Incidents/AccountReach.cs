using Steward.Core.Observability;
using Steward.Core.Organizations;
using Steward.Core.Ports;

namespace Steward.Core.Incidents;

/// <summary>
/// The adapter for the account a finding is about, for every kind of response (instances, credentials, buckets). A member
/// account that cannot be reached (its role missing, denied, STS throttling past the SDK's retries) fails the invocation:
/// Lambda retries it and the dead-letter queue keeps the event, and people are told at once which account is not set up,
/// since nothing can be done there until it is.
/// </summary>
public sealed class AccountReach<T>(IAccountAccess<T> accounts, IAlertPublisher alerts, ResponsePolicy policy, StructuredLog log)
{
    /// <param name="what">What the finding is about, in words: "instance i-…", "IAM user alice", "bucket logs".</param>
    /// <param name="purpose">Why Steward goes there, the start of the role session's name: <c>steward-finding</c>, <c>steward-release</c>.</param>
    public async Task<T> ReachAsync(AccountStanding account, string findingId, string what, string purpose, CancellationToken ct)
    {
        try { return await accounts.InAsync(account.AccountId, SessionName($"{purpose}-{findingId}"), ct); }
        catch (DependencyException e)
        {
            log.Error("member account not reachable; the invocation fails so Lambda retries and the event is kept", ("findingId", findingId), ("accountId", account.AccountId),
                ("about", what), ("error", e.Message));
            await alerts.PublishAsync(AlertComposer.ComposeUnreachable(account, findingId, what, e.Message, policy.Region), ct);
            throw new ContainmentFailed($"account {account.Label} cannot be reached: {e.Message}", e);
        }
    }

    /// <summary>STS allows letters, digits and <c>+=,.@-</c>, 2 to 64 of them, in a role session's name.</summary>
    public static string SessionName(string text)
    {
        var name = new string(text.Select(c => char.IsAsciiLetterOrDigit(c) || "+=,.@-".Contains(c) ? c : '-').ToArray());
        return name.Length > 64 ? name[..64] : name;
    }
}
