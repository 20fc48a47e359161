using System.Text;

namespace Steward.Testing;

/// <summary>
/// The real AWS payloads in <c>../shared/fixtures</c> (beside the project), and the project's own root. SAM CLI's sample
/// events are handlebars templates; <see cref="Render"/> fills them the way <c>sam local generate-event</c> does.
/// </summary>
public static class Fixtures
{
    public static string ProjectRoot { get; } = FindProjectRoot();

    public static string Directory { get; } = Path.GetFullPath(Path.Combine(ProjectRoot, "..", "shared", "fixtures"));

    public static string PathOf(string relative)
    {
        var path = Path.Combine(Directory, relative);
        return File.Exists(path) ? path : throw new FileNotFoundException($"fixture {relative} is not in {Directory}");
    }

    /// <summary>The fixture's text, without the UTF-8 byte order mark some of them start with.</summary>
    public static string Text(string relative) => File.ReadAllText(PathOf(relative), Encoding.UTF8).TrimStart('\uFEFF');

    public static Stream Stream(string relative) => new MemoryStream(Encoding.UTF8.GetBytes(Text(relative)));

    public static IEnumerable<string> All(string extension) =>
        System.IO.Directory.EnumerateFiles(Directory, "*." + extension, SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Directory, p)).Order();

    /// <summary>Fills <c>{{{name}}}</c> placeholders, as SAM CLI does when it generates an event.</summary>
    public static string Render(string relative, IReadOnlyDictionary<string, string> values)
    {
        var text = Text(relative);
        foreach (var (k, v) in values) text = text.Replace("{{{" + k + "}}}", v);
        return text;
    }

    private static string FindProjectRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Functions.sln"))) return dir.FullName;
        throw new InvalidOperationException("Functions.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>The AWS Price List's recorded answers, as GetProducts items (a product and its terms, one JSON document each).</summary>
public static class PriceListFixtures
{
    /// <summary>The official SDK example's GetProducts answer (EBS io1 in Canada (Central)).</summary>
    public static string GetProductsExample() =>
        System.Text.Json.Nodes.JsonNode.Parse(Fixtures.Text("pricing/botocore-pricing-examples-1.json"))!["examples"]!["GetProducts"]![0]!["output"]!.ToJsonString();

    /// <summary>A bulk offer file's products as GetProducts would give them: each SKU's product with its on-demand terms.</summary>
    public static IEnumerable<string> FromOfferFile(string fixture)
    {
        var offer = System.Text.Json.Nodes.JsonNode.Parse(Fixtures.Text(fixture))!;
        foreach (var (sku, product) in offer["products"]!.AsObject())
        {
            var onDemand = offer["terms"]?["OnDemand"]?[sku]?.DeepClone();
            var item = new System.Text.Json.Nodes.JsonObject { ["product"] = product!.DeepClone(), ["serviceCode"] = "AmazonEC2" };
            item["terms"] = new System.Text.Json.Nodes.JsonObject { ["OnDemand"] = onDemand ?? new System.Text.Json.Nodes.JsonObject() };
            yield return item.ToJsonString();
        }
    }
}
