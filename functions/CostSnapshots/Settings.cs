using System.Globalization;
using Steward.Core.Costs;
using Steward.Core.Ports;

namespace Steward.CostSnapshots;

/// <summary>Everything the template tells the cost report, read and checked once at start.</summary>
public sealed record Settings(string SnapshotBucket, string FinanceTopicArn, CostReportSettings Report)
{
    /// <exception cref="ConfigurationException">A variable is missing or malformed; the message names it.</exception>
    public static Settings From(IEnvironment env)
    {
        string Required(string name) => env.Get(name) is { Length: > 0 } v ? v.Trim() : throw new ConfigurationException($"{name} is not set: the template sets it for CostSnapshots");
        decimal Number(string name, decimal fallback) => env.Get(name) is not { Length: > 0 } text ? fallback
            : decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n
            : throw new ConfigurationException($"{name} is '{text}': write a number of 0 or more");
        var rules = new AnomalyRules(Number("ANOMALY_MIN_IMPACT", AnomalyRules.Default.MinimumImpact), Number("ANOMALY_MIN_PERCENT", AnomalyRules.Default.MinimumImpactPercent));
        return new Settings(Required("SNAPSHOT_BUCKET"), Required("FINANCE_TOPIC_ARN"),
            CostReportSettings.Default with { TagKey = env.Get("COST_ALLOCATION_TAG") is { Length: > 0 } tag ? tag.Trim() : CostReportSettings.Default.TagKey, Rules = rules });
    }
}
