using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// An AWS Transfer Family server: by the hour for each protocol it has enabled (SFTP unless it names others), and by the
/// GB downloaded and uploaded over them, one price whatever the protocol. A protocol the catalog has no rate for (AS2) is
/// "price not found", never $0.
/// </summary>
public sealed record TransferServer(IReadOnlyList<string> Protocols) : Priceable
{
    /// <summary>The protocols a server's source names, in Infracost's order; SFTP, AWS's default, when it names none.</summary>
    public static TransferServer Of(IReadOnlyList<string> named) =>
        new(named.Count == 0 ? ["SFTP"] : named.Select(p => p.ToUpperInvariant()).Distinct().Order(StringComparer.Ordinal).ToList());

    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) => new(name, type)
    {
        Components =
        [
            .. Protocols.Select(p => AtPrice(at, $"{p} protocol enabled", "hours", at.Hours, $"transfer.protocol.{p}.hour")),
            AtPrice(at, "Data downloaded", "GB", usage["monthly_data_downloaded_gb"], "transfer.dataDownloaded", usageBased: true),
            AtPrice(at, "Data uploaded", "GB", usage["monthly_data_uploaded_gb"], "transfer.dataUploaded", usageBased: true),
        ],
    };
}
