using Steward.Core.Incidents;
using Steward.Core.Ports;

namespace Steward.GuardDutyResponder;

/// <summary>Everything the template tells the responder, read and checked once at start.</summary>
/// <param name="MemberAccounts">MEMBER_ACCOUNTS as written: empty, account ids, or ORGANIZATION (read by <see cref="Steward.Core.Organizations.MemberAccounts.Parse"/>).</param>
/// <param name="MemberRoleArn">The member role's ARN with <c>{account}</c> for the account id; required when there are members.</param>
public sealed record Settings(string AlertTopicArn, string EvidenceBucket, string FailedEventsQueueUrl, ResponsePolicy Policy, string MemberAccounts = "", string? MemberRoleArn = null)
{
    /// <exception cref="ConfigurationException">A variable is missing or malformed; the message names it.</exception>
    public static Settings From(IEnvironment env)
    {
        string Required(string name) => env.Get(name) is { Length: > 0 } v ? v.Trim() : throw new ConfigurationException($"{name} is not set: the template sets it for GuardDutyResponder");
        var levels = new Dictionary<SeverityBand, ResponseLevel>(ResponsePolicy.DefaultLevels);
        foreach (var band in Enum.GetValues<SeverityBand>())
        {
            var name = "RESPONSE_" + band.ToString().ToUpperInvariant();
            if (env.Get(name) is not { Length: > 0 } text) continue;
            levels[band] = ResponsePolicy.ParseLevel(text) ?? throw new ConfigurationException($"{name} is '{text}': use notify, preserve or contain");
        }
        var dryRun = env.Get("DRY_RUN") is { Length: > 0 } d
            ? bool.TryParse(d, out var b) ? b : throw new ConfigurationException($"DRY_RUN is '{d}': use true or false")
            : false;
        var settings = new Settings(Required("ALERT_TOPIC_ARN"), Required("EVIDENCE_BUCKET"), Required("FAILED_EVENTS_QUEUE_URL"),
            new ResponsePolicy(Required("ACCOUNT_ID"), Required("AWS_REGION"), dryRun, levels));
        var members = env.Get("MEMBER_ACCOUNTS")?.Trim() ?? "";
        if (members.Length == 0) return settings;
        // Checked now, at start: a wrong list fails the deployment's first invocation, not the first member finding.
        Steward.Core.Organizations.MemberAccounts.Parse(settings.Policy.AccountId, members, directory: NoDirectory.Instance);
        var roleArn = Required("MEMBER_ROLE_ARN");
        if (!roleArn.Contains("{account}", StringComparison.Ordinal))
            throw new ConfigurationException($"MEMBER_ROLE_ARN is '{roleArn}': write the member role's ARN with {{account}} where the account id goes");
        return settings with { MemberAccounts = members, MemberRoleArn = roleArn };
    }
}

/// <summary>Stands in for Organizations while the settings are only checked: nothing is read at start.</summary>
file sealed class NoDirectory : IAccountDirectory
{
    public static readonly NoDirectory Instance = new();
    public Task<IReadOnlyDictionary<string, string>> NamesAsync(CancellationToken ct) => throw new InvalidOperationException("not read while settings are checked");
}
