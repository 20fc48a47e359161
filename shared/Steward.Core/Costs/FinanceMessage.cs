using System.Text;

namespace Steward.Core.Costs;

/// <summary>What finance receives by SNS: a subject that says the day in one line, the summary, the anomalies, the link.</summary>
public static class FinanceMessage
{
    /// <summary>"Cloud spend 2026-03-02: $2,418 (+4% vs last month's pace)"; SNS refuses a subject of 100 characters or more.</summary>
    public static string Subject(SpendReport r)
    {
        var pace = r.Totals.PaceChangePercent is { } p ? $" ({Money.Percent(p)} vs last month's pace)" : "";
        var estimate = r.Totals.DayEstimated ? " est." : "";
        var subject = $"Cloud spend {r.Day:yyyy-MM-dd}: {Money.Readable(r.Totals.Day, r.Currency)}{estimate}{pace}";
        if (r.Anomalies.Count > 0 && subject.Length < 70) subject += $", {r.Anomalies.Count} anomal{(r.Anomalies.Count == 1 ? "y" : "ies")}";
        return subject.Length < 100 ? subject : subject[..99];
    }

    public static string Body(SpendReport r, string? reportLink, string location)
    {
        var body = new StringBuilder();
        foreach (var s in r.Summary) body.AppendLine(s);
        body.AppendLine();
        if (r.Anomalies.Count > 0)
        {
            body.AppendLine("What stood out:");
            foreach (var a in r.Anomalies)
            {
                body.Append($"  - {a.Name}: {Money.Readable(a.Actual, r.Currency)} against an expected {Money.Readable(a.Expected, r.Currency)} ({Money.ReadableChange(a.Impact, r.Currency)})");
                if (a.DrillDown.Count > 0) body.Append("; ").Append(string.Join(", ", a.DrillDown.Select(d => $"{d.Key} {Money.ReadableChange(d.Change, r.Currency)}")));
                body.AppendLine();
            }
            body.AppendLine();
        }
        foreach (var n in r.Notes) body.AppendLine("Note: " + n);
        if (reportLink is not null) body.AppendLine().AppendLine("The full report (the link works for a limited time):").AppendLine(reportLink);
        body.AppendLine().AppendLine($"Kept in {location}");
        return body.ToString();
    }
}
