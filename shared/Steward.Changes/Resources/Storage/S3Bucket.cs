using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <param name="Analytics">A template's bucket with AnalyticsConfigurations: Storage Class Analysis, priced on the bucket.</param>
/// <param name="Inventory">A template's bucket with InventoryConfigurations: S3 Inventory, priced on the bucket.</param>
public sealed record S3Bucket(bool Analytics = false, bool Inventory = false) : Priceable
{
    /// <summary>
    /// S3 by storage class, as Infracost groups it; only classes the usage file mentions, Standard always. Terraform
    /// declares analytics and inventory as resources of their own; a template declares them on the bucket, so they are
    /// its lines here.
    /// </summary>
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        (string Label, string Usage, string Class)[] classes =
        [
            ("Standard", "standard", "STANDARD"), ("Intelligent tiering", "intelligent_tiering", "INTELLIGENT_TIERING"),
            ("Standard - infrequent access", "standard_infrequent_access", "STANDARD_IA"), ("One zone - infrequent access", "one_zone_infrequent_access", "ONEZONE_IA"),
            ("Glacier flexible retrieval", "glacier_flexible_retrieval", "GLACIER"), ("Glacier deep archive", "glacier_deep_archive", "DEEP_ARCHIVE"),
        ];
        var parts = new List<PricedResource>();
        foreach (var (label, key, storageClass) in classes)
        {
            var cls = storageClass;
            decimal? U(string k) => usage[$"{key}.{k}"];
            if (cls != "STANDARD" && !new[] { "storage_gb", "frequent_access_storage_gb", "monthly_tier_1_requests" }.Any(k => U(k) is not null)) continue;
            var c = new List<CostComponent>();
            var storageKey = $"s3.{cls}.storage";
            var gb = U(cls == "INTELLIGENT_TIERING" ? "frequent_access_storage_gb" : "storage_gb");
            var storageName = cls == "INTELLIGENT_TIERING" ? "Storage (frequent access)" : "Storage";
            if (gb is null) c.Add(Usage(storageName, "GB", null, at.Catalog.Price(storageKey)));
            else c.AddRange(at.Catalog.Tiered(storageKey, gb.Value).Select(t => Usage(storageName, "GB", t.Quantity, t.Price)));
            if (cls == "INTELLIGENT_TIERING")
            {
                c.Add(Usage("Monitoring and automation", "1k objects", Per(U("monitored_objects"), 1000), at.Catalog.Price("s3.INTELLIGENT_TIERING.monitoring")));
                cls = "STANDARD"; // its requests are priced as Standard's
            }
            if (at.Catalog.Has($"s3.{cls}.tier1"))
            {
                c.Add(Usage("PUT, COPY, POST, LIST requests", "1k requests", Per(U("monthly_tier_1_requests"), 1000), at.Catalog.Price($"s3.{cls}.tier1")));
                c.Add(Usage("GET, SELECT, and all other requests", "1k requests", Per(U("monthly_tier_2_requests"), 1000), at.Catalog.Price($"s3.{cls}.tier2")));
            }
            if (at.Catalog.Has($"s3.{cls}.retrieval")) c.Add(Usage("Retrievals", "GB", U("monthly_data_retrieval_gb"), at.Catalog.Price($"s3.{cls}.retrieval")));
            if (at.Catalog.Has($"s3.{cls}.selectScanned"))
            {
                c.Add(Usage("Select data scanned", "GB", U("monthly_select_data_scanned_gb"), at.Catalog.Price($"s3.{cls}.selectScanned")));
                c.Add(Usage("Select data returned", "GB", U("monthly_select_data_returned_gb"), at.Catalog.Price($"s3.{cls}.selectReturned")));
            }
            parts.Add(new PricedResource(label, "storage class") { Components = c });
        }
        var own = new List<CostComponent>();
        if (Analytics) own.Add(S3AnalyticsConfiguration.Line(at, usage));
        if (Inventory) own.Add(S3Inventory.Line(at, usage));
        return new PricedResource(name, type) { Components = own, Parts = parts };
    }
}
