using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Steward.Local.Aws;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Steward.Local.Costs;

/// <summary>
/// Cost Explorer's GetCostAndUsage for the local runner, answered from generated data or from files a user exported with
/// <c>aws ce get-cost-and-usage</c>. Written here because moto cannot: moto's Cost Explorer returns canned results queued
/// through its own API in order, whatever period, grouping or filter is asked, so a report built on it would not be a
/// report on the data. This answers as Cost Explorer does: the period asked (end exclusive), DAILY, the GroupBy asked
/// (up to two, as Cost Explorer allows; no groups where no source knows it), one SERVICE or TAG filter, pages with NextPageToken. GetCostForecast is not
/// played: it answers DataUnavailableException, which Steward treats as "no AWS forecast".
/// </summary>
public sealed class LocalCostExplorer(IReadOnlyList<CostSource> sources)
{
    /// <summary>Days per page: small enough that a 13-month read pages, as it does in AWS.</summary>
    public const int DaysPerPage = 90;

    public IReadOnlyList<CostSource> Sources => sources;

    public async Task<WebApplication> StartAsync(CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(async http =>
        {
            var target = http.Request.Headers["X-Amz-Target"].ToString();
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync(http.RequestAborted);
            var (status, answer) = Answer(target[(target.IndexOf('.') + 1)..], body);
            http.Response.StatusCode = status;
            http.Response.ContentType = "application/x-amz-json-1.1";
            await http.Response.WriteAsync(answer.ToJsonString(), http.RequestAborted);
        });
        await app.StartAsync(ct);
        return app;
    }

    public (int Status, JsonObject Answer) Answer(string operation, string body)
    {
        JsonNode? request;
        try { request = JsonNode.Parse(body); } catch (JsonException e) { return Error("SerializationException", e.Message); }
        return operation switch
        {
            "GetCostAndUsage" => CostAndUsage(request!.AsObject()),
            "GetCostForecast" => Error("DataUnavailableException", "the local runner does not forecast; Steward shows its own forecast alone", 400),
            _ => Error("UnknownOperationException", $"the local Cost Explorer answers GetCostAndUsage (and refuses GetCostForecast), not {operation}"),
        };
    }

    private (int, JsonObject) CostAndUsage(JsonObject request)
    {
        if (request["Granularity"]?.GetValue<string>() != "DAILY") return Error("ValidationException", "the local Cost Explorer answers DAILY granularity only");
        var start = DateOnly.ParseExact(request["TimePeriod"]!["Start"]!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var end = DateOnly.ParseExact(request["TimePeriod"]!["End"]!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (end <= start) return Error("ValidationException", "Start must be before End");
        var metrics = request["Metrics"]!.AsArray().Select(m => m!.GetValue<string>()).ToList();
        var groupBy = (request["GroupBy"] as JsonArray ?? []).Select(g => DimensionOf(g!["Type"]!.GetValue<string>(), g["Key"]!.GetValue<string>())).ToList();
        var (filterDimension, filterValues, absent) = Filter(request["Filter"] as JsonObject);

        var needed = new HashSet<string>(groupBy);
        if (filterDimension is not null) needed.Add(filterDimension);
        // One source only (the one that knows the fewest dimensions beyond those asked): two sources summed would count twice.
        // A file exported without RECORD_TYPE answers every amount as Usage; the runner said so when it read the file.
        var source = sources.Where(s => needed.IsSubsetOf(s.Dimensions)).OrderBy(s => s.Dimensions.Count).FirstOrDefault()
                     ?? sources.Where(s => needed.Where(d => d != Dimension.RecordType).All(s.Dimensions.Contains)).OrderBy(s => s.Dimensions.Count).FirstOrDefault();

        var offset = request["NextPageToken"]?.GetValue<string>() is { Length: > 0 } token ? int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token)), CultureInfo.InvariantCulture) : 0;
        var pageStart = start.AddDays(offset);
        var pageEnd = pageStart.AddDays(DaysPerPage) < end ? pageStart.AddDays(DaysPerPage) : end;
        var facts = (source?.Facts ?? []).Where(f => f.Day >= pageStart && f.Day < pageEnd)
            .Where(f => filterDimension is null || (absent ? f.Dimensions.GetValueOrDefault(filterDimension, "") == "" : filterValues.Contains(f.Dimensions.GetValueOrDefault(filterDimension, ""))))
            .GroupBy(f => f.Day).ToDictionary(g => g.Key, g => g.ToList());

