using System.Text.Json.Nodes;

namespace Steward.Aws.Pricing;

/// <summary>
/// The AWS Price List Query API over JSON 1.1 (target <c>AWSPriceListService</c>), since its SDK package is not available
/// to us: <c>GetProducts</c> with TERM_MATCH filters, every <c>NextToken</c>. Replace with AmazonPricingClient here when the
/// package is served. Reading prices needs <c>pricing:GetProducts</c> only.
/// </summary>
public sealed class PriceListClient(SignedAwsClient pricing)
{
    /// <summary>Each product's JSON document, page after page.</summary>
    public async IAsyncEnumerable<string> ProductsAsync(string serviceCode, IReadOnlyDictionary<string, string> filters,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        string? next = null;
        do
        {
            var request = new JsonObject
            {
                ["ServiceCode"] = serviceCode,
                ["FormatVersion"] = "aws_v1",
                ["MaxResults"] = 100,
                ["Filters"] = new JsonArray(filters.Select(f => (JsonNode)new JsonObject { ["Type"] = "TERM_MATCH", ["Field"] = f.Key, ["Value"] = f.Value }).ToArray()),
            };
            if (next is not null) request["NextToken"] = next;
            var answer = await pricing.CallJsonAsync("GetProducts", request.ToJsonString(), ct).ConfigureAwait(false);
            if (answer.TryGetProperty("PriceList", out var list))
                foreach (var item in list.EnumerateArray())
                    if (item.GetString() is { } product) yield return product; // each product is a JSON document in a string
            next = answer.TryGetProperty("NextToken", out var token) && token.GetString() is { Length: > 0 } t ? t : null;
        } while (next is not null);
    }
}
