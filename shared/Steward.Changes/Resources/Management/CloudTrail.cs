using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// A CloudTrail trail, per 100,000 events delivered, usage: the first copy of management events is free, so only a
/// trail that records them (as trails do by default) pays for additional copies; data events always; CloudTrail
/// Insights where the trail turns it on.
/// </summary>
public sealed record CloudTrail(bool ManagementEvents, bool Insights) : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var lines = new List<CostComponent>();
        if (ManagementEvents || usage["monthly_additional_management_events"] is not null)
            lines.Add(AtPrice(at, "Management events (additional copies)", "100k events", Per(usage["monthly_additional_management_events"], 100_000), "cloudtrail.managementEvents", usageBased: true));
        lines.Add(AtPrice(at, "Data events", "100k events", Per(usage["monthly_data_events"], 100_000), "cloudtrail.dataEvents", usageBased: true));
        if (Insights || usage["monthly_insight_events"] is not null)
            lines.Add(AtPrice(at, "Insight events", "100k events", Per(usage["monthly_insight_events"], 100_000), "cloudtrail.insightEvents", usageBased: true));
        return new(name, type) { Components = lines };
    }
}
