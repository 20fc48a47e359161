namespace Steward.Changes;

/// <summary>
/// One priced line of a resource, in Infracost's terms: a quantity a month in a unit (hours, GB, 1M requests) at a price
/// per unit. A usage-based line with no usage given has no quantity: its cost "depends on usage" and is shown with its
/// price, never counted as zero.
/// </summary>
public sealed record CostComponent(string Name, string Unit, decimal? MonthlyQuantity, decimal Price, bool UsageBased = false)
{
    public decimal? MonthlyCost => MonthlyQuantity * Price;
    public bool PriceNotFound { get; init; }
}

/// <summary>Whether a resource was priced, costs nothing by AWS's price list, or is one this tool cannot price yet.</summary>
public enum Pricing { Priced, Free, NotPriced }

/// <summary>
/// A resource of a template or plan with what it costs a month: its components, its parts (a server's volumes), and the
/// assumptions made where the source did not say (an AMI's root volume size).
/// </summary>
public sealed record PricedResource(string Name, string ResourceType)
{
    public IReadOnlyList<CostComponent> Components { get; init; } = [];
    public IReadOnlyList<PricedResource> Parts { get; init; } = [];
    public Pricing Pricing { get; init; } = Pricing.Priced;

    /// <summary>Why a resource is free or not priced, or what was assumed to price it.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public IEnumerable<CostComponent> AllComponents => Components.Concat(Parts.SelectMany(p => p.AllComponents));
    public decimal MonthlyCost => AllComponents.Sum(c => c.MonthlyCost ?? 0);
    public decimal MonthlyUsageCost => AllComponents.Where(c => c.UsageBased).Sum(c => c.MonthlyCost ?? 0);
    public bool HasUsageWithoutFigures => AllComponents.Any(c => c.UsageBased && c.MonthlyQuantity is null);

    public static PricedResource Free(string name, string type, string why) => new(name, type) { Pricing = Pricing.Free, Notes = [why] };
    public static PricedResource NotPriced(string name, string type, string why) => new(name, type) { Pricing = Pricing.NotPriced, Notes = [why] };
}

/// <summary>
/// What a template or plan costs a month: every resource it declares, priced, free or not priced, never dropped; and what
/// it was read from, in Infracost's project types (<c>cloudformation</c>, <c>terraform_plan_json</c>).
/// </summary>
public sealed record Breakdown(IReadOnlyList<PricedResource> Resources, IReadOnlyList<string> Warnings, string SourceType = "")
{
    public const string CloudFormation = "cloudformation", TerraformPlan = "terraform_plan_json";

    public static readonly Breakdown Empty = new([], []);
    public decimal MonthlyCost => Resources.Sum(r => r.MonthlyCost);
    public decimal MonthlyUsageCost => Resources.Sum(r => r.MonthlyUsageCost);
}

/// <summary>A resource's part in a change: added, removed, changed (its cost moved) or unchanged.</summary>
public enum ChangeKind { Added, Removed, Changed, Unchanged }

public sealed record ResourceChange(string Name, string ResourceType, ChangeKind Kind, PricedResource? Past, PricedResource? Planned)
{
    public decimal PastCost => Past?.MonthlyCost ?? 0;
    public decimal PlannedCost => Planned?.MonthlyCost ?? 0;
    public decimal Difference => PlannedCost - PastCost;
}

/// <summary>
/// The cost of a change: the past breakdown (base branch, or a plan's prior state), the planned one, and each resource's
/// change, matched by name (a template's logical id, a plan's address).
/// </summary>
public sealed record CostDiff(Breakdown Past, Breakdown Planned)
{
    public decimal PastTotal => Past.MonthlyCost;
    public decimal PlannedTotal => Planned.MonthlyCost;
    public decimal Difference => PlannedTotal - PastTotal;

    /// <summary>The change as a share of the past total; null when there was nothing before (an increase from zero has no percentage).</summary>
    public decimal? Percent => PastTotal == 0 ? null : Difference / PastTotal * 100;

    public IReadOnlyList<ResourceChange> Changes { get; } = Match(Past, Planned);

    /// <summary>Whether anything priced moved: a pull request comment is posted only then.</summary>
    public bool AnythingPricedChanged => Changes.Any(c => c.Kind != ChangeKind.Unchanged && (c.Past?.Pricing == Pricing.Priced || c.Planned?.Pricing == Pricing.Priced));

    private static List<ResourceChange> Match(Breakdown past, Breakdown planned)
    {
        var before = past.Resources.ToDictionary(r => r.Name);
        var changes = new List<ResourceChange>();
        foreach (var now in planned.Resources)
        {
            if (!before.Remove(now.Name, out var then)) { changes.Add(new(now.Name, now.ResourceType, ChangeKind.Added, null, now)); continue; }
            var same = then.ResourceType == now.ResourceType && Components(then).SequenceEqual(Components(now));
            changes.Add(new(now.Name, now.ResourceType, same ? ChangeKind.Unchanged : ChangeKind.Changed, then, now));
        }
        changes.AddRange(before.Values.Select(then => new ResourceChange(then.Name, then.ResourceType, ChangeKind.Removed, then, null)));
        return changes;
    }

    private static IEnumerable<(string, decimal?, decimal)> Components(PricedResource r) =>
        r.AllComponents.Select(c => (c.Name, c.MonthlyQuantity, c.Price));
}
