using System.Globalization;
using Steward.Core.Instances;
using Steward.Core.Ports;

namespace Steward.InstanceRequests;

/// <summary>Everything the template tells this function, read and checked once at start (Lambda's init phase).</summary>
public sealed record Settings(
    string ApiKeysParameter, string ImageParameterPrefix, string IdempotencyTable, string LeaseTopicArn, string? SubnetId,
    IReadOnlyList<string> SecurityGroupIds, InstanceRequestsOptions Options)
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
        return new Settings(
            Required("API_KEYS_PARAMETER"), Optional("IMAGE_PARAMETER_PREFIX")?.TrimEnd('/') ?? "", Required("IDEMPOTENCY_TABLE"), Required("LEASE_TOPIC_ARN"),
            Optional("SUBNET_ID"),
            (Optional("SECURITY_GROUP_IDS") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            new InstanceRequestsOptions(ceiling, new RequestDefaults(
                Optional("DEFAULT_COST_CENTER") ?? "unallocated", Optional("DEFAULT_OWNER") ?? "unassigned",
                Optional("DEFAULT_APPLICATION") ?? "unassigned", Optional("DEFAULT_ENVIRONMENT") ?? "unspecified", leaseDays)));
    }
}
