using static Steward.Changes.PriceLines;

namespace Steward.Changes;

public sealed record LogGroup : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) => new(name, type)
    {
        Components =
        [
            Usage("Data ingested", "GB", usage["monthly_data_ingested_gb"], at.Catalog.Price("logs.ingestion")),
            Usage("Archival Storage", "GB", usage["storage_gb"], at.Catalog.Price("logs.storage")),
            Usage("Insights queries data scanned", "GB", usage["monthly_data_scanned_gb"], at.Catalog.Price("logs.insights")),
        ],
    };
}