        var results = new JsonArray();
        for (var day = pageStart; day < pageEnd; day = day.AddDays(1))
        {
            var today = facts.GetValueOrDefault(day) ?? [];
            var groups = new JsonArray();
            foreach (var group in today.GroupBy(f => string.Join('\u0001', groupBy.Select(d => Key(d, f.Dimensions.GetValueOrDefault(d, d == Dimension.RecordType ? "Usage" : ""))))).OrderBy(g => g.Key, StringComparer.Ordinal))
                groups.Add(new JsonObject { ["Keys"] = new JsonArray(group.Key.Split('\u0001').Select(k => (JsonNode)k).ToArray()), ["Metrics"] = Metrics(metrics, group) });
            var result = new JsonObject
            {
                ["TimePeriod"] = new JsonObject { ["Start"] = Iso(day), ["End"] = Iso(day.AddDays(1)) },
                ["Total"] = groupBy.Count == 0 ? Metrics(metrics, today) : new JsonObject(),
                ["Groups"] = groups,
                ["Estimated"] = today.Any(f => f.Estimated) || (today.Count == 0 && sources.SelectMany(s => s.Facts).Any(f => f.Day == day && f.Estimated)),
            };
            results.Add(result);
        }
        var answer = new JsonObject
        {
            ["GroupDefinitions"] = new JsonArray((request["GroupBy"] as JsonArray ?? []).Select(g => g!.DeepClone()).ToArray()),
            ["ResultsByTime"] = results,
            ["DimensionValueAttributes"] = new JsonArray(),
        };
        if (pageEnd < end) answer["NextPageToken"] = Convert.ToBase64String(Encoding.UTF8.GetBytes((pageEnd.DayNumber - start.DayNumber).ToString(CultureInfo.InvariantCulture)));
        return (200, answer);
    }

    private static JsonObject Metrics(List<string> metrics, IEnumerable<CostFact> facts)
    {
        var list = facts.ToList();
        var result = new JsonObject();
        foreach (var m in metrics)
        {
            var amount = m switch
            {
                "UnblendedCost" or "BlendedCost" or "NetUnblendedCost" => list.Sum(f => f.Unblended),
                "AmortizedCost" or "NetAmortizedCost" => list.Sum(f => f.Amortized),
                _ => 0m,
            };
            result[m] = new JsonObject { ["Amount"] = amount.ToString("0.##########", CultureInfo.InvariantCulture), ["Unit"] = "USD" };
        }
        return result;
    }

    /// <summary>A tag group's key is "CostCenter$value" ("CostCenter$" when untagged), as Cost Explorer writes it.</summary>
    private static string Key(string dimension, string value) => dimension.StartsWith("TAG:", StringComparison.Ordinal) ? $"{dimension[4..]}${value}" : value;

    private static string DimensionOf(string type, string key) => type == "TAG" ? Dimension.Tag(key) : key;

    private static (string? Dimension, HashSet<string> Values, bool Absent) Filter(JsonObject? filter)
    {
        if (filter?["Dimensions"] is JsonObject d)
            return (d["Key"]!.GetValue<string>(), (d["Values"] as JsonArray ?? []).Select(v => v!.GetValue<string>()).ToHashSet(), false);
        if (filter?["Tags"] is JsonObject t)
        {
            var absent = (t["MatchOptions"] as JsonArray ?? []).Any(o => o!.GetValue<string>() == "ABSENT");
            return (Dimension.Tag(t["Key"]!.GetValue<string>()), (t["Values"] as JsonArray ?? []).Select(v => v!.GetValue<string>()).ToHashSet(), absent);
        }
        return (null, [], false);
    }

    private static (int, JsonObject) Error(string code, string message, int status = 400) =>
        (status, new JsonObject { ["__type"] = code, ["Message"] = message });

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// A file printed by <c>aws ce get-cost-and-usage --granularity DAILY --output json</c>, grouped by one or two dimensions
    /// (or none): its facts know the dimensions its GroupDefinitions name.
    /// </summary>
    public static CostSource ReadExport(string path)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(File.ReadAllText(path)); }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new LocalRunnerException($"--cost-data {path}: cannot be read as JSON ({e.Message}); give what `aws ce get-cost-and-usage --output json` prints");
        }
        if (root?["ResultsByTime"] is not JsonArray results)
            throw new LocalRunnerException($"--cost-data {path}: has no ResultsByTime; give what `aws ce get-cost-and-usage --output json` prints");
        var definitions = (root["GroupDefinitions"] as JsonArray ?? []).Select(g => DimensionOf(g!["Type"]!.GetValue<string>(), g["Key"]!.GetValue<string>())).ToList();
        var facts = new List<CostFact>();
        foreach (var result in results)
        {
            var start = DateOnly.ParseExact(result!["TimePeriod"]!["Start"]!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var end = DateOnly.ParseExact(result["TimePeriod"]!["End"]!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (end.DayNumber - start.DayNumber != 1)
                throw new LocalRunnerException($"--cost-data {path}: the period {start:yyyy-MM-dd}..{end:yyyy-MM-dd} is not one day; export with --granularity DAILY");
            var estimated = result["Estimated"]?.GetValue<bool>() ?? false;
            var groups = result["Groups"] as JsonArray ?? [];
            if (definitions.Count == 0 && result["Total"] is JsonObject total)
                facts.Add(new CostFact(start, estimated, new Dictionary<string, string>(), Amount(total, "UnblendedCost"), Amount(total, "AmortizedCost", Amount(total, "UnblendedCost"))));
            foreach (var group in groups)
            {
                var keys = group!["Keys"]!.AsArray().Select(k => k!.GetValue<string>()).ToList();
                var dims = definitions.Select((d, i) => (d, Value: d.StartsWith("TAG:", StringComparison.Ordinal) && i < keys.Count ? keys[i][(keys[i].IndexOf('$') + 1)..] : keys.ElementAtOrDefault(i) ?? ""))
                    .ToDictionary(x => x.d, x => x.Value);
                var metrics = group["Metrics"]!.AsObject();
                facts.Add(new CostFact(start, estimated, dims, Amount(metrics, "UnblendedCost"), Amount(metrics, "AmortizedCost", Amount(metrics, "UnblendedCost"))));
            }
        }
        return new CostSource(Path.GetFileName(path), definitions.ToHashSet(), facts);
    }

    private static decimal Amount(JsonObject metrics, string name, decimal fallback = 0m) =>
        metrics[name]?["Amount"]?.GetValue<string>() is { } text && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : fallback;
}
