using System.Globalization;
using System.Net;
using System.Text;

namespace Steward.Core.Costs;

/// <summary>
/// The report as one self-contained page: no script, font, image or style from anywhere else (it is opened from a presigned
/// link and printed), the summary first, an SVG chart of daily spend with the forecast, then the breakdowns and anomalies.
/// Readable on a phone (one column, tables that fit) and on paper.
/// </summary>
public static class ReportHtml
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Write(SpendReport r)
    {
        string M(decimal a) => E(Money.Readable(a, r.Currency));
        var html = new StringBuilder();
        html.Append($"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <title>Cloud spend {r.Day:yyyy-MM-dd}</title>
            <style>
            body{"{"}font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1b1f24;line-height:1.45{"}"}
            h1{"{"}font-size:1.4rem;margin:.2rem 0{"}"} h2{"{"}font-size:1.1rem;margin-top:1.6rem;border-bottom:1px solid #d0d7de{"}"}
            .figures{"{"}display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.6rem{"}"}
            .figure{"{"}border:1px solid #d0d7de;border-radius:6px;padding:.5rem{"}"} .figure b{"{"}display:block;font-size:1.2rem{"}"}
            table{"{"}border-collapse:collapse;width:100%;font-size:.95rem{"}"} td,th{"{"}text-align:left;padding:.25rem .4rem;border-bottom:1px solid #eaeef2{"}"}
            td.n,th.n{"{"}text-align:right;white-space:nowrap{"}"} .anomaly{"{"}border-left:4px solid #cf222e;padding:.3rem .6rem;margin:.5rem 0;background:#fff5f5{"}"}
            svg{"{"}width:100%;height:auto{"}"} .note{"{"}color:#57606a;font-size:.9rem{"}"}
            .wrap{"{"}overflow-x:auto{"}"} @media (max-width:480px){"{"}table{"{"}font-size:.8rem{"}"} td,th{"{"}padding:.2rem .25rem{"}"}{"}"}
            @media print{"{"}body{"{"}max-width:none{"}"} .figure,.anomaly{"{"}break-inside:avoid{"}"}{"}"}
            </style></head><body>
            <h1>Cloud spend on {E(r.Day.ToString("dddd d MMMM yyyy", Invariant))}</h1>
            <section id="summary">
            """);
        foreach (var sentence in r.Summary) html.Append($"<p>{E(sentence)}</p>\n");
        html.Append("</section>\n<section class=\"figures\" id=\"figures\">\n");
        var t = r.Totals;
        Figure(html, "The day", M(t.Day) + (t.DayEstimated ? " (estimate)" : ""));
        Figure(html, "Month to date", M(t.MonthToDate));
        Figure(html, "Same days last month", M(t.SameDaysLastMonth));
        Figure(html, "Last month", M(t.LastMonth));
        Figure(html, "Month end, forecast", $"{M(r.Forecast.MonthEnd)} <small>({M(r.Forecast.Low)}–{M(r.Forecast.High)})</small>");
        if (r.Forecast.CostExplorer is { } ce) Figure(html, "Month end, AWS forecast", M(ce));
        html.Append("</section>\n<h2>Daily spend</h2>\n").Append(Chart(r)).Append('\n');

        html.Append("<h2>Anomalies</h2>\n");
        if (r.Anomalies.Count == 0) html.Append("<p>No service or cost centre left its usual range.</p>\n");
        foreach (var a in r.Anomalies)
        {
            html.Append($"<div class=\"anomaly\"><b>{E(a.Name)}</b>: {M(a.Actual)} against an expected {M(a.Expected)} ({E(Money.ReadableChange(a.Impact, r.Currency))})");
            if (a.DrillDown.Count > 0)
                html.Append("<br>What moved: ").Append(string.Join(", ", a.DrillDown.Select(d => $"{E(d.Key)} {E(Money.ReadableChange(d.Change, r.Currency))}")));
            html.Append("</div>\n");
        }

        Table(html, "Top services", ["Service", "The day", "Month to date", "Share"], r.TopServices.Select(s => new[] { E(s.Name), M(s.Amount), M(s.MonthToDate), $"{s.SharePercent.ToString("0.#", Invariant)}%" }));
        Table(html, "Top cost centres", ["Cost centre", "The day", "Month to date", "Share"], r.TopCostCenters.Select(s => new[] { E(s.Name), M(s.Amount), M(s.MonthToDate), $"{s.SharePercent.ToString("0.#", Invariant)}%" }));
        Table(html, "Biggest changes against the week before", ["What", "The day", "Week's average", "Change"],
            r.Movers.Select(m => new[] { E(m.Name), M(m.Amount), M(m.Baseline), E(Money.ReadableChange(m.Change, r.Currency)) }));
        if (r.UnitEconomics.Count > 0)
            Table(html, "Cost per unit of business", ["Unit", "Count", "Per unit", "Per 1,000", "Week before"],
                r.UnitEconomics.Select(u => new[] { E(u.Unit), u.Count.ToString("#,0", Invariant), E(Money.Readable(u.CostPerUnit, r.Currency)), M(u.CostPer1000),
                    u.TrailingCostPerUnit is { } tr ? E(Money.Readable(tr, r.Currency)) : "—" }));
        if (r.Storage is { } st)
            Table(html, $"Stored data: {st.Objects.ToString("#,0", Invariant)} objects, {(st.Bytes / 1073741824m).ToString("#,0.##", Invariant)} GB, {Money.Readable(st.MonthlyCost, r.Currency)} a month",
                ["Bucket / owner", "Class", "Storage class", "Objects", "GB", "A month"],
                st.Rows.OrderByDescending(x => x.MonthlyCost ?? 0).Take(20).Select(x => new[] { E($"{x.Bucket} / {x.Owner}"), E(x.DataClass), E(x.StorageClass),
                    x.Objects.ToString("#,0", Invariant), (x.Bytes / 1073741824m).ToString("#,0.###", Invariant), x.MonthlyCost is { } c ? E(Money.Readable(c, r.Currency)) : "—" }));
        html.Append($"<h2>Allocation</h2>\n<p>{r.Allocation.TaggedPercent.ToString("0.#", Invariant)}% of the day's spend carries the {E(r.Allocation.TagKey)} tag " +
                    $"({r.Allocation.MonthToDateTaggedPercent.ToString("0.#", Invariant)}% of the month's); {M(r.Allocation.Untagged)} of the day does not.</p>\n");
        if (r.Notes.Count > 0)
        {
            html.Append("<h2>Notes</h2>\n<ul class=\"note\">\n");
            foreach (var n in r.Notes) html.Append($"<li>{E(n)}</li>\n");
            html.Append("</ul>\n");
        }
        html.Append($"<p class=\"note\">Amounts are {E(r.Metric)} in {E(r.Currency)} from AWS Cost Explorer. Made by Steward.</p>\n</body></html>\n");
        return html.ToString();
    }

    /// <summary>The last 60 days as a line, the rest of the month's forecast dashed, its 80% band shaded; days on x, money on y.</summary>
    public static string Chart(SpendReport r)
    {
        const int width = 720, height = 240, left = 56, right = 12, top = 12, bottom = 28;
        var points = r.Daily.Select(d => (d.Day, d.Amount)).Concat(r.Forecast.Days.Select(d => (d.Day, d.Amount))).ToList();
        if (points.Count == 0) return "<p>No daily figures yet.</p>";
        var max = Math.Max(points.Max(p => p.Amount), 1m) * 1.25m;
        var first = points[0].Day;
        var span = Math.Max(points[^1].Day.DayNumber - first.DayNumber, 1);
        string X(DateOnly d) => (left + (decimal)(d.DayNumber - first.DayNumber) / span * (width - left - right)).ToString("0.#", Invariant);
        string Y(decimal a) => (top + (1 - a / max) * (height - top - bottom)).ToString("0.#", Invariant);
        var svg = new StringBuilder($"<svg id=\"chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"Daily spend for the last {r.Daily.Count} days and the forecast to month end\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        svg.Append($"<title>Daily spend, {E(r.Daily[0].Day.ToString("d MMM", Invariant))} to {E(points[^1].Day.ToString("d MMM yyyy", Invariant))}</title>\n");
        for (var i = 0; i <= 4; i++)
        {
            var v = max / 4 * i;
            svg.Append($"<line x1=\"{left}\" x2=\"{width - right}\" y1=\"{Y(v)}\" y2=\"{Y(v)}\" stroke=\"#eaeef2\"/><text x=\"{left - 4}\" y=\"{Y(v)}\" font-size=\"10\" text-anchor=\"end\" dominant-baseline=\"middle\" fill=\"#57606a\">{E(Money.Readable(v, r.Currency))}</text>\n");
        }
        foreach (var d in points.Select(p => p.Day).Where(d => d.Day == 1))
            svg.Append($"<line x1=\"{X(d)}\" x2=\"{X(d)}\" y1=\"{top}\" y2=\"{height - bottom}\" stroke=\"#d0d7de\" stroke-dasharray=\"2 3\"/><text x=\"{X(d)}\" y=\"{height - 8}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#57606a\">{E(d.ToString("MMM", Invariant))}</text>\n");
        if (r.Forecast.Days.Count > 0)
        {
            // Each day's own 80% band: the month's margin is z·σ·√Σp², so one day's is z·σ·p = margin·p/√Σp².
            var last = r.Daily[^1];
            var norm = CostMath.Sqrt(r.Forecast.Days.Sum(d => d.Amount * d.Amount));
            decimal Margin(decimal p) => norm > 0 ? (r.Forecast.High - r.Forecast.MonthEnd) * p / norm : 0;
            var upper = r.Forecast.Days.Select(d => $"{X(d.Day)},{Y(d.Amount + Margin(d.Amount))}");
            var lower = r.Forecast.Days.Select(d => $"{X(d.Day)},{Y(Math.Max(0, d.Amount - Margin(d.Amount)))}").Reverse();
            svg.Append($"<polygon class=\"band\" points=\"{X(last.Day)},{Y(last.Amount)} {string.Join(' ', upper)} {string.Join(' ', lower)}\" fill=\"#0969da\" fill-opacity=\"0.12\"/>\n");
            svg.Append($"<polyline class=\"forecast\" points=\"{X(last.Day)},{Y(last.Amount)} {string.Join(' ', r.Forecast.Days.Select(d => $"{X(d.Day)},{Y(d.Amount)}"))}\" fill=\"none\" stroke=\"#0969da\" stroke-width=\"2\" stroke-dasharray=\"5 4\"/>\n");
        }
        svg.Append($"<polyline class=\"actual\" points=\"{string.Join(' ', r.Daily.Select(d => $"{X(d.Day)},{Y(d.Amount)}"))}\" fill=\"none\" stroke=\"#1b1f24\" stroke-width=\"2\"/>\n");
        foreach (var a in r.Anomalies.Where(_ => r.Daily.Count > 0).Take(1))
            svg.Append($"<circle class=\"anomaly\" cx=\"{X(r.Day)}\" cy=\"{Y(r.Totals.Day)}\" r=\"5\" fill=\"#cf222e\"><title>{E(a.Name)} {E(Money.ReadableChange(a.Impact, r.Currency))}</title></circle>\n");
        svg.Append($"<text x=\"{width - right}\" y=\"{top + 10}\" font-size=\"11\" text-anchor=\"end\" fill=\"#57606a\">— spent   - - forecast</text>\n</svg>");
        return svg.ToString();
    }

    private static void Figure(StringBuilder html, string label, string valueHtml) =>
        html.Append($"<div class=\"figure\">{E(label)}<b>{valueHtml}</b></div>\n");

    private static void Table(StringBuilder html, string title, string[] headers, IEnumerable<string[]> rows)
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

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
