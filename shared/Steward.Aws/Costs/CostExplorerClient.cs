using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Steward.Core.Costs;
using Steward.Core.Ports;

namespace Steward.Aws.Costs;

/// <summary>
/// Cost Explorer over its JSON 1.1 protocol (target <c>AWSInsightsIndexService</c>), since its SDK package is not available
/// to us: GetCostAndUsage (DAILY, UnblendedCost and AmortizedCost, grouped by SERVICE or the tag and by RECORD_TYPE, every NextPageToken) and GetCostForecast.
/// Replace with AmazonCostExplorerClient here, and nowhere else, when the package is served. Cost Explorer charges $0.01 a
/// request, so each is counted.
/// </summary>
public sealed class CostExplorerClient(SignedAwsClient ce) : ICostExplorer
{
    public static readonly IReadOnlyList<string> IamActions = ["ce:GetCostAndUsage", "ce:GetCostForecast"];

    private int _requests;
    public int Requests => _requests;

    public async Task<IReadOnlyList<CostRow>> DailyCostsAsync(CostDimension by, string tagKey, DateOnly from, DateOnly toExclusive, CancellationToken ct)
    {
        // Two groupings, Cost Explorer's most: what (the service or the cost centre) and the charge type, so tax, support,
        // credits and commitment fees are told from usage.
        var what = by switch { CostDimension.Service => Group("DIMENSION", "SERVICE"), CostDimension.Account => Group("DIMENSION", "LINKED_ACCOUNT"), _ => Group("TAG", tagKey) };
        var groupBy = new JsonArray(what, Group("DIMENSION", "RECORD_TYPE"));
        var rows = new List<CostRow>();
        await foreach (var (period, estimated, keys, metrics) in PagesAsync(from, toExclusive, groupBy, null, ["UnblendedCost", "AmortizedCost"], ct))
        {
            var name = by == CostDimension.CostCenter ? TagValue(keys[0], tagKey) : keys[0];
            rows.Add(new CostRow(period, by, name, Amount(metrics, "UnblendedCost"), Amount(metrics, "AmortizedCost"), estimated, keys.Count > 1 ? keys[1] : "Usage"));
        }
        return rows;
    }

    public async Task<IReadOnlyList<DailyAmount>> DrillDownAsync(CostDimension dimension, string key, string tagKey, DateOnly from, DateOnly toExclusive, CancellationToken ct)
    {
        var (groupBy, filter) = dimension == CostDimension.Service
            ? (Group("DIMENSION", "USAGE_TYPE"), new JsonObject { ["Dimensions"] = new JsonObject { ["Key"] = "SERVICE", ["Values"] = new JsonArray(key) } })
            : (Group("DIMENSION", "SERVICE"), TagFilter(key, tagKey));
        var lines = new List<DailyAmount>();
        await foreach (var (period, _, keys, metrics) in PagesAsync(from, toExclusive, new JsonArray(groupBy), filter, ["AmortizedCost"], ct))
            lines.Add(new DailyAmount(keys[0], period, Amount(metrics, "AmortizedCost")));
        return lines;
    }

    public async Task<IReadOnlyList<DailyAmount>> CostCentreByAccountAsync(string costCentre, string tagKey, DateOnly from, DateOnly toExclusive, CancellationToken ct)
    {
        var lines = new List<DailyAmount>();
        await foreach (var (period, _, keys, metrics) in PagesAsync(from, toExclusive, new JsonArray(Group("DIMENSION", "LINKED_ACCOUNT")), TagFilter(costCentre, tagKey), ["UnblendedCost"], ct))
            lines.Add(new DailyAmount(keys[0], period, Amount(metrics, "UnblendedCost")));
        return lines;
    }

    /// <summary>The untagged cost centre is the cost without the tag: Cost Explorer's ABSENT match.</summary>
    private static JsonObject TagFilter(string costCentre, string tagKey) => new()
    {
        ["Tags"] = costCentre.Length == 0
            ? new JsonObject { ["Key"] = tagKey, ["MatchOptions"] = new JsonArray("ABSENT") }
            : new JsonObject { ["Key"] = tagKey, ["Values"] = new JsonArray(costCentre), ["MatchOptions"] = new JsonArray("EQUALS") },
    };

