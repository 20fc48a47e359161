namespace Steward.Changes;

public sealed record MetricAlarm(bool HighResolution, int Metrics) : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) => new(name, type)
    {
        Components = [new(HighResolution ? "High resolution" : "Standard resolution", "alarm metrics", Metrics,
            at.Catalog.Price(HighResolution ? "cloudwatch.alarm.highResolution" : "cloudwatch.alarm.standard"))],
    };
}
