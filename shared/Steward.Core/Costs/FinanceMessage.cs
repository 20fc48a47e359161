using System.Text;

namespace Steward.Core.Costs;

/// <summary>What finance receives by SNS: a subject that says the day in one line, the summary, the anomalies, the charges, the link.</summary>
public static class FinanceMessage
{
    /// <summary>"Cloud spend 2026-03-02: usage $2,418 (+4% month to date), bill $3,918"; SNS refuses a subject of 100 characters or more.</summary>
    public static string Subject(SpendReport r)
    {
        var t = r.Totals;
        var pace = t.PaceChangePercent is { } p ? $" ({Money.Percent(p)} month to date)" : "";
        var provisional = t.DayProvisional ? " prov." : "";
        var bill = Math.Abs(t.Day.Billed - t.DayUsage) >= 0.5m ? $", bill {Money.Readable(t.Day.Billed, r.Currency)}" : "";
        var subject = $"Cloud spend {r.Day:yyyy-MM-dd}: usage {Money.Readable(t.DayUsage, r.Currency)}{provisional}{pace}{bill}";
        if (r.Anomalies.Count > 0 && subject.Length < 75) subject += $", {r.Anomalies.Count} anomal{(r.Anomalies.Count == 1 ? "y" : "ies")}";
        return subject.Length < 100 ? subject : subject[..99];
    }

    public static string Body(SpendReport r, string? reportLink, string location)
    {
        string M(decimal a) => Money.Readable(a, r.Currency);
        var body = new StringBuilder();
        foreach (var s in r.Summary) body.AppendLine(s);
        body.AppendLine();
        if (r.Anomalies.Count > 0)
        {
            body.AppendLine("What stood out (usage, effective):");
            foreach (var a in r.Anomalies)
            {
                body.Append(a.Stopped
                    ? $"  - {a.Name}: stopped, nothing against an expected {M(a.Expected)}"
                    : $"  - {a.Name}: {M(a.Actual)} against an expected {M(a.Expected)} ({Money.ReadableChange(a.Impact, r.Currency)}, a {a.Direction})");
                if (a.Provisional) body.Append(", provisional");
                if (a.DrillDown.Count > 0) body.Append("; ").Append(string.Join(", ", a.DrillDown.Select(d => $"{d.Words} {Money.ReadableChange(d.Change, r.Currency)}{(d.Words != d.Key ? $" ({d.Key})" : "")}")));
                body.AppendLine();
            }
            body.AppendLine();
        }
        var charges = r.Charges.Where(c => c.Category != ChargeKind.Usage && (c.MonthToDate.Billed != 0 || c.MonthEnd != 0)).ToList();
        if (charges.Count > 0)
        {
            body.AppendLine("Charges besides usage this month (billed):");
            foreach (var c in charges)
                body.AppendLine($"  - {c.Name}: {M(c.MonthToDate.Billed)} so far{(c.MonthEnd != c.MonthToDate.Billed ? $", {M(c.MonthEnd)} by the month's end" : "")}");
            body.AppendLine();
        }
        foreach (var n in r.Notes) body.AppendLine("Note: " + n);
        if (reportLink is not null) body.AppendLine().AppendLine("The full report (the link works for a limited time):").AppendLine(reportLink);
        body.AppendLine().AppendLine($"Kept in {location}");
        return body.ToString();
    }
}
