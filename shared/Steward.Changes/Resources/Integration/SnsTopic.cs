using static Steward.Changes.PriceLines;

namespace Steward.Changes;

public sealed record SnsTopic(bool Fifo) : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var t = this;
        if (t.Fifo)
            return new PricedResource(name, type) { Components = [Usage("FIFO Publish API requests", "1M requests", Millions(usage["monthly_requests"]), at.Catalog.Price("sns.fifo.requests"))] };
        var requests = Millions(usage["monthly_requests"] * Chunks(usage));
        var free = at.Catalog.Entry("sns.requests").FreeQuantity ?? 0;
        decimal? Over(decimal? n, decimal freeN) => n is null ? null : Math.Max(0, n.Value - freeN);
        var http = Per(usage["http_subscriptions"] * usage["monthly_requests"], 100_000);
        var email = Per(usage["email_subscriptions"] * usage["monthly_requests"], 100_000);
        return new PricedResource(name, type)
        {
            Components =
            [
                Usage("API requests (over 1M)", "1M requests", Over(requests, free), at.Catalog.Price("sns.requests")),
                Usage("HTTP/HTTPS notifications (over 100k)", "100k notifications", Over(http, at.Catalog.Entry("sns.http").FreeQuantity ?? 0), at.Catalog.Price("sns.http")),
                Usage("Email/Email-JSON notifications (over 1k)", "100k notifications", Over(email, at.Catalog.Entry("sns.email").FreeQuantity ?? 0), at.Catalog.Price("sns.email")),
            ],
            Notes = ["SMS is priced per destination country and is not estimated"],
        };
    }
}
