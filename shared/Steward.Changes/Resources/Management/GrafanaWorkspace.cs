using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// An Amazon Managed Grafana workspace: by the month per editor or administrator (one at least, a fixed charge: a
/// workspace has an administrator; a usage file's <c>editors_administrator_licenses</c> counts more) and per viewer
/// (usage, <c>viewer_licenses</c>). Enterprise plugin licences (<c>aws_grafana_license_association</c>, which names the
/// workspace rather than the other way round) are not read.
/// </summary>
public sealed record GrafanaWorkspace : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) =>
        new(name, type)
        {
            Components =
            [
                AtPrice(at, "Editor/administrator licenses", "users", usage["editors_administrator_licenses"] ?? 1, "grafana.editor"),
                AtPrice(at, "Viewer licenses", "users", usage["viewer_licenses"] is > 0 and var v ? v : null, "grafana.viewer", usageBased: true),
            ],
        };
}
