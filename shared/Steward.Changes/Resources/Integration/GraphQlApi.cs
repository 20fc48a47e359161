using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// An AppSync GraphQL API: its query and mutation operations and its real-time updates (per million), and the minutes its
/// subscribers stay connected (per million), all usage (<c>monthly_queries</c>, <c>monthly_realtime_updates</c>,
/// <c>monthly_connection_minutes</c>). Its resolvers, data sources, functions, schema and keys have no charge of their
/// own; an API cache is priced on its own (by the hour of its instance type).
/// </summary>
public sealed record GraphQlApi : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) =>
        new(name, type)
        {
            Components =
            [
                AtPrice(at, "Query and data modification operations", "1M operations", Millions(usage["monthly_queries"]), "appsync.operations", usageBased: true),
                AtPrice(at, "Real-time updates", "1M updates", Millions(usage["monthly_realtime_updates"]), "appsync.realtimeUpdates", usageBased: true),
                AtPrice(at, "Connection minutes", "1M minutes", Millions(usage["monthly_connection_minutes"]), "appsync.connectionMinutes", usageBased: true),
            ],
        };
}
