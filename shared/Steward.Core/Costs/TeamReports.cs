using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;

namespace Steward.Core.Costs;

/// <summary>
/// One cost centre's page of the day: its own spend, its share of what belongs to everyone, where its month is heading,
/// what stood out in its usage and its cost per unit. Written beside the whole report under <c>teams/&lt;cost centre&gt;/</c>
/// and sent to the finance topic with a <c>cost_centre</c> attribute, so a team lead subscribes to theirs alone.
/// </summary>
public sealed record TeamReport
{
    [JsonPropertyName("day")] public required DateOnly Day { get; init; }
    [JsonPropertyName("currency")] public required string Currency { get; init; }
    [JsonPropertyName("costCentre")] public required string CostCentre { get; init; }
    [JsonPropertyName("name")] public required string Name { get; init; }
    /// <summary>Billed: own, shared share, total; the day and the month.</summary>
    [JsonPropertyName("dayAmounts")] public required TeamAmounts DayAmounts { get; init; }
    [JsonPropertyName("monthToDate")] public required TeamAmounts MonthToDate { get; init; }
    /// <summary>The team's total as a share of the month's bill so far, in percent.</summary>
    [JsonPropertyName("billSharePercent")] public required decimal BillSharePercent { get; init; }
    /// <summary>The team's own (tagged) usage, effective.</summary>
    [JsonPropertyName("usage")] public required decimal Usage { get; init; }
    [JsonPropertyName("usageMonthToDate")] public required decimal UsageMonthToDate { get; init; }
    [JsonPropertyName("provisional")] public required bool Provisional { get; init; }
    /// <summary>The month's end, billed: the total so far and its own usage to come, carried at its share of the shared spend so far.</summary>
    [JsonPropertyName("monthEnd")] public required decimal MonthEnd { get; init; }
    [JsonPropertyName("usageMonthEnd")] public required decimal UsageMonthEnd { get; init; }
    [JsonPropertyName("anomalies")] public required IReadOnlyList<Anomaly> Anomalies { get; init; }
    [JsonPropertyName("unitEconomics")] public required IReadOnlyList<UnitCost> UnitEconomics { get; init; }
    [JsonPropertyName("daily")] public required IReadOnlyList<DailyTotal> Daily { get; init; }
    [JsonPropertyName("forecastDays")] public required IReadOnlyList<DailyTotal> ForecastDays { get; init; }
    [JsonPropertyName("forecastMargin")] public required decimal ForecastMargin { get; init; }
    [JsonPropertyName("rule")] public required string Rule { get; init; }
    [JsonPropertyName("summary")] public required IReadOnlyList<string> Summary { get; init; }
    /// <summary>In an organization's management account, the team's own (tagged) billed spend this month by linked account; empty otherwise.</summary>
    [JsonPropertyName("accounts")] public IReadOnlyList<TeamAccountSpend> Accounts { get; init; } = [];
}

/// <summary>A team's own spend in one linked account, month to date, billed; its share of the team's own spend.</summary>
public sealed record TeamAccountSpend(
    [property: JsonPropertyName("accountId")] string AccountId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("monthToDate")] decimal MonthToDate,
    [property: JsonPropertyName("sharePercent")] decimal SharePercent);

public static class TeamReporter
{
    private const int ChartDays = 60;

    /// <summary>The key segment a cost centre's page is kept under: its value, escaped for a URL path (a tag value may hold a slash).</summary>
    public static string KeySegment(string costCentre) => Uri.EscapeDataString(costCentre);

