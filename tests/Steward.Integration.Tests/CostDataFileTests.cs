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

    /// <summary>
    /// A DAILY export grouped by one or two dimensions, in the AWS CLI's shape (amounts as strings, a tag's key
    /// "CostCenter$value"): each group its keys, in the order of the definitions, and its amount.
    /// </summary>
    private static string Export((string Type, string Key)[] definitions, Func<DateOnly, IEnumerable<(string[] Keys, decimal Amount)>> groups)
    {
        var results = new JsonArray();
        for (var d = First; d <= Day; d = d.AddDays(1))
            results.Add(new JsonObject
            {
                ["TimePeriod"] = new JsonObject { ["Start"] = d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["End"] = d.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
                ["Total"] = new JsonObject(),
                ["Groups"] = new JsonArray(groups(d).Select(g => (JsonNode)new JsonObject
                {
                    ["Keys"] = new JsonArray(g.Keys.Select(k => (JsonNode)k).ToArray()),
                    ["Metrics"] = new JsonObject
                    {
                        ["UnblendedCost"] = new JsonObject { ["Amount"] = g.Amount.ToString("0.0000000000", CultureInfo.InvariantCulture), ["Unit"] = "USD" },
                        ["AmortizedCost"] = new JsonObject { ["Amount"] = g.Amount.ToString("0.0000000000", CultureInfo.InvariantCulture), ["Unit"] = "USD" },
                    },
                }).ToArray()),
                ["Estimated"] = d == Day,
            });
        var file = Path.Combine(Directory.CreateTempSubdirectory().FullName, $"{string.Join("-", definitions.Select(x => x.Key))}.json");
        File.WriteAllText(file, new JsonObject
        {
            ["GroupDefinitions"] = new JsonArray(definitions.Select(x => (JsonNode)new JsonObject { ["Type"] = x.Type, ["Key"] = x.Key }).ToArray()),
            ["ResultsByTime"] = results, ["DimensionValueAttributes"] = new JsonArray(),
        }.ToJsonString());
        return file;
    }

    private static async Task<(JsonElement Report, string Output)> ReportAsync(params string[] files)
    {
        int api = Ports.Free(), moto = Ports.Free();
        await using var runner = RunnerProcess.Start(["serve", "--port", api.ToString(), "--moto-port", moto.ToString(), .. files.SelectMany(f => new[] { "--cost-data", f })]);
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
        return (JsonDocument.Parse(await File.ReadAllTextAsync(file)).RootElement, runner.Output);
    }

    [Fact]
    public async Task The_report_on_exported_figures_has_the_totals_forecast_and_unit_costs_worked_out_by_hand()
    {
        var byService = Export([("DIMENSION", "SERVICE")], _ => [(["Amazon Elastic Compute Cloud - Compute"], 1000m), (["Amazon Simple Storage Service"], 200m)]);
        var byTag = Export([("TAG", "CostCenter")], _ => [(["CostCenter$payments"], 960m), (["CostCenter$"], 240m)]);
        var (r, output) = await ReportAsync(byService, byTag);
        Assert.Contains("is not grouped by RECORD_TYPE, so every amount in it is read as usage", output);
        var totals = r.GetProperty("totals");
        Assert.Equal((1200m, 2400m, 2400m, 33600m, true), (totals.GetProperty("day").GetProperty("billed").GetDecimal(), totals.GetProperty("monthToDate").GetProperty("billed").GetDecimal(),
            totals.GetProperty("comparedUsage").GetDecimal(), totals.GetProperty("lastMonth").GetProperty("billed").GetDecimal(), totals.GetProperty("dayProvisional").GetBoolean()));
        Assert.Equal(31 * 1200m, r.GetProperty("forecast").GetProperty("monthEnd").GetDecimal());
        Assert.Equal(0, r.GetProperty("anomalies").GetArrayLength());
        var unit = r.GetProperty("unitEconomics")[0];
        Assert.Equal((0.25m, 250m), (unit.GetProperty("costPerUnit").GetDecimal(), unit.GetProperty("costPer1000").GetDecimal()));
        Assert.Equal((80m, 240m), (r.GetProperty("allocation").GetProperty("taggedPercent").GetDecimal(), r.GetProperty("allocation").GetProperty("untagged").GetDecimal()));
        Assert.Contains("Per unit of business the day cost $0.25 per order (4,800 orders", string.Join(" ", r.GetProperty("summary").EnumerateArray().Select(s => s.GetString())));
    }

    /// <summary>
    /// The same bill exported as Cost Explorer answers Steward (each grouped by RECORD_TYPE too), with AWS Support's
    /// $1,500 on each 1st and $84 of tax: the fee and the tax are charges, not usage; the month-end forecast carries them
    /// once, the teams add up to the bill, and nothing is an anomaly.
    /// </summary>
    [Fact]
    public async Task Exports_grouped_by_record_type_tell_the_support_fee_and_tax_from_usage()
    {
        IEnumerable<(string[], decimal)> Services(DateOnly d) =>
        [
            (["Amazon Elastic Compute Cloud - Compute", "Usage"], 1000m), (["Amazon Simple Storage Service", "Usage"], 200m),
            .. d.Day == 1 ? new[] { (new[] { "AWS Support (Business)", "Support" }, 1500m), (new[] { "Amazon Elastic Compute Cloud - Compute", "Tax" }, 84m) } : [],
        ];
        IEnumerable<(string[], decimal)> Centres(DateOnly d) =>
        [
            (["CostCenter$payments", "Usage"], 960m), (["CostCenter$", "Usage"], 240m),
            .. d.Day == 1 ? new[] { (new[] { "CostCenter$", "Support" }, 1500m), (new[] { "CostCenter$", "Tax" }, 84m) } : [],
        ];
        // Two linked accounts (the second runs the storage), as a management account's export shows them.
        IEnumerable<(string[], decimal)> Accounts(DateOnly d) =>
        [
            (["111122223333", "Usage"], 1000m), (["444455556666", "Usage"], 200m),
            .. d.Day == 1 ? new[] { (new[] { "111122223333", "Support" }, 1500m), (new[] { "111122223333", "Tax" }, 84m) } : [],
        ];
        var (r, output) = await ReportAsync(Export([("DIMENSION", "SERVICE"), ("DIMENSION", "RECORD_TYPE")], Services), Export([("TAG", "CostCenter"), ("DIMENSION", "RECORD_TYPE")], Centres),
            Export([("DIMENSION", "LINKED_ACCOUNT"), ("DIMENSION", "RECORD_TYPE")], Accounts));
        Assert.DoesNotContain("is not grouped by RECORD_TYPE", output);
        var totals = r.GetProperty("totals");
        Assert.Equal((2400m + 1584m, 2400m, 0m), (totals.GetProperty("monthToDate").GetProperty("billed").GetDecimal(), totals.GetProperty("monthToDateUsage").GetDecimal(), totals.GetProperty("paceChangePercent").GetDecimal()));
        var support = r.GetProperty("charges").EnumerateArray().Single(c => c.GetProperty("category").GetString() == "support");
        Assert.Equal(1500m, support.GetProperty("monthToDate").GetProperty("billed").GetDecimal());
        Assert.Equal("AWS Support (Business) fee", support.GetProperty("lines")[0].GetProperty("name").GetString());
        Assert.Equal(31 * 1200m + 1584m, r.GetProperty("forecast").GetProperty("monthEnd").GetDecimal());
        Assert.Equal(0, r.GetProperty("anomalies").GetArrayLength());
        var team = r.GetProperty("teams").EnumerateArray().Single();
        Assert.Equal(("payments", 2400m + 1584m), (team.GetProperty("costCentre").GetString(), team.GetProperty("monthToDate").GetProperty("total").GetDecimal()));
        Assert.Equal(80m, r.GetProperty("allocation").GetProperty("taggedPercent").GetDecimal()); // tax and support are not taggable
        // moto's account is in no organization, so the accounts keep their ids.
        Assert.Equal([("111122223333", 2000m + 1584m), ("444455556666", 400m)],
            r.GetProperty("accounts").EnumerateArray().Select(a => (a.GetProperty("name").GetString(), a.GetProperty("monthToDate").GetProperty("billed").GetDecimal())));
    }
}
