using System.Collections.Concurrent;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Steward.Core.Ports;

namespace Steward.Aws.Organizations;

/// <summary>
/// Reaches a member account through the role its member stack deploys (<c>member/template.yaml</c>): STS AssumeRole with a
/// session named for the finding or request (so the member's CloudTrail says why Steward was there), for 15 minutes, the
/// shortest STS grants; the adapter is built on the session's credentials with the same endpoints. The home account is
/// reached with the function's own role. Sessions are kept per account and session name, until five minutes before they
/// expire, so one finding's calls share one session.
/// </summary>
/// <param name="build">The adapter over an account's clients; it is told which account, for what differs by account (its network).</param>
/// <param name="roleArnPattern">The member role's ARN with <c>{account}</c> where the account id goes, as the template writes it.</param>
public sealed class MemberRoles<T>(AwsClients home, string homeAccountId, string roleArnPattern, Func<AwsClients, string, T> build, TimeProvider clock) : IAccountAccess<T>
{
    public static readonly IReadOnlyList<string> IamActions = ["sts:AssumeRole"];

    public const int SessionSeconds = 900;

    private readonly IAmazonSecurityTokenService _sts = home.Sts();
    // Built on first use (Lazy<T> would need T's constructor kept for native AOT's trimmer).
    private readonly Lock _gate = new();
    private T? _home;
    private bool _homeBuilt;
    private readonly ConcurrentDictionary<(string Account, string Session), (T Adapter, DateTimeOffset Expires)> _sessions = new();

    public string RoleArn(string accountId) => roleArnPattern.Replace("{account}", accountId, StringComparison.Ordinal);

    public async Task<T> InAsync(string accountId, string sessionName, CancellationToken ct)
    {
        if (accountId == homeAccountId)
        {
            lock (_gate)
            {
                if (!_homeBuilt) (_home, _homeBuilt) = (build(home, homeAccountId), true);
                return _home!;
            }
        }
        if (_sessions.TryGetValue((accountId, sessionName), out var kept) && kept.Expires - clock.GetUtcNow() > TimeSpan.FromMinutes(5)) return kept.Adapter;

        var role = RoleArn(accountId);
        AssumeRoleResponse assumed;
        try
        {
            assumed = await _sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = role, RoleSessionName = sessionName, DurationSeconds = SessionSeconds }, ct);
        }
        catch (AmazonSecurityTokenServiceException e) when (e.ErrorCode is "AccessDenied" or "AccessDeniedException" or "InvalidClientTokenId")
        {
            throw new DependencyFailed("sts", e.ErrorCode, $"account {accountId} is not set up for Steward: {role} cannot be assumed ({e.Message}). " +
                "Deploy member/template.yaml in that account (its Hub…RoleArn parameters this stack's role outputs), or take it out of MemberAccounts", (int)e.StatusCode, e);
        }
        catch (AmazonSecurityTokenServiceException e) when (e.ErrorCode is "RegionDisabledException")
        {
            throw new DependencyFailed("sts", e.ErrorCode, $"STS is not activated in this region for account {accountId}: {e.Message}", (int)e.StatusCode, e);
        }
        catch (AmazonSecurityTokenServiceException e)
        {
            // Throttling and 5xx were retried by the SDK already (its standard retry mode); what is left fails the invocation.
            throw new DependencyFailed("sts", e.ErrorCode ?? "Unknown", $"STS refused to let Steward into account {accountId} as {role}: {e.ErrorCode} {e.Message}", (int)e.StatusCode, e);
        }
        catch (Exception e) when (Unreachable.Is(e)) { throw Unreachable.Translate("sts", role, e); }

        var c = assumed.Credentials;
        var adapter = build(home.As(new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken)), accountId);
        var expires = c.Expiration is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : clock.GetUtcNow().AddSeconds(SessionSeconds);
        foreach (var old in _sessions.Where(kv => kv.Value.Expires <= clock.GetUtcNow()).Select(kv => kv.Key).ToList()) _sessions.TryRemove(old, out _);
        _sessions[(accountId, sessionName)] = (adapter, expires);
        return adapter;
    }
}
