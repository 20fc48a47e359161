using static Steward.Changes.PriceLines;

namespace Steward.Changes;

public sealed record LoadBalancer(bool Network) : Priceable
{
    /// <summary>
    /// LCUs from the usage file, the largest of AWS's four dimensions: processed GB (1 GB an hour a LCU), new connections
    /// (25 a second for an ALB, 800 for an NLB), active connections (3,000 a minute, 100,000 for an NLB) and rule
    /// evaluations (1,000 a second). Monthly totals in the file, except active connections (the average).
    /// </summary>
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var lb = this;
        var seconds = at.Hours * 3600;
        decimal? lcu = null;
        if (usage.Any)
            lcu = new[]
            {
                (usage["processed_bytes_gb"] ?? 0) / at.Hours,
                (usage["new_connections"] ?? 0) / seconds / (lb.Network ? 800 : 25),
                (usage["active_connections"] ?? 0) / (lb.Network ? 100_000 : 3000),
                lb.Network ? 0 : (usage["rule_evaluations"] ?? 0) / seconds / 1000,
            }.Max();
        var kind = lb.Network ? "nlb" : "alb";
        return new PricedResource(name, type)
        {
            Components =
            [
                new(lb.Network ? "Network load balancer" : "Application load balancer", "hours", at.Hours, at.Catalog.Price($"{kind}.hour")),
                Usage("Load balancer capacity units", "LCU", lcu, at.Catalog.Price($"{kind}.lcu") * at.Hours),
            ],
        };
    }
}
