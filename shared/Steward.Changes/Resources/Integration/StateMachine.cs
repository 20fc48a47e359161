using static Steward.Changes.PriceLines;

namespace Steward.Changes;

public sealed record StateMachine(bool Express) : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var s = this;
        if (!s.Express)
            return new PricedResource(name, type) { Components = [Usage("Transitions", "1k transitions", Per(usage["monthly_transitions"], 1000), at.Catalog.Price("stepfunctions.standard.transitions"))] };
        var requests = usage["monthly_requests"];
        var gbSeconds = requests * usage["workflow_duration_ms"] / 1000 * (usage["memory_mb"] ?? 64) / 1024;
        return new PricedResource(name, type)
        {
            Components =
            [
                Usage("Requests", "1M requests", Millions(requests), at.Catalog.Price("stepfunctions.express.requests")),
                Usage("Duration", "GB-seconds", gbSeconds, at.Catalog.Price("stepfunctions.express.duration")),
            ],
        };
    }
}
