using System.Globalization;

namespace Steward.Core.Costs;

/// <summary>
/// The report for spreadsheets: one row per figure, <c>section,key,name,figure,amount,detail</c>, amounts as plain decimals
/// (negative for credits and drops, read as numbers), <c>figure</c> naming which amount it is (billed, effective, usage).
/// </summary>
public static class ReportCsv
{
    public static string Write(SpendReport r)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = SpreadsheetCsv.Writer(text))
        {
            void Row(string section, string key, string name, string figure, decimal? amount, string detail = "")
            {
                csv.WriteField(section); csv.WriteField(key); csv.WriteField(name); csv.WriteField(figure);
                csv.WriteField(amount?.ToString(CultureInfo.InvariantCulture) ?? ""); csv.WriteField(detail);
                csv.NextRecord();
            }
            foreach (var h in new[] { "section", "key", "name", "figure", "amount", "detail" }) csv.WriteField(h);
            csv.NextRecord();
            var t = r.Totals;
            var day = r.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var state = t.DayProvisional ? "provisional" : "final";
            Row("totals", "day", day, "billed", t.Day.Billed, state);
            Row("totals", "day", day, "effective", t.Day.Effective, state);
            Row("totals", "day", day, "usage", t.DayUsage, state);
            Row("totals", "monthToDate", "month to date", "billed", t.MonthToDate.Billed);
            Row("totals", "monthToDate", "month to date", "effective", t.MonthToDate.Effective);
            Row("totals", "monthToDate", "month to date", "usage", t.MonthToDateUsage);
            Row("totals", "compared", $"usage {t.ComparedFrom:yyyy-MM-dd} to {t.ComparedTo:yyyy-MM-dd} (same weekdays)", "usage", t.ComparedUsage);
            Row("totals", "lastMonth", "last month", "billed", t.LastMonth.Billed);
            Row("totals", "lastMonth", "last month", "usage", t.LastMonthUsage);
            foreach (var c in r.Charges)
            {
                var key = JsonName(c.Category);
                Row("charges", key, c.Name, "billed", c.Day.Billed, $"the day; FOCUS {c.FocusCategory}");
                Row("charges", key, c.Name, "effective", c.Day.Effective, "the day");
                Row("charges", key, c.Name, "billed", c.MonthToDate.Billed, "month to date");
                Row("charges", key, c.Name, "effective", c.MonthToDate.Effective, "month to date");
                Row("charges", key, c.Name, "billed", c.MonthEnd, "month end, expected");
                foreach (var l in c.Lines)
                    Row("charge", $"{key}/{l.Service}/{l.RecordType}", l.Name, "billed", l.MonthToDate.Billed, $"month to date; the day {l.Day.Billed}{(l.Recurs is { } rec ? $"; {rec}" : "")}{(l.Expected != 0 ? $"; still expected {l.Expected}" : "")}");
            }
            Row("forecast", "monthEnd", "month end (Steward)", "billed", r.Forecast.MonthEnd, $"80% between {r.Forecast.Low} and {r.Forecast.High}");
            Row("forecast", "usageMonthEnd", "month end usage (Steward)", "usage", r.Forecast.UsageMonthEnd);
            Row("forecast", "chargesExpected", "charges still expected this month", "billed", r.Forecast.ChargesExpected);
            if (r.Forecast.CostExplorer is { } ce) Row("forecast", "costExplorer", "month end (Cost Explorer)", "billed", ce);
            foreach (var s in r.TopServices) Row("service", s.Key, s.Name, "usage", s.Amount, $"month to date {s.MonthToDate}");
            foreach (var c in r.TopCostCenters) Row("costCenter", c.Key, c.Name, "usage", c.Amount, $"month to date {c.MonthToDate}");
            foreach (var m in r.Movers) Row(m.Dimension == CostDimension.Service ? "serviceMover" : "costCenterMover", m.Key, m.Name, "usage", m.Change, $"{m.Amount} against {m.Baseline}");
            foreach (var a in r.Anomalies)
                Row("anomaly", a.Key, a.Name, "usage", a.Impact, $"{(a.Stopped ? "stopped" : a.Direction)}{(a.Provisional ? " (provisional)" : "")}: {a.Actual} against {a.Expected}" +
                    string.Concat(a.DrillDown.Select(d => $"; {d.Words} {d.Change:+0.00;-0.00}")));
            foreach (var team in r.Teams)
            {
                Row("team", team.CostCentre, team.Name, "billed", team.MonthToDate.Total, $"month to date: own {team.MonthToDate.Own}, shared {team.MonthToDate.Shared}");
                Row("team", team.CostCentre, team.Name, "billed", team.Day.Total, $"the day: own {team.Day.Own}, shared {team.Day.Shared}");
            }
            foreach (var a in r.Accounts) Row("account", a.AccountId, a.Name, "billed", a.MonthToDate.Billed, $"month to date; the day {a.Day.Billed}; {a.SharePercent}% of the bill");
            foreach (var u in r.UnitEconomics) Row("unit", u.Unit, $"per {u.Unit}", "usage", u.CostPerUnit, $"{u.Count} {u.Unit}; per 1000: {u.CostPer1000}; scope: {(u.Scope.Length == 0 ? "whole account" : u.Scope)}");
            Row("allocation", r.Allocation.TagKey, "tagged percent of the day's usage", "usage", r.Allocation.TaggedPercent, $"untagged usage {r.Allocation.Untagged}; shared {r.Allocation.Rule}");
            foreach (var x in r.Storage?.Rows ?? []) Row("storage", $"{x.Bucket}/{x.Owner}/{x.DataClass}/{x.StorageClass}", $"{x.Objects} objects, {x.Bytes} bytes", "monthly", x.MonthlyCost);
            foreach (var d in r.Daily) Row("daily", d.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "usage", "usage", d.Amount, d.Provisional ? "provisional" : "");
        }
        return text.ToString();
    }

    private static string JsonName(ChargeKind kind) => kind switch
    {
        ChargeKind.Usage => "usage", ChargeKind.Purchase => "purchases", ChargeKind.Tax => "tax", ChargeKind.Support => "support",
        ChargeKind.Fee => "fees", ChargeKind.Credit => "credits", _ => "refunds",
    };
}
