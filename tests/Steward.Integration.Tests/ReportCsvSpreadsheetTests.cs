using System.Text.Json;
using Steward.Core.Costs;
using Steward.Testing;

namespace Steward.Integration.Tests;

/// <summary>
/// report.csv opened by a real spreadsheet reader (SheetJS, npm's xlsx 0.18.5, tests/spreadsheet): a credit's negative
/// amount is a number a column can sum, and a cost centre named like a formula is text, never a formula.
/// </summary>
public class ReportCsvSpreadsheetTests
{
    private static readonly DateOnly Day = new(2026, 3, 2);
    private const string Formula = "=HYPERLINK(\"http://x\")";

    [Fact]
    public async Task A_spreadsheet_reads_negative_amounts_as_numbers_and_no_field_as_a_formula()
    {
        var rows = new List<CostRow>();
        for (var d = Day.AddDays(-40); d <= Day; d = d.AddDays(1))
        {
            rows.Add(new CostRow(d, CostDimension.Service, "Amazon Elastic Compute Cloud - Compute", 1000m, 1000m, false));
            rows.Add(new CostRow(d, CostDimension.CostCenter, Formula, 800m, 800m, false));
            rows.Add(new CostRow(d, CostDimension.CostCenter, "", 200m, 200m, false));
        }
        rows.Add(new CostRow(Day, CostDimension.Service, "Amazon Elastic Compute Cloud - Compute", -240.5m, -240.5m, false, "Credit"));
        rows.Add(new CostRow(Day, CostDimension.CostCenter, "", -240.5m, -240.5m, false, "Credit"));
        var history = CostHistory.Empty.Merge(rows, Day.AddDays(-40), Day.AddDays(1));
        var report = SpendReporter.Build(new SpendInputs(history, Day, "CostCenter", UnitVolumes.None, null, null, AnomalyRules.Default));
        var csv = Path.Combine(Directory.CreateTempSubdirectory("report-csv-").FullName, "report.csv");
        await File.WriteAllTextAsync(csv, ReportCsv.Write(report));

        var cells = JsonDocument.Parse(await ReadAsSpreadsheetAsync(csv)).RootElement.EnumerateArray().ToList();
        Assert.Contains(cells, c => c.GetProperty("type").GetString() == "n" && c.GetProperty("value").GetDecimal() == -240.5m);
        Assert.DoesNotContain(cells, c => c.GetProperty("type").GetString() == "s" && c.GetProperty("value").GetString()!.TrimStart('\'') == "-240.5");
        Assert.Contains(cells, c => c.GetProperty("type").GetString() == "s" && c.GetProperty("value").GetString() == "'" + Formula);
        Assert.All(cells, c => Assert.True(c.GetProperty("formula").ValueKind == JsonValueKind.Null, $"{c.GetProperty("address")} was read as a formula"));
    }

    /// <summary>SheetJS installed once per machine (npm's cache keeps it) into a folder of its own, then tests/spreadsheet/cells.js run on the file.</summary>
    private static async Task<string> ReadAsSpreadsheetAsync(string csv)
    {
        var folder = Path.Combine(Path.GetTempPath(), "steward-sheetjs-0.18.5");
        if (!File.Exists(Path.Combine(folder, "node_modules", "xlsx", "package.json")))
        {
            Directory.CreateDirectory(folder);
            var install = await Commands.RunAsync("npm", ["install", "--no-audit", "--no-fund", "--prefix", folder, "xlsx@0.18.5"], timeout: TimeSpan.FromMinutes(3));
            Assert.True(install.ExitCode == 0, "npm could not install xlsx 0.18.5: " + install.Stderr);
        }
        var read = await Commands.RunAsync("node", [Path.Combine(Fixtures.ProjectRoot, "tests", "spreadsheet", "cells.js"), csv],
            new Dictionary<string, string?> { ["NODE_PATH"] = Path.Combine(folder, "node_modules") });
        Assert.True(read.ExitCode == 0, read.Stderr);
        return read.Stdout;
    }
}
