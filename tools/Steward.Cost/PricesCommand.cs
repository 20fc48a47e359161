using System.CommandLine;
using Steward.Aws;
using Steward.Aws.Pricing;
using Steward.Core.Pricing;

namespace Steward.Cost;

/// <summary>
/// <c>steward-cost prices refresh --region R</c>: rebuilds a region's catalog from the AWS Price List Query API (EC2
/// on-demand rates for Linux and Windows, EBS storage), keeping every other price of the catalog, and writes it where the
/// build embeds it (or to <c>--out</c>). Credentials and endpoint as the AWS CLI reads them (<c>AWS_PROFILE</c>,
/// <c>AWS_ENDPOINT_URL_PRICING</c>, …).
/// </summary>
public static class PricesCommand
{
    public static Command Create()
    {
        var region = new Option<string>("--region") { Description = "The region whose prices are read (its regionCode, e.g. eu-west-1)", Required = true };
        var output = new Option<string?>("--out") { Description = "Where the catalog is written (default: shared/Steward.Core/Pricing/catalog.<region>.json in this repository)" };
        var refresh = new Command("refresh", "Rebuild a region's price catalog from the AWS Price List Query API (needs pricing:GetProducts)");
        refresh.Add(region);
        refresh.Add(output);
        refresh.SetAction((parse, ct) => RefreshAsync(parse.GetValue(region)!, parse.GetValue(output), ct));
        var prices = new Command("prices", "The price catalog every part of Steward prices from");
        prices.Add(refresh);
        return prices;
    }

    private static async Task<int> RefreshAsync(string region, string? output, CancellationToken ct)
    {
        var target = output ?? Path.Combine(FindRepository(), "shared", "Steward.Core", "Pricing", $"catalog.{region}.json");
        var known = PriceCatalog.Regions.Contains(region);
        var start = PriceCatalog.Load(known ? region : "us-east-1");
        using var signed = AwsClients.FromProcess().Signed(AwsService.Pricing);
        var client = new PriceListClient(signed);
        var products = new List<string>();
        try
        {
            foreach (var os in new[] { "Linux", "Windows" })
                await foreach (var p in client.ProductsAsync("AmazonEC2", new Dictionary<string, string>
                               {
                                   ["regionCode"] = region, ["productFamily"] = "Compute Instance", ["operatingSystem"] = os,
                                   ["tenancy"] = "Shared", ["capacitystatus"] = "Used", ["preInstalledSw"] = "NA",
                               }, ct))
                    products.Add(p);
            await foreach (var p in client.ProductsAsync("AmazonEC2", new Dictionary<string, string> { ["regionCode"] = region, ["productFamily"] = "Storage" }, ct))
                products.Add(p);
        }
        catch (Exception e) when (e is Steward.Core.Ports.DependencyFailed or Steward.Core.Ports.Throttled or HttpRequestException)
        {
            Console.Error.WriteLine($"steward-cost: the Price List API at {signed.Endpoint} failed: {e.Message}");
            return 2;
        }
        var read = PriceListProducts.Read(products);
        if (read.InstanceTypes.Count == 0)
        {
            Console.Error.WriteLine($"steward-cost: the Price List API has no EC2 on-demand prices for region {region} (is it a region code, e.g. eu-west-1?); nothing written");
            return 2;
        }
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var catalog = start.Refreshed(region, read, new CatalogSource(today, $"AWS Price List Query API, GetProducts AmazonEC2 regionCode {region} (on-demand, shared tenancy)"));
        await using (var file = File.Create(target)) catalog.Write(file);
        Console.WriteLine($"{target}: {read.InstanceTypes.Count} instance types ({read.InstanceTypes.Values.Count(t => t.Windows is not null)} with Windows), " +
                          $"{read.EbsStorage.Count} EBS volume types, from {read.ProductsRead} products");
        if (!known)
            Console.Error.WriteLine($"steward-cost: {region} had no catalog: its other prices (Lambda, S3, RDS, …) are us-east-1's until reviewed");
        return 0;
    }

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Functions.sln"))) return dir.FullName;
        throw new Steward.Changes.ChangeInputException("run prices refresh inside the Steward repository, or give --out FILE");
    }
}
