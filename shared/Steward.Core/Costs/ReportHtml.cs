using System.Globalization;
using System.Net;
using System.Text;

namespace Steward.Core.Costs;

/// <summary>
/// The report as one self-contained page: no script, font, image or style from anywhere else (it is opened from a presigned
/// link and printed), the summary first, the figures each named (billed, effective, usage), an SVG chart of daily usage with
/// the forecast, then the anomalies, the charges, the teams and the breakdowns. Readable on a phone (one column, tables
/// that fit, the chart scrolling sideways at a readable size) and on paper. Each table uses one format for its amounts.
/// </summary>
public static class ReportHtml
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private const int ChargeLinesShown = 5;

    private static Amounts Sum(IEnumerable<Amounts> amounts)
    {
        var list = amounts.ToList();
        return new Amounts(list.Sum(a => a.Billed), list.Sum(a => a.Effective));
    }

    public static string Write(SpendReport r)
    {
        string M(decimal a) => E(Money.Readable(a, r.Currency));
        var html = new StringBuilder(Head($"Cloud spend {r.Day:yyyy-MM-dd}"));
        html.Append($"""
            <h1>Cloud spend on {E(r.Day.ToString("dddd d MMMM yyyy", Invariant))}</h1>
            <section id="summary">
            """);
        foreach (var sentence in r.Summary) html.Append($"<p>{E(sentence)}</p>\n");
        html.Append("</section>\n<section class=\"figures\" id=\"figures\">\n");
        var t = r.Totals;
        var provisional = t.DayProvisional ? " <small>(provisional)</small>" : "";
        Figure(html, "The day's usage (effective)", M(t.DayUsage) + provisional);
        Figure(html, "The day's bill (billed)", M(t.Day.Billed) + provisional);
        Figure(html, "Usage, month to date", M(t.MonthToDateUsage) + (t.PaceChangePercent is { } pc ? $" <small>({E(Money.Percent(pc))} on the same weekdays four weeks before)</small>" : ""));
        Figure(html, "Bill, month to date (billed)", M(t.MonthToDate.Billed));
        Figure(html, "Month end, forecast (billed)", $"{M(r.Forecast.MonthEnd)} <small>({M(r.Forecast.Low)}–{M(r.Forecast.High)})</small>");
        if (r.Forecast.CostExplorer is { } ce) Figure(html, "Month end, AWS forecast", M(ce));
        Figure(html, "Last month's bill (billed)", M(t.LastMonth.Billed));
        html.Append("</section>\n<h2>Daily usage (effective)</h2>\n<div class=\"chart\">").Append(Chart(r)).Append("</div>\n");

        html.Append("<h2>Anomalies</h2>\n");
        if (r.Anomalies.Count == 0) html.Append("<p>No service or cost centre left its usual range, up or down.</p>\n");
        foreach (var a in r.Anomalies)
        {
            var what = a.Stopped ? $"stopped: nothing against an expected {M(a.Expected)}" : $"{M(a.Actual)} against an expected {M(a.Expected)} ({E(Money.ReadableChange(a.Impact, r.Currency))})";
            html.Append($"<div class=\"anomaly {(a.Direction == "drop" ? "drop" : "rise")}\"><b>{E(a.Name)}</b>{(a.Direction == "drop" ? " fell" : " rose")}: {what}");
            if (a.Provisional) html.Append(" <small>(provisional: judged again once AWS finalises the day)</small>");
            if (a.DrillDown.Count > 0)
                html.Append("<br>What moved: ").Append(string.Join(", ", a.DrillDown.Select(d => $"<span title=\"{E(d.Key)}\">{E(d.Words)}</span> {E(Money.ReadableChange(d.Change, r.Currency))}")));
            html.Append("</div>\n");
        }

        // The largest lines of each kind; the rest of a kind (tax comes one line per service) summed on one line.
        var lines = r.Charges.Where(c => c.Category != ChargeKind.Usage).SelectMany(c => c.Lines.Count <= ChargeLinesShown + 1 ? c.Lines : [.. c.Lines.Take(ChargeLinesShown),
            new ChargeLine("", "", $"{c.Lines.Count - ChargeLinesShown} more lines of {c.Name}", Sum(c.Lines.Skip(ChargeLinesShown).Select(l => l.Day)), Sum(c.Lines.Skip(ChargeLinesShown).Select(l => l.MonthToDate)),
                null, c.Lines.Skip(ChargeLinesShown).Sum(l => l.Expected))]).ToList();
        var charge = Money.Column(lines.SelectMany(l => new[] { l.Day.Billed, l.MonthToDate.Billed, l.MonthToDate.Billed + l.Expected }), r.Currency);
        Table(html, "Charges besides usage (billed)", ["Charge", "The day", "Month to date", "Month end"],
            lines.Select(l => new[] { E(l.Name) + (l.Recurs is { } rec ? $"<br><small>{E(rec)}</small>" : ""), E(charge(l.Day.Billed)), E(charge(l.MonthToDate.Billed)), E(charge(l.MonthToDate.Billed + l.Expected)) }));
        var kinds = Money.Column(r.Charges.SelectMany(c => new[] { c.Day.Billed, c.MonthToDate.Billed, c.MonthToDate.Effective, c.MonthEnd }), r.Currency);
        Table(html, "The bill by kind of charge (billed)", ["Kind", "The day", "Month to date", "Month end"],
            r.Charges.Where(c => c.MonthToDate.Billed != 0 || c.MonthToDate.Effective != 0 || c.MonthEnd != 0)
                .Select(c => new[] { E(c.Name) + (c.MonthToDate.Effective != c.MonthToDate.Billed ? $"<br><small>effective month to date {E(kinds(c.MonthToDate.Effective))}</small>" : ""),
                    E(kinds(c.Day.Billed)), E(kinds(c.MonthToDate.Billed)), E(kinds(c.MonthEnd)) }));

        var team = Money.Column(r.Teams.SelectMany(x => new[] { x.MonthToDate.Own, x.MonthToDate.Shared, x.MonthToDate.Total, x.Day.Total }), r.Currency);
        Table(html, "Teams, month to date (billed): own spend and a share of what belongs to everyone", ["Cost centre", "Own", "Shared", "Total", "The day"],
            r.Teams.Select(x => new[] { E(x.Name), E(team(x.MonthToDate.Own)), E(team(x.MonthToDate.Shared)), E(team(x.MonthToDate.Total)), E(team(x.Day.Total)) }));

        var account = Money.Column(r.Accounts.SelectMany(a => new[] { a.Day.Billed, a.MonthToDate.Billed }), r.Currency);
        Table(html, "Linked accounts (billed)", ["Account", "The day", "Month to date", "Share"],
            r.Accounts.Select(a => new[] { E(a.Name) + (a.Name != a.AccountId ? $"<br><small>{E(a.AccountId)}</small>" : ""), E(account(a.Day.Billed)), E(account(a.MonthToDate.Billed)), $"{a.SharePercent.ToString("0.0", Invariant)}%" }));
        var share = Money.Column(r.TopServices.Concat(r.TopCostCenters).SelectMany(x => new[] { x.Amount, x.MonthToDate }), r.Currency);
        Table(html, "Top services (usage)", ["Service", "The day", "Month to date", "Share"], r.TopServices.Select(s => new[] { E(s.Name), E(share(s.Amount)), E(share(s.MonthToDate)), $"{s.SharePercent.ToString("0.0", Invariant)}%" }));
        Table(html, "Top cost centres (usage)", ["Cost centre", "The day", "Month to date", "Share"], r.TopCostCenters.Select(s => new[] { E(s.Name), E(share(s.Amount)), E(share(s.MonthToDate)), $"{s.SharePercent.ToString("0.0", Invariant)}%" }));
        foreach (var (dimension, title, head) in new[] { (CostDimension.Service, "Services that moved against the week before (usage)", "Service"), (CostDimension.CostCenter, "Cost centres that moved against the week before (usage)", "Cost centre") })
        {
            var movers = r.Movers.Where(m => m.Dimension == dimension).ToList();
            var amount = Money.Column(movers.SelectMany(m => new[] { m.Amount, m.Baseline, m.Change }), r.Currency);
            var change = Money.Column(movers.SelectMany(m => new[] { m.Amount, m.Baseline, m.Change }), r.Currency, signed: true);
            Table(html, title, [head, "The day", "Week's average", "Change"], movers.Select(m => new[] { E(m.Name), E(amount(m.Amount)), E(amount(m.Baseline)), E(change(m.Change)) }));
        }
        if (r.UnitEconomics.Count > 0)
        {
            var unit = Money.Column(r.UnitEconomics.SelectMany(u => new[] { u.CostPerUnit, u.TrailingCostPerUnit ?? 0 }), r.Currency);
            Table(html, "Cost per unit of business (usage)", ["Unit", "Of", "Count", "Per unit", "Per 1,000", "Week before"],
                r.UnitEconomics.Select(u => new[] { E(u.Unit), E(u.Scope.Length == 0 ? "the whole account" : u.Scope), u.Count.ToString("#,0", Invariant), E(unit(u.CostPerUnit)), M(u.CostPer1000),
                    u.TrailingCostPerUnit is { } tr ? E(unit(tr)) : "—" }));
        }
        if (r.Storage is { } st)
        {
            var stored = Money.Column(st.Rows.Select(x => x.MonthlyCost ?? 0), r.Currency);
            Table(html, $"Stored data: {st.Objects.ToString("#,0", Invariant)} objects, {(st.Bytes / 1073741824m).ToString("#,0.00", Invariant)} GB, {Money.Readable(st.MonthlyCost, r.Currency)} a month",
                ["Bucket / owner", "Class", "Storage class", "Objects", "GB", "A month"],
                st.Rows.OrderByDescending(x => x.MonthlyCost ?? 0).Take(20).Select(x => new[] { E($"{x.Bucket} / {x.Owner}"), E(x.DataClass), E(x.StorageClass),
                    x.Objects.ToString("#,0", Invariant), (x.Bytes / 1073741824m).ToString("#,0.000", Invariant), x.MonthlyCost is { } c ? E(stored(c)) : "—" }));
        }
        html.Append($"<h2>Allocation</h2>\n<p>{r.Allocation.TaggedPercent.ToString("0.0", Invariant)}% of the day's usage carries the {E(r.Allocation.TagKey)} tag " +
                    $"({r.Allocation.MonthToDateTaggedPercent.ToString("0.0", Invariant)}% of the month's); {M(r.Allocation.Untagged)} of the day's usage does not. " +
                    $"Tax, support, fees and credits cannot carry a tag and are not counted against it. What belongs to everyone is shared out {E(r.Allocation.Rule)}.</p>\n");
        if (r.Notes.Count > 0)
        {
            html.Append("<h2>Notes</h2>\n<ul class=\"note\">\n");
            foreach (var n in r.Notes) html.Append($"<li>{E(n)}</li>\n");
            html.Append("</ul>\n");
        }
        html.Append("<h2>What the figures are</h2>\n<ul class=\"note\">\n");
        foreach (var (name, meaning) in r.Figures) html.Append($"<li><b>{E(name)}</b>: {E(meaning)}</li>\n");
        html.Append($"</ul>\n<p class=\"note\">Amounts in {E(r.Currency)} from AWS Cost Explorer. Made by Steward.</p>\n</body></html>\n");
        return html.ToString();
    }

    /// <summary>The page's head and style, shared by the whole report and each team's page: nothing loaded from anywhere else.</summary>
    public static string Head(string title) => $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <title>{E(title)}</title>
        <style>
        body{"{"}font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1b1f24;line-height:1.45{"}"}
        h1{"{"}font-size:1.4rem;margin:.2rem 0{"}"} h2{"{"}font-size:1.1rem;margin-top:1.6rem;border-bottom:1px solid #d0d7de{"}"}
        .figures{"{"}display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.6rem{"}"}
        .figure{"{"}border:1px solid #d0d7de;border-radius:6px;padding:.5rem{"}"} .figure b{"{"}display:block;font-size:1.2rem{"}"}
        table{"{"}border-collapse:collapse;width:100%;font-size:.95rem{"}"} td,th{"{"}text-align:left;padding:.25rem .4rem;border-bottom:1px solid #eaeef2{"}"}
        td.n,th.n{"{"}text-align:right;white-space:nowrap{"}"} .anomaly{"{"}border-left:4px solid #cf222e;padding:.3rem .6rem;margin:.5rem 0;background:#fff5f5{"}"}
        #chart,#chart-phone{"{"}width:100%;height:auto;display:block{"}"} #chart{"{"}max-width:48rem{"}"} #chart-phone{"{"}display:none{"}"} .note{"{"}color:#57606a;font-size:.9rem{"}"}
        @media (max-width:480px){"{"}#chart{"{"}display:none{"}"} #chart-phone{"{"}display:block{"}"}{"}"}
        .anomaly.drop{"{"}border-left-color:#9a6700;background:#fff8c5{"}"}
        .wrap{"{"}overflow-x:auto{"}"} @media (max-width:480px){"{"}table{"{"}font-size:.8rem{"}"} td,th{"{"}padding:.2rem .25rem{"}"}{"}"}
        @media print{"{"}body{"{"}max-width:none{"}"} .figure,.anomaly{"{"}break-inside:avoid{"}"}{"}"}
        </style></head><body>

        """;

    /// <summary>What the chart draws: a day's series, the forecast's days and its 80% margin over the month, and where to mark the day.</summary>
    public sealed record ChartData(IReadOnlyList<DailyTotal> Daily, IReadOnlyList<DailyTotal> ForecastDays, decimal MonthMargin, string Currency, DateOnly Day, decimal DayAmount, string? Marker)
    {
        public static ChartData Of(SpendReport r) => new(r.Daily, r.Forecast.Days, r.Forecast.High - r.Forecast.MonthEnd, r.Currency, r.Day, r.Totals.DayUsage,
            r.Anomalies.FirstOrDefault() is { } a ? $"{a.Name} {Money.ReadableChange(a.Impact, r.Currency)}" : null);
    }

    /// <summary>Both charts: the whole one, and the phone's (the last three weeks and the forecast, drawn to a phone's width); CSS shows one.</summary>
    public static string Chart(SpendReport r) => Charts(ChartData.Of(r));

    public static string Charts(ChartData data) => Chart(data) + "\n" + Chart(data with { Daily = data.Daily.TakeLast(PhoneDays).ToList() }, phone: true);

    private const int PhoneDays = 21;

    /// <summary>
    /// The days' usage as a line, the rest of the month's forecast dashed, its 80% band shaded. The money axis has round
    /// steps (1, 2, 2.5 or 5 times a power of ten); the day axis dates Mondays (every other one when they would crowd) and
    /// names each month at its start. Text is 12 units high: the whole chart is 600 wide (12 px and up from 600 px of
    /// screen), the phone's 360 (12 px on a 390 px phone).
    /// </summary>
    public static string Chart(ChartData r, bool phone = false)
    {
        int width = phone ? 360 : 600, left = phone ? 52 : 64;
        const int height = 260, right = 10, top = 14, bottom = 40, labelRoom = 48;
        var points = r.Daily.Select(d => (d.Day, d.Amount)).Concat(r.ForecastDays.Select(d => (d.Day, d.Amount))).ToList();
        if (points.Count == 0) return "<p>No daily figures yet.</p>";
        var (step, max) = Scale(points.Max(p => p.Amount) * 1.1m);
        var first = points[0].Day;
        var span = Math.Max(points[^1].Day.DayNumber - first.DayNumber, 1);
        string X(DateOnly d) => (left + (decimal)(d.DayNumber - first.DayNumber) / span * (width - left - right)).ToString("0.#", Invariant);
        string Y(decimal a) => (top + (1 - a / max) * (height - top - bottom)).ToString("0.#", Invariant);
        var svg = new StringBuilder($"<svg id=\"{(phone ? "chart-phone" : "chart")}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"Daily usage for the last {r.Daily.Count} days and the forecast to month end\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        svg.Append($"<title>Daily usage, {E(r.Daily[0].Day.ToString("d MMM", Invariant))} to {E(points[^1].Day.ToString("d MMM yyyy", Invariant))}</title>\n");
        var tick = Money.Column([step], r.Currency);
        for (var v = 0m; v <= max; v += step)
            svg.Append($"<line x1=\"{left}\" x2=\"{width - right}\" y1=\"{Y(v)}\" y2=\"{Y(v)}\" stroke=\"#eaeef2\"/><text class=\"tick\" x=\"{left - 4}\" y=\"{Y(v)}\" font-size=\"12\" text-anchor=\"end\" dominant-baseline=\"middle\" fill=\"#57606a\">{E(tick(v))}</text>\n");
        var mondays = points.Select(p => p.Day).Where(d => d.DayOfWeek == DayOfWeek.Monday).ToList();
        var every = Math.Max(1, (int)Math.Ceiling(labelRoom / (7m * (width - left - right) / span)));
        foreach (var d in mondays.Where((_, i) => i % every == 0))
            svg.Append($"<line x1=\"{X(d)}\" x2=\"{X(d)}\" y1=\"{height - bottom}\" y2=\"{height - bottom + 4}\" stroke=\"#8c959f\"/><text class=\"tick\" x=\"{X(d)}\" y=\"{height - bottom + 16}\" font-size=\"12\" text-anchor=\"middle\" fill=\"#57606a\">{E(d.ToString("d MMM", Invariant))}</text>\n");
        foreach (var d in points.Select(p => p.Day).Where(d => d.Day == 1))
            svg.Append($"<line x1=\"{X(d)}\" x2=\"{X(d)}\" y1=\"{top}\" y2=\"{height - bottom}\" stroke=\"#d0d7de\" stroke-dasharray=\"2 3\"/><text class=\"tick\" x=\"{X(d)}\" y=\"{height - 6}\" font-size=\"12\" font-weight=\"600\" text-anchor=\"start\" fill=\"#57606a\">{E(d.ToString("MMMM", Invariant))}</text>\n");
        if (r.ForecastDays.Count > 0)
        {
            // Each day's own 80% band: the month's margin is z·σ·√Σp², so one day's is z·σ·p = margin·p/√Σp².
            var last = r.Daily[^1];
            var norm = CostMath.Sqrt(r.ForecastDays.Sum(d => d.Amount * d.Amount));
            decimal Margin(decimal p) => norm > 0 ? r.MonthMargin * p / norm : 0;
            var upper = r.ForecastDays.Select(d => $"{X(d.Day)},{Y(Math.Min(max, d.Amount + Margin(d.Amount)))}");
            var lower = r.ForecastDays.Select(d => $"{X(d.Day)},{Y(Math.Max(0, d.Amount - Margin(d.Amount)))}").Reverse();
            svg.Append($"<polygon class=\"band\" points=\"{X(last.Day)},{Y(last.Amount)} {string.Join(' ', upper)} {string.Join(' ', lower)}\" fill=\"#0969da\" fill-opacity=\"0.12\"/>\n");
            svg.Append($"<polyline class=\"forecast\" points=\"{X(last.Day)},{Y(last.Amount)} {string.Join(' ', r.ForecastDays.Select(d => $"{X(d.Day)},{Y(d.Amount)}"))}\" fill=\"none\" stroke=\"#0969da\" stroke-width=\"2\" stroke-dasharray=\"5 4\"/>\n");
        }
        svg.Append($"<polyline class=\"actual\" points=\"{string.Join(' ', r.Daily.Select(d => $"{X(d.Day)},{Y(d.Amount)}"))}\" fill=\"none\" stroke=\"#1b1f24\" stroke-width=\"2\"/>\n");
        foreach (var d in r.Daily.Where(d => d.Provisional))
            svg.Append($"<circle class=\"provisional\" cx=\"{X(d.Day)}\" cy=\"{Y(d.Amount)}\" r=\"3\" fill=\"#fff\" stroke=\"#1b1f24\"><title>{E(d.Day.ToString("d MMM", Invariant))}: provisional</title></circle>\n");
        if (r.Marker is { } marker && r.Daily.Count > 0)
            svg.Append($"<circle class=\"anomaly\" cx=\"{X(r.Day)}\" cy=\"{Y(r.DayAmount)}\" r=\"5\" fill=\"#cf222e\"><title>{E(marker)}</title></circle>\n");
        svg.Append($"<text x=\"{width - right}\" y=\"{top}\" font-size=\"12\" text-anchor=\"end\" fill=\"#57606a\">— usage   - - forecast   ○ provisional</text>\n</svg>");
        return svg.ToString();
    }

    /// <summary>The smallest round step (1, 2, 2.5 or 5 × 10ⁿ) that reaches the highest amount in at most six, and the axis top.</summary>
    public static (decimal Step, decimal Max) Scale(decimal highest)
    {
        if (highest <= 0) return (1m, 4m);
        var raw = highest / 6m;
        var magnitude = 1m;
        while (magnitude * 10m <= raw) magnitude *= 10m;
        while (magnitude > raw) magnitude /= 10m;
        var step = new[] { 1m, 2m, 2.5m, 5m, 10m }.Select(f => f * magnitude).First(s => s >= raw);
        return (step, Math.Ceiling(highest / step) * step);
    }

    public static void Figure(StringBuilder html, string label, string valueHtml) =>
        html.Append($"<div class=\"figure\">{E(label)}<b>{valueHtml}</b></div>\n");

    public static void Table(StringBuilder html, string title, string[] headers, IEnumerable<string[]> rows)
    {
        var list = rows.ToList();
        if (list.Count == 0) return;
        html.Append($"<h2>{E(title)}</h2>\n<div class=\"wrap\"><table><thead><tr>");
        for (var i = 0; i < headers.Length; i++) html.Append(i == 0 ? $"<th>{E(headers[i])}</th>" : $"<th class=\"n\">{E(headers[i])}</th>");
        html.Append("</tr></thead><tbody>\n");
        foreach (var row in list)
        {
            html.Append("<tr>");
            for (var i = 0; i < row.Length; i++) html.Append(i == 0 ? $"<td>{row[i]}</td>" : $"<td class=\"n\">{row[i]}</td>");
            html.Append("</tr>\n");
        }
        html.Append("</tbody></table></div>\n");
    }

    public static string E(string text) => WebUtility.HtmlEncode(text);
}
