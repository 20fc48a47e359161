using static Steward.Changes.PriceLines;

namespace Steward.Changes;

public sealed record SqsQueue(bool Fifo) : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) => new(name, type)
    {
        Components = [Usage("Requests", "1M requests", Millions(usage["monthly_requests"] * Chunks(usage)), at.Catalog.Price(Fifo ? "sqs.fifo.requests" : "sqs.standard.requests"))],
    };
}
