using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// An EventBridge Scheduler schedule: its invocations, per million, usage (<c>monthly_invocations</c>; a schedule's
/// invocations a month are its rate's: a rate of 5 minutes is 8,760). The account's first 14 million a month are free, and,
/// as every free tier here, not applied: they are the account's, not the schedule's. Infracost lists schedules as free.
/// </summary>
public sealed record Schedule : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) =>
        new(name, type) { Components = [AtPrice(at, "Invocations", "1M invocations", Millions(usage["monthly_invocations"]), "scheduler.invocations", usageBased: true)] };
}
