using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>An AWS Config rule: its evaluations a month, at Config's tiered rate per evaluation, usage.</summary>
public sealed record ConfigRule : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) =>
        new(name, type) { Components = [.. TieredUsage(at, "Rule evaluations", "evaluations", usage["monthly_rule_evaluations"], "config.ruleEvaluations", Thousands)] };
}