    public async Task<decimal?> ForecastAsync(DateOnly from, DateOnly toExclusive, CancellationToken ct)
    {
        var request = new JsonObject { ["TimePeriod"] = Period(from, toExclusive), ["Metric"] = "UNBLENDED_COST", ["Granularity"] = "MONTHLY" };
        var answer = await CallAsync("GetCostForecast", request, ct);
        return answer.TryGetProperty("Total", out var total) && total.TryGetProperty("Amount", out var amount) &&
               decimal.TryParse(amount.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private async IAsyncEnumerable<(DateOnly Day, bool Estimated, IReadOnlyList<string> Keys, JsonElement Metrics)> PagesAsync(DateOnly from, DateOnly toExclusive, JsonArray groupBy,
        JsonObject? filter, string[] metrics, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        string? token = null;
        do
        {
            var request = new JsonObject
            {
                ["TimePeriod"] = Period(from, toExclusive), ["Granularity"] = "DAILY",
                ["Metrics"] = new JsonArray(metrics.Select(m => (JsonNode)m).ToArray()), ["GroupBy"] = groupBy.DeepClone(),
            };
            if (filter is not null) request["Filter"] = filter.DeepClone();
            if (token is not null) request["NextPageToken"] = token;
            var page = await CallAsync("GetCostAndUsage", request, ct);
            foreach (var result in page.TryGetProperty("ResultsByTime", out var r) ? r.EnumerateArray() : default)
            {
                var day = DateOnly.ParseExact(result.GetProperty("TimePeriod").GetProperty("Start").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                var estimated = result.TryGetProperty("Estimated", out var e) && e.ValueKind == JsonValueKind.True;
                foreach (var group in result.TryGetProperty("Groups", out var g) ? g.EnumerateArray() : default)
                    yield return (day, estimated, group.GetProperty("Keys").EnumerateArray().Select(k => k.GetString() ?? "").ToList(), group.GetProperty("Metrics"));
            }
            token = page.TryGetProperty("NextPageToken", out var next) && next.GetString() is { Length: > 0 } t ? t : null;
        } while (token is not null);
    }

    /// <summary>One request, counted (each costs $0.01); the errors a person can act on said with what to do, the rest as Cost Explorer said them.</summary>
    private async Task<JsonElement> CallAsync(string operation, JsonObject request, CancellationToken ct)
    {
        Interlocked.Increment(ref _requests);
        try { return await ce.CallJsonAsync(operation, request.ToJsonString(), ct); }
        catch (DependencyFailed e) when (e.Code == "DataUnavailableException")
        {
            throw new DependencyFailed("ce", e.Code, $"{operation}: Cost Explorer has no data for this account ({e.Reason}). Enable Cost Explorer in the Billing and " +
                "Cost Management console (Cost Explorer, Launch); its data appears within 24 hours.", e.HttpStatus, e);
        }
        catch (DependencyFailed e) when (e.Code is "AccessDeniedException" or "AccessDenied" or "UnrecognizedClientException")
        {
            throw new DependencyFailed("ce", e.Code, $"{operation}: not allowed ({e.Reason}). The function's role needs ce:GetCostAndUsage and ce:GetCostForecast " +
                "(template.yaml grants them), and in an AWS Organizations member account the management account must allow Cost Explorer access.", e.HttpStatus, e);
        }
    }

    private static JsonObject Group(string type, string key) => new() { ["Type"] = type, ["Key"] = key };

    private static JsonObject Period(DateOnly from, DateOnly toExclusive) => new()
    {
        ["Start"] = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["End"] = toExclusive.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    /// <summary>"CostCenter$payments" → "payments"; "CostCenter$" (no tag) → "".</summary>
    public static string TagValue(string groupKey, string tagKey) =>
        groupKey.StartsWith(tagKey + "$", StringComparison.Ordinal) ? groupKey[(tagKey.Length + 1)..] : groupKey;

    private static decimal Amount(JsonElement metrics, string name) =>
        metrics.TryGetProperty(name, out var m) && m.TryGetProperty("Amount", out var a) &&
        decimal.TryParse(a.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : 0m;
}
