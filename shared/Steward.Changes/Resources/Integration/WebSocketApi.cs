using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// An API Gateway WebSocket API: messages sent and received (per million, in 32 KB units, tiered) and connection minutes
/// (per million), both usage (<c>monthly_messages</c>, <c>monthly_connection_minutes</c>).
/// </summary>
public sealed record WebSocketApi : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) =>
        new(name, type)
        {
            Components =
            [
                .. TieredUsage(at, "Messages", "1M messages", Millions(usage["monthly_messages"]), "apigateway.websocket.messages", MillionsLabel),
                AtPrice(at, "Connection minutes", "1M minutes", Millions(usage["monthly_connection_minutes"]), "apigateway.websocket.connectionMinutes", usageBased: true),
            ],
        };
}
