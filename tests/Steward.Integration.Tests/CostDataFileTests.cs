using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Steward.Testing;

namespace Steward.Integration.Tests;

/// <summary>
/// <c>serve --cost-data</c> with what <c>aws ce get-cost-and-usage --output json</c> prints, on a bill whose answers are
/// known: two services at $1,000 and $200 a day, 80% of it tagged CostCenter=payments, and 4,800 orders a day.
/// </summary>
[Trait(Tiers.Category, Tiers.Slow)]
public class CostDataFileTests
{
    private static readonly DateOnly Day = new(2026, 3, 2);
    private static readonly DateOnly First = new(2025, 2, 1);

    /// <summary>A DAILY export grouped by one dimension, in the AWS CLI's shape (amounts as strings, a tag's key "CostCenter$value").</summary>
    private static string Export(string type, string key, Func<DateOnly, IEnumerable<(string Key, decimal Amount)>> groups)
    {
        var results = new JsonArray();
        for (var d = First; d <= Day; d = d.AddDays(1))
            results.Add(new JsonObject
            {
                ["TimePeriod"] = new JsonObject { ["Start"] = d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["End"] = d.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
                ["Total"] = new JsonObject(),
                ["Groups"] = new JsonArray(groups(d).Select(g => (JsonNode)new JsonObject
                {
                    ["Keys"] = new JsonArray(g.Key),
                    ["Metrics"] = new JsonObject
                    {
                        ["UnblendedCost"] = new JsonObject { ["Amount"] = g.Amount.ToString("0.0000000000", CultureInfo.InvariantCulture), ["Unit"] = "USD" },
                        ["AmortizedCost"] = new JsonObject { ["Amount"] = g.Amount.ToString("0.0000000000", CultureInfo.InvariantCulture), ["Unit"] = "USD" },
                    },
                }).ToArray()),
                ["Estimated"] = d == Day,
            });
        var file = Path.Combine(Directory.CreateTempSubdirectory().FullName, $"{key}.json");
        File.WriteAllText(file, new JsonObject
        {
            ["GroupDefinitions"] = new JsonArray(new JsonObject { ["Type"] = type, ["Key"] = key }), ["ResultsByTime"] = results, ["DimensionValueAttributes"] = new JsonArray(),
        }.ToJsonString());
        return file;
    }

    [Fact]
    public async Task The_report_on_exported_figures_has_the_totals_forecast_and_unit_costs_worked_out_by_hand()
    {
        var byService = Export("DIMENSION", "SERVICE", _ => [("Amazon Elastic Compute Cloud - Compute", 1000m), ("Amazon Simple Storage Service", 200m)]);
        var byTag = Export("TAG", "CostCenter", _ => [("CostCenter$payments", 960m), ("CostCenter$", 240m)]);
        int api = Ports.Free(), moto = Ports.Free();
        await using var runner = RunnerProcess.Start("serve", "--port", api.ToString(), "--moto-port", moto.ToString(), "--cost-data", byService, "--cost-data", byTag);
        await runner.WaitForLineAsync(TimeSpan.FromSeconds(90), "[steward-local] ready");
        var aws = new Uri($"http://127.0.0.1:{moto}");

        var units = Path.GetTempFileName();
        await File.WriteAllTextAsync(units, "date,unit,count\n" + string.Join("\n", Enumerable.Range(0, 8).Select(i => $"{Day.AddDays(-i):yyyy-MM-dd},orders,4800")) + "\n");
        Assert.Equal(0, (await Commands.Aws(aws, "s3", "cp", units, "s3://steward-local-costsnapshotbucket/units/daily.csv")).ExitCode);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(120) };
        using var fired = await http.PostAsync($"http://127.0.0.1:{api}/_local/schedules/CostSnapshots?time=2026-03-03T06:00:00Z", null);
        Assert.True(fired.IsSuccessStatusCode, await fired.Content.ReadAsStringAsync() + runner.Output);

        var file = Path.GetTempFileName();
        Assert.Equal(0, (await Commands.Aws(aws, "s3api", "get-object", "--bucket", "steward-local-costsnapshotbucket", "--key", "snapshots/2026/03/02/report.json", file)).ExitCode);
        var r = JsonDocument.Parse(await File.ReadAllTextAsync(file)).RootElement;
        var totals = r.GetProperty("totals");
        Assert.Equal((1200m, 2400m, 2400m, 33600m, true), (totals.GetProperty("day").GetDecimal(), totals.GetProperty("monthToDate").GetDecimal(),
            totals.GetProperty("sameDaysLastMonth").GetDecimal(), totals.GetProperty("lastMonth").GetDecimal(), totals.GetProperty("dayEstimated").GetBoolean()));
        Assert.Equal(31 * 1200m, r.GetProperty("forecast").GetProperty("monthEnd").GetDecimal());
        Assert.Equal(0, r.GetProperty("anomalies").GetArrayLength());
        var unit = r.GetProperty("unitEconomics")[0];
        Assert.Equal((0.25m, 250m), (unit.GetProperty("costPerUnit").GetDecimal(), unit.GetProperty("costPer1000").GetDecimal()));
        Assert.Equal((80m, 240m), (r.GetProperty("allocation").GetProperty("taggedPercent").GetDecimal(), r.GetProperty("allocation").GetProperty("untagged").GetDecimal()));
        Assert.Contains("Per unit of business the day cost $0.25 per order (4,800 orders", string.Join(" ", r.GetProperty("summary").EnumerateArray().Select(s => s.GetString())));
    }
}
