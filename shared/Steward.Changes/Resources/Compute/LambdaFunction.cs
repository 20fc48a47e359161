using static Steward.Changes.PriceLines;

namespace Steward.Changes;

public sealed record LambdaFunction(decimal MemoryMb, string Architecture, decimal EphemeralStorageMb) : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var f = this;
        var arm = f.Architecture == "arm64";
        var requests = usage["monthly_requests"];
        var seconds = requests * usage["request_duration_ms"] / 1000;
        var gbSeconds = seconds * f.MemoryMb / 1024;
        var components = new List<CostComponent> { Usage("Requests", "1M requests", Millions(requests), at.Catalog.Price("lambda.requests")) };
        var ephemeral = at.Catalog.Entry("lambda.ephemeralStorage");
        var extraEphemeralGb = Math.Max(0, f.EphemeralStorageMb / 1024 - (ephemeral.FreeQuantity ?? 0.5m));
        if (gbSeconds is null || extraEphemeralGb > 0)
            components.Add(Usage("Ephemeral storage", "GB-seconds", seconds * extraEphemeralGb, ephemeral.Usd!.Value));
        var key = arm ? "lambda.arm64.duration" : "lambda.x86_64.duration";
        if (gbSeconds is null)
            components.Add(Usage($"Duration (first {Billions(at.Catalog.Entry(key).Tiers![0].UpTo!.Value)})", "GB-seconds", null, at.Catalog.Price(key)));
        else
            foreach (var tier in at.Catalog.Tiered(key, gbSeconds.Value).Where(t => t.Quantity > 0))
                components.Add(Usage(TierName("Duration", tier, Billions), "GB-seconds", tier.Quantity, tier.Price));
        return new PricedResource(name, type) { Components = components };
    }
}