    /// <summary>A page for every cost centre of the whole report's teams.</summary>
    public static IReadOnlyList<TeamReport> Build(SpendInputs input, SpendReport whole)
    {
        var day = input.Day;
        var monthStart = new DateOnly(day.Year, day.Month, 1);
        var centres = input.History.Rows.Where(r => r.Dimension == CostDimension.CostCenter && r.Day <= day).ToList();
        var provisional = input.History.Rows.Where(r => r.Estimated && r.Day <= day).Select(r => r.Day).ToHashSet();
        var billToDate = whole.Totals.MonthToDate.Billed;
        var reports = new List<TeamReport>();
        foreach (var team in whole.Teams)
        {
            var usage = centres.Where(r => r.Key == team.CostCentre).GroupBy(r => r.Day).ToDictionary(g => g.Key, g => g.Sum(r => r.Usage));
            var usageToDate = usage.Where(u => u.Key >= monthStart).Sum(u => u.Value);
            var forecast = MonthForecaster.Forecast(usage, day, provisional);
            // The rest of its month: its own usage to come, carried by what it has paid per dollar of own usage so far.
            var carried = usageToDate > 0 ? team.MonthToDate.Total / usageToDate : 1m;
            var report = new TeamReport
            {
                Day = day, Currency = whole.Currency, CostCentre = team.CostCentre, Name = team.Name, DayAmounts = team.Day, MonthToDate = team.MonthToDate,
                BillSharePercent = billToDate != 0 ? Math.Round(team.MonthToDate.Total / billToDate * 100m, 1) : 0,
                Usage = Money.Round(usage.GetValueOrDefault(day)), UsageMonthToDate = Money.Round(usageToDate), Provisional = provisional.Contains(day),
                MonthEnd = Money.Round(team.MonthToDate.Total + (forecast.MonthEnd - usageToDate) * carried), UsageMonthEnd = forecast.MonthEnd,
                Anomalies = whole.Anomalies.Where(a => a.Dimension == CostDimension.CostCenter && a.Key == team.CostCentre).ToList(),
                UnitEconomics = whole.UnitEconomics.Where(u => u.Scope == $"{input.TagKey}={team.CostCentre}").ToList(),
                Daily = Enumerable.Range(0, ChartDays).Select(i => day.AddDays(i - ChartDays + 1)).Select(d => new DailyTotal(d, Money.Round(usage.GetValueOrDefault(d)), provisional.Contains(d))).ToList(),
                ForecastDays = forecast.Days, ForecastMargin = forecast.High - forecast.MonthEnd, Rule = whole.Allocation.Rule, Summary = [],
            };
            reports.Add(report with { Summary = Sentences(report) });
        }
        return reports;
    }

