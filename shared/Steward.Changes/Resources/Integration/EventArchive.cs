using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// An EventBridge archive: the events it takes in (processing, per GB) and keeps (storage, per GB-month), usage. Infracost
/// lists these lines on the event bus; an archive of the default bus has no bus in the source, so they are here too (give
/// usage on one of the two, not both).
/// </summary>
public sealed record EventArchive : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) =>
        new(name, type)
        {
            Components =
            [
                AtPrice(at, "Archive processing", "GB", usage["monthly_archive_processing_gb"], "events.archiveProcessing", usageBased: true),
                AtPrice(at, "Archive storage", "GB", usage["archive_storage_gb"], "events.archiveStorage", usageBased: true),
            ],
        };
}
