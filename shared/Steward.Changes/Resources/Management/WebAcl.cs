using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// An AWS WAF (v2) web ACL: by the month, per rule (its own, and the rules inside the rule groups it references, which
/// only a usage file can count: <c>rule_group_rules</c>, <c>managed_rule_group_rules</c>), per rule group, and per
/// million requests. AWS Marketplace sellers' fees for managed rule groups are not included.
/// </summary>
public sealed record WebAcl(int Rules, int RuleGroups, int ManagedRuleGroups) : Priceable
{
    /// <summary>A web ACL from its rules' statements: each a rule of its own, a rule group reference or a managed rule group.</summary>
    public static WebAcl Of(IReadOnlyList<Props?> statements, string ruleGroup, string managed)
    {
        int groups = statements.Count(s => s?.Has(ruleGroup) == true), managedGroups = statements.Count(s => s?.Has(managed) == true);
        return new WebAcl(statements.Count - groups - managedGroups, groups, managedGroups);
    }

    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var rules = Rules + (usage["rule_group_rules"] ?? 0) + (usage["managed_rule_group_rules"] ?? 0);
        var lines = new List<CostComponent>
        {
            new("Web ACL usage", "months", 1, at.Catalog.Price("wafv2.webAcl")),
            new("Rules", "rules", rules, at.Catalog.Price("wafv2.rule")),
        };
        if (RuleGroups > 0) lines.Add(Usage("Rule groups", "groups", RuleGroups, at.Catalog.Price("wafv2.ruleGroup")));
        if (ManagedRuleGroups > 0) lines.Add(Usage("Managed rule groups", "groups", ManagedRuleGroups, at.Catalog.Price("wafv2.ruleGroup")));
        lines.Add(Usage("Requests", "1M requests", Millions(usage["monthly_requests"]), at.Catalog.Price("wafv2.requests")));
        return new(name, type) { Components = lines };
    }
}
