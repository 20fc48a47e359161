using System.Globalization;

namespace Steward.Core.Costs;

/// <summary>The report for spreadsheets: one row per figure, <c>section,key,name,amount,detail</c>, amounts as plain decimals.</summary>
public static class ReportCsv
{
    public static string Write(SpendReport r)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = SpreadsheetCsv.Writer(text))
        {
            void Row(string section, string key, string name, decimal? amount, string detail = "")
            {
                csv.WriteField(section); csv.WriteField(key); csv.WriteField(name);
                csv.WriteField(amount?.ToString(CultureInfo.InvariantCulture) ?? ""); csv.WriteField(detail);
                csv.NextRecord();
            }
            foreach (var h in new[] { "section", "key", "name", "amount", "detail" }) csv.WriteField(h);
            csv.NextRecord();
            var t = r.Totals;
            Row("totals", "day", r.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), t.Day, t.DayEstimated ? "estimated" : "final");
            Row("totals", "dayAmortized", "amortized", t.DayAmortized);
            Row("totals", "monthToDate", "month to date", t.MonthToDate);
            Row("totals", "sameDaysLastMonth", "same days last month", t.SameDaysLastMonth);
            Row("totals", "lastMonth", "last month", t.LastMonth);
            Row("forecast", "monthEnd", "month end (Steward)", r.Forecast.MonthEnd, $"80% between {r.Forecast.Low} and {r.Forecast.High}");
            if (r.Forecast.CostExplorer is { } ce) Row("forecast", "costExplorer", "month end (Cost Explorer)", ce);
            foreach (var s in r.TopServices) Row("service", s.Key, s.Name, s.Amount, $"month to date {s.MonthToDate}");
            foreach (var c in r.TopCostCenters) Row("costCenter", c.Key, c.Name, c.Amount, $"month to date {c.MonthToDate}");
            foreach (var m in r.Movers) Row("mover", m.Key, m.Name, m.Change, $"{m.Amount} against {m.Baseline}");
            foreach (var a in r.Anomalies)
                Row("anomaly", a.Key, a.Name, a.Impact, $"{a.Actual} against {a.Expected}" + string.Concat(a.DrillDown.Select(d => $"; {d.Key} {d.Change:+0.00;-0.00}")));
            foreach (var u in r.UnitEconomics) Row("unit", u.Unit, $"per {u.Unit}", u.CostPerUnit, $"{u.Count} {u.Unit}; per 1000: {u.CostPer1000}");
            Row("allocation", r.Allocation.TagKey, "tagged percent of the day", r.Allocation.TaggedPercent, $"untagged {r.Allocation.Untagged}");
            foreach (var x in r.Storage?.Rows ?? []) Row("storage", $"{x.Bucket}/{x.Owner}/{x.DataClass}/{x.StorageClass}", $"{x.Objects} objects, {x.Bytes} bytes", x.MonthlyCost);
            foreach (var d in r.Daily) Row("daily", d.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "total", d.Amount, d.Estimated ? "estimated" : "");
        }
        return text.ToString();
    }
}