    public static IReadOnlyList<string> Sentences(TeamReport t)
    {
        string M(decimal a) => Money.Readable(a, t.Currency);
        var when = t.Day.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);
        var sentences = new List<string>
        {
            $"On {when} {t.Name} cost {M(t.DayAmounts.Total)} billed{(t.Provisional ? " (provisional)" : "")}: {M(t.DayAmounts.Own)} of its own and {M(t.DayAmounts.Shared)} as its share of what belongs to everyone, shared out {t.Rule}.",
            $"Month to date it comes to {M(t.MonthToDate.Total)} ({M(t.MonthToDate.Own)} own, {M(t.MonthToDate.Shared)} shared), {t.BillSharePercent.ToString("0.0", CultureInfo.InvariantCulture)}% of the bill; at this pace its month ends near {M(t.MonthEnd)}.",
        };
        sentences.Add(t.Anomalies.Count == 0
            ? "Its usage stayed within its usual range, up or down."
            : $"Its usage stood out: {SpendSummary.Join(t.Anomalies.Select(a => a.Stopped ? "it stopped" : $"{M(a.Actual)} against an expected {M(a.Expected)} ({Money.ReadableChange(a.Impact, t.Currency)})").ToList())}" +
              (t.Anomalies.Any(a => a.Provisional) ? " (provisional: judged again once AWS finalises the day)." : "."));
        if (t.UnitEconomics.Count > 0)
            sentences.Add($"Per unit: {SpendSummary.Join(t.UnitEconomics.Select(u => $"{Money.Readable(u.CostPerUnit, t.Currency)} per {u.Unit}").ToList())}.");
        return sentences;
    }

    public static string Subject(TeamReport t)
    {
        var subject = $"Cloud spend {t.Day:yyyy-MM-dd}, {t.CostCentre}: {Money.Readable(t.DayAmounts.Total, t.Currency)}{(t.Provisional ? " prov." : "")}, month {Money.Readable(t.MonthToDate.Total, t.Currency)}";
        if (t.Anomalies.Count > 0 && subject.Length < 85) subject += ", anomaly";
        return subject.Length < 100 ? subject : subject[..99];
    }

    public static string Body(TeamReport t, string? link, string location)
    {
        var body = new StringBuilder();
        foreach (var s in t.Summary) body.AppendLine(s);
        if (link is not null) body.AppendLine().AppendLine("The team's page (the link works for a limited time):").AppendLine(link);
        body.AppendLine().AppendLine($"Kept in {location}");
        return body.ToString();
    }

    public static string Html(TeamReport t)
    {
        string M(decimal a) => ReportHtml.E(Money.Readable(a, t.Currency));
        var html = new StringBuilder(ReportHtml.Head($"Cloud spend {t.Day:yyyy-MM-dd}: {t.Name}"));
        html.Append($"<h1>{ReportHtml.E(t.Name)}: cloud spend on {ReportHtml.E(t.Day.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture))}</h1>\n<section id=\"summary\">\n");
        foreach (var s in t.Summary) html.Append($"<p>{ReportHtml.E(s)}</p>\n");
        html.Append("</section>\n<section class=\"figures\">\n");
        ReportHtml.Figure(html, "The day (billed)", M(t.DayAmounts.Total) + (t.Provisional ? " <small>(provisional)</small>" : ""));
        ReportHtml.Figure(html, "Own usage, the day (effective)", M(t.Usage));
        ReportHtml.Figure(html, "Month to date (billed)", M(t.MonthToDate.Total));
        ReportHtml.Figure(html, "Month end, forecast (billed)", M(t.MonthEnd));
        ReportHtml.Figure(html, "Share of the bill", $"{t.BillSharePercent.ToString("0.0", CultureInfo.InvariantCulture)}%");
        html.Append("</section>\n<h2>Daily own usage (effective)</h2>\n<div class=\"chart\">")
            .Append(ReportHtml.Charts(new ReportHtml.ChartData(t.Daily, t.ForecastDays, t.ForecastMargin, t.Currency, t.Day, t.Usage,
                t.Anomalies.FirstOrDefault() is { } a ? $"{a.Name} {Money.ReadableChange(a.Impact, t.Currency)}" : null)))
            .Append("</div>\n");
        var column = Money.Column([t.DayAmounts.Own, t.DayAmounts.Shared, t.DayAmounts.Total, t.MonthToDate.Own, t.MonthToDate.Shared, t.MonthToDate.Total], t.Currency);
        ReportHtml.Table(html, "Own and shared (billed)", ["", "Own", "Shared", "Total"],
        [
            ["The day", ReportHtml.E(column(t.DayAmounts.Own)), ReportHtml.E(column(t.DayAmounts.Shared)), ReportHtml.E(column(t.DayAmounts.Total))],
            ["Month to date", ReportHtml.E(column(t.MonthToDate.Own)), ReportHtml.E(column(t.MonthToDate.Shared)), ReportHtml.E(column(t.MonthToDate.Total))],
        ]);
        if (t.Accounts.Count > 0)
        {
            var spent = Money.Column(t.Accounts.Select(a => a.MonthToDate), t.Currency);
            ReportHtml.Table(html, "Own spend by account, month to date (billed)", ["Account", "Month to date", "Share"],
                t.Accounts.Select(a => new[] { ReportHtml.E(a.Name) + (a.Name != a.AccountId ? $"<br><small>{ReportHtml.E(a.AccountId)}</small>" : ""),
                    ReportHtml.E(spent(a.MonthToDate)), $"{a.SharePercent.ToString("0.0", CultureInfo.InvariantCulture)}%" }));
        }
        html.Append($"<p class=\"note\">The shared column is this cost centre's part of untagged usage, tax, support, fees and credits, shared out {ReportHtml.E(t.Rule)}. Made by Steward.</p>\n</body></html>\n");
        return html.ToString();
    }
}
