using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// An EventBridge event bus: events published to it (AWS services' own events are delivered free; custom and partner
/// events are charged per million), its archives' processing and storage (as Infracost lists them; an archive declared
/// on its own has them too: <see cref="EventArchive"/>), and schema discovery, all usage.
/// </summary>
public sealed record EventBus : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) =>
        new(name, type)
        {
            Components =
            [
                AtPrice(at, "Custom events published", "1M events", Millions(usage["monthly_custom_events"]), "events.customEvents", usageBased: true),
                AtPrice(at, "Third-party events published", "1M events", Millions(usage["monthly_third_party_events"]), "events.partnerEvents", usageBased: true),
                AtPrice(at, "Archive processing", "GB", usage["monthly_archive_processing_gb"], "events.archiveProcessing", usageBased: true),
                AtPrice(at, "Archive storage", "GB", usage["archive_storage_gb"], "events.archiveStorage", usageBased: true),
                AtPrice(at, "Schema discovery", "1M events", Millions(usage["monthly_schema_discovery_events"]), "events.schemaDiscovery", usageBased: true),
            ],
        };
}
