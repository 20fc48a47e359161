using Steward.Core.Incidents;
using Steward.Core.Organizations;
using Steward.Core.Ports;

namespace Steward.GuardDutyResponder;

/// <summary>Everything the template tells the responder, read and checked once at start.</summary>
/// <param name="Members">Where else it may act (MEMBER_ACCOUNTS, MEMBER_ROLE_ARN).</param>
/// <param name="ProtectedRolePrefixes">Steward's own roles begin with one of them (the stack's name and a dash, the member roles' prefix): never revoked.</param>
public sealed record Settings(string AlertTopicArn, string EvidenceBucket, string FailedEventsQueueUrl, ResponsePolicy Policy, MemberSettings Members,
    IReadOnlyList<string> ProtectedRolePrefixes)
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
        var (topic, bucket, queue) = (Required("ALERT_TOPIC_ARN"), Required("EVIDENCE_BUCKET"), Required("FAILED_EVENTS_QUEUE_URL"));
        var policy = new ResponsePolicy(Required("ACCOUNT_ID"), Required("AWS_REGION"), dryRun, levels);
        var protectedPrefixes = Required("PROTECTED_ROLE_PREFIXES").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new Settings(topic, bucket, queue, policy, MemberSettings.From(env, policy.AccountId, "GuardDutyResponder"), protectedPrefixes);
    }
}

