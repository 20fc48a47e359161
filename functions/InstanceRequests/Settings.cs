using System.Globalization;
using Steward.Core.Instances;
using Steward.Core.Organizations;
using Steward.Core.Ports;

namespace Steward.InstanceRequests;

/// <summary>Everything the template tells this function, read and checked once at start (Lambda's init phase).</summary>
/// <param name="MemberSubnets">The subnet servers are built in, per member account (MEMBER_SUBNETS); a member not listed gets its default VPC.</param>
public sealed partial record Settings(
    string ApiKeysParameter, string ImageParameterPrefix, string IdempotencyTable, string LeaseTopicArn, string? SubnetId,
    IReadOnlyList<string> SecurityGroupIds, InstanceRequestsOptions Options, string AccountId = "", MemberSettings? Members = null,
    IReadOnlyDictionary<string, string>? MemberSubnets = null, ServiceNowSettings? ServiceNow = null)
{
    /// <exception cref="ConfigurationException">A required variable is missing or malformed; the message names it.</exception>
    public static Settings From(IEnvironment env)
    {
        string Required(string name) => Optional(name) ?? throw new ConfigurationException($"{name} is not set: the template sets it for InstanceRequests");
        string? Optional(string name) => env.Get(name) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        T Parsed<T>(string name, string fallback) where T : IParsable<T> =>
            T.TryParse(Optional(name) ?? fallback, CultureInfo.InvariantCulture, out var value) ? value
                : throw new ConfigurationException($"{name} is '{Optional(name)}', which is not a {typeof(T).Name}");

        var leaseDays = Parsed<int>("DEFAULT_LEASE_DAYS", "90");
        var ceiling = Parsed<decimal>("MONTHLY_QUOTE_CEILING", "500");
        var account = Required("ACCOUNT_ID");
        var members = MemberSettings.From(env, account, "InstanceRequests");
        var costCenterAccounts = Pairs(Optional("COST_CENTER_ACCOUNTS"), "COST_CENTER_ACCOUNTS", "cost centre", AccountPattern(), "a 12-digit account id");
        var memberSubnets = Pairs(Optional("MEMBER_SUBNETS"), "MEMBER_SUBNETS", "account", SubnetPattern(), "a subnet id (subnet-…)");
        foreach (var a in memberSubnets.Keys.Where(a => !AccountPattern().IsMatch(a)))
            throw new ConfigurationException($"MEMBER_SUBNETS names '{a}', which is not a 12-digit account id");
        if (!members.Any && costCenterAccounts.Values.FirstOrDefault(a => a != account) is { } stray)
            throw new ConfigurationException($"COST_CENTER_ACCOUNTS builds in account {stray}, but MEMBER_ACCOUNTS is empty: add it there, or build in this account");
        return new Settings(
            Required("API_KEYS_PARAMETER"), Optional("IMAGE_PARAMETER_PREFIX")?.TrimEnd('/') ?? "", Required("IDEMPOTENCY_TABLE"), Required("LEASE_TOPIC_ARN"),
            Optional("SUBNET_ID"),
            (Optional("SECURITY_GROUP_IDS") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            new InstanceRequestsOptions(ceiling, new RequestDefaults(
                Optional("DEFAULT_COST_CENTER") ?? "unallocated", Optional("DEFAULT_OWNER") ?? "unassigned",
                Optional("DEFAULT_APPLICATION") ?? "unassigned", Optional("DEFAULT_ENVIRONMENT") ?? "unspecified", leaseDays,
                costCenterAccounts.Count > 0 ? costCenterAccounts : null)),
            account, members, memberSubnets, ServiceNowSettings.From(Optional("SERVICENOW_INSTANCE_URL"), Optional("SERVICENOW_CREDENTIAL_PARAMETER"), Optional("REQUEST_ITEM_QUEUE_URL"),
                Optional("FAILED_EVENTS_QUEUE_URL")));
    }

    /// <summary>Reads <c>key=value,key=value</c>; each value must match <paramref name="value"/>.</summary>
    private static Dictionary<string, string> Pairs(string? text, string variable, string keyName, System.Text.RegularExpressions.Regex value, string valueName)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var at = entry.IndexOf('=');
            if (at <= 0 || !value.IsMatch(entry[(at + 1)..].Trim()))
                throw new ConfigurationException($"{variable} has '{entry}': write {keyName}={valueName} pairs separated by commas");
            pairs[entry[..at].Trim()] = entry[(at + 1)..].Trim();
        }
        return pairs;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[0-9]{12}$")]
    private static partial System.Text.RegularExpressions.Regex AccountPattern();

    [System.Text.RegularExpressions.GeneratedRegex("^subnet-[0-9a-f]{8,17}$")]
    private static partial System.Text.RegularExpressions.Regex SubnetPattern();
}

/// <summary>Where the request items' updates go: the ServiceNow instance, its integration user's credential, the outbox.</summary>
/// <param name="FailedEventsQueueUrl">Where an update ServiceNow refuses for good is kept, with the reason.</param>
public sealed record ServiceNowSettings(Uri InstanceUrl, string CredentialParameter, string OutboxQueueUrl, string FailedEventsQueueUrl)
{
    /// <returns>Null when no instance is set: builds then write nothing back.</returns>
    public static ServiceNowSettings? From(string? url, string? credential, string? queue, string? failed)
    {
        if (url is null) return null;
        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var uri)
            || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
            throw new ConfigurationException($"SERVICENOW_INSTANCE_URL is '{url}': write the instance's https address (https://example.service-now.com); plain http only to 127.0.0.1");
        return new ServiceNowSettings(uri,
            credential ?? throw new ConfigurationException("SERVICENOW_CREDENTIAL_PARAMETER is not set: the template sets it with ServiceNowInstanceUrl"),
            queue ?? throw new ConfigurationException("REQUEST_ITEM_QUEUE_URL is not set: the template sets it"),
            failed ?? throw new ConfigurationException("FAILED_EVENTS_QUEUE_URL is not set: the template sets it"));
    }
}
