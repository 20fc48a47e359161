using System.Globalization;
using System.Text;
using System.Text.Json;
using Steward.Core.Observability;
using Steward.Core.Ports;

namespace Steward.Core.Costs;

/// <summary>How the cost report is configured: the cost-allocation tag and the anomaly rules.</summary>
public sealed record CostReportSettings(string TagKey, AnomalyRules Rules, TimeSpan LinkLifetime)
{
    public static readonly CostReportSettings Default = new("CostCenter", AnomalyRules.Default, TimeSpan.FromDays(7));
}

/// <summary>Where the day's set landed and what it took.</summary>
public sealed record SnapshotOutcome(SpendReport Report, string Location, string ManifestKey, int CostExplorerRequests, bool MonthClosed);

/// <summary>
/// The daily cost report: read what Cost Explorer has that the bucket's history lacks, merge, explain, keep the day's set
/// and tell finance. The set (costs.json, report.json, report.csv, report.html) is written object by object and the
/// manifest last, so a reader that finds a manifest knows its set is whole; a run that fails leaves the last complete set.
/// </summary>
public sealed class CostSnapshotter(ICostExplorer costs, ISnapshotStore store, INotifier finance, CostReportSettings settings, TimeProvider clock, StructuredLog log,
    IAccountDirectory? accounts = null)
{
    public const string HistoryKey = "history/daily-costs.json";
    public const string UnitsKey = "units/daily.csv";
    private const int MaxDrillDowns = 5;

    public static string DayPrefix(DateOnly day) => $"snapshots/{day:yyyy}/{day:MM}/{day:dd}/";
    public static string MonthKey(DateOnly month) => $"months/{month:yyyy-MM}/month.json";
    public static string TeamPrefix(DateOnly day, string costCentre) => DayPrefix(day) + $"teams/{TeamReporter.KeySegment(costCentre)}/";

    /// <summary>Messages carry <c>report</c> (whole or team) and, for a team, <c>cost_centre</c>: what subscribers' filter policies select on.</summary>
    public const string ReportAttribute = "report", CostCentreAttribute = "cost_centre";

    /// <summary>Finance's message with the whole report, then one per cost centre with its page.</summary>
    private async Task PublishAsync(SpendReport report, IReadOnlyList<TeamReport> teams, CancellationToken ct)
    {
        var prefix = DayPrefix(report.Day);
        await finance.PublishAsync(FinanceMessage.Subject(report), FinanceMessage.Body(report, store.ShareLink(prefix + "report.html", settings.LinkLifetime), store.Location(prefix)),
            new Dictionary<string, string> { [ReportAttribute] = "whole" }, ct);
        await Parallel.ForEachAsync(teams, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (team, token) =>
        {
            var teamPrefix = TeamPrefix(report.Day, team.CostCentre);
            await finance.PublishAsync(TeamReporter.Subject(team), TeamReporter.Body(team, store.ShareLink(teamPrefix + "report.html", settings.LinkLifetime), store.Location(teamPrefix)),
                new Dictionary<string, string> { [ReportAttribute] = "team", [CostCentreAttribute] = team.CostCentre }, token);
        });
    }

    public async Task<SnapshotOutcome> RunAsync(DateOnly day, CancellationToken ct)
    {
        // A run is nearly always a cold start and every call a round trip: what does not depend on the day's costs is asked
        // for at once, with the history.
        var historyRead = store.GetAsync(HistoryKey, ct);
        var forecastRead = AwsForecastAsync(day, ct);
        var unitsRead = store.GetAsync(UnitsKey, ct);
        var previousRead = store.GetAsync(DayPrefix(day.AddDays(-1)) + "report.json", ct);
        var storageRead = StorageAsync(day, ct);

        var sharingRead = store.GetAsync(SharingRule.Key, ct);

        var history = Read(await historyRead, CostJsonContext.Default.CostHistory) ?? CostHistory.Empty;
        if (history.Version < CostHistory.CurrentVersion)
        {
            // Written before rows carried their charge type: every tax line and fee in it reads as usage. Read it all again.
            log.Info("the cost history predates charge types; reading 13 months again", ("version", history.Version), ("rows", history.Rows.Count));
            history = CostHistory.Empty;
        }
        var (from, to) = history.PeriodToRead(day);
        var byDimension = await Task.WhenAll(
            costs.DailyCostsAsync(CostDimension.Service, settings.TagKey, from, to, ct),
            costs.DailyCostsAsync(CostDimension.CostCenter, settings.TagKey, from, to, ct),
            costs.DailyCostsAsync(CostDimension.Account, settings.TagKey, from, to, ct));
        var fresh = byDimension.SelectMany(rows => rows).ToList();
        history = history.Merge(fresh, from, to);
        var historyWritten = store.PutAsync(HistoryKey, JsonSerializer.SerializeToUtf8Bytes(history, CostJsonContext.Default.CostHistory), "application/json", ct);
        log.Info("costs read", ("day", Iso(day)), ("from", Iso(from)), ("to", Iso(to.AddDays(-1))), ("rows", fresh.Count), ("historyRows", history.Rows.Count));

        var units = await unitsRead is { } csv ? UnitVolumes.Parse(Encoding.UTF8.GetString(csv), UnitsKey) : UnitVolumes.None;
        var sharing = await sharingRead is { } shares ? SharingRule.Parse(Encoding.UTF8.GetString(shares)) : SharingRule.Proportional;
        var previous = Read(await previousRead, CostJsonContext.Default.SpendReport);
        var (names, namesNote) = await AccountNamesAsync(history, day, ct);
        var inputs = new SpendInputs(history, day, settings.TagKey, units, await forecastRead, previous, settings.Rules, Sharing: sharing, AccountNames: names);
        var report = SpendReporter.Build(inputs);

        var insides = await Task.WhenAll(report.Anomalies.Take(MaxDrillDowns).Select(async a =>
            (Anomaly: a, Inside: await costs.DrillDownAsync(a.Dimension, a.Key, settings.TagKey, day.AddDays(-7), day.AddDays(1), ct))));
        var drillDowns = insides.ToDictionary(x => (x.Anomaly.Dimension, x.Anomaly.Key),
            x => SpendReporter.DrillDown(x.Anomaly, x.Inside.Select(i => (i.Key, i.Day, i.Amount)), day));
        report = SpendReporter.WithDrillDowns(report, drillDowns) with { Storage = await storageRead };
        if (namesNote is not null) report = report with { Notes = [.. report.Notes, namesNote] };

        await historyWritten;
        var prefix = DayPrefix(day);
        var rejudged = await RejudgeAsync(history, day, units, sharing, ct);
        if (rejudged.Count > 0) report = report with { Notes = [.. rejudged.Select(x => x.Note), .. report.Notes] };
        var teams = await WithAccountsAsync(TeamReporter.Build(inputs, report), report, names, ct);
        await WriteSetAsync(history, report, teams, ct);
        var closing = CloseMonthAsync(history, day, ct);
        var published = PublishAsync(report, teams, ct);
        await Task.WhenAll(closing, published);
        var closed = await closing;
        log.Info("cost report written", ("day", Iso(day)), ("location", store.Location(prefix)), ("total", report.Totals.Day), ("monthEndForecast", report.Forecast.MonthEnd),
            ("anomalies", report.Anomalies.Select(a => $"{a.Key} {a.Impact.ToString(CultureInfo.InvariantCulture)}")), ("costExplorerRequests", costs.Requests), ("monthClosed", closed),
            ("judgedAgain", rejudged.Select(x => Iso(x.Day))));
        return new SnapshotOutcome(report, store.Location(prefix), prefix + "manifest.json", costs.Requests, closed);
    }

    /// <summary>
    /// A day's set: costs.json, report.json, report.csv, report.html, then the manifest that names their versions, written
    /// last, so its presence says the day's files (and the history they came from) are all there.
    /// </summary>
    private async Task WriteSetAsync(CostHistory history, SpendReport report, IReadOnlyList<TeamReport> teams, CancellationToken ct)
    {
        var day = report.Day;
        var prefix = DayPrefix(day);
        var monthRows = history.Rows.Where(r => r.Day.Year == day.Year && r.Day.Month == day.Month && r.Day <= day).ToList();
        var whole = await Task.WhenAll(
            store.PutAsync(prefix + "costs.json", JsonSerializer.SerializeToUtf8Bytes<IReadOnlyList<CostRow>>(monthRows, CostJsonContext.Default.IReadOnlyListCostRow), "application/json", ct),
            store.PutAsync(prefix + "report.json", JsonSerializer.SerializeToUtf8Bytes(report, CostJsonContext.Default.SpendReport), "application/json", ct),
            store.PutAsync(prefix + "report.csv", Encoding.UTF8.GetBytes(ReportCsv.Write(report)), "text/csv; charset=utf-8", ct),
            store.PutAsync(prefix + "report.html", Encoding.UTF8.GetBytes(ReportHtml.Write(report)), "text/html; charset=utf-8", ct));
        var teamPages = new List<StoredObject>();
        foreach (var team in teams) // one team at a time, two objects at once: hundreds of cost centres must not flood S3
        {
            var teamPrefix = TeamPrefix(day, team.CostCentre);
            teamPages.AddRange(await Task.WhenAll(
                store.PutAsync(teamPrefix + "report.json", JsonSerializer.SerializeToUtf8Bytes(team, CostJsonContext.Default.TeamReport), "application/json", ct),
                store.PutAsync(teamPrefix + "report.html", Encoding.UTF8.GetBytes(TeamReporter.Html(team)), "text/html; charset=utf-8", ct)));
        }
        var written = whole.Concat(teamPages).ToList();
        var manifest = new SnapshotManifest(day, clock.GetUtcNow(), written.Select(o => new ManifestEntry(o.Key, o.VersionId, o.Sha256, o.Bytes)).ToList());
        await store.PutAsync(prefix + "manifest.json", JsonSerializer.SerializeToUtf8Bytes(manifest, CostJsonContext.Default.SnapshotManifest), "application/json", ct);
    }

    /// <summary>
    /// The days before the report's that were provisional when last reported and are final now: each is built again from
    /// the final figures and its set rewritten, with what changed named in its notes (the bucket keeps the first version).
    /// </summary>
    private async Task<IReadOnlyList<(DateOnly Day, string Note)>> RejudgeAsync(CostHistory history, DateOnly day, UnitVolumes units, SharingRule sharing, CancellationToken ct)
    {
        var candidates = history.Rows.Where(r => r.Day < day && r.Day >= day.AddDays(-CostHistory.RestatementDays - 4)).Select(r => r.Day).Distinct()
            .Where(d => !history.Rows.Any(r => r.Day == d && r.Estimated)).Order().ToList();
        var rebuilt = new List<(DateOnly, string)>();
        foreach (var d in candidates)
        {
            var stored = Read(await store.GetAsync(DayPrefix(d) + "report.json", ct), CostJsonContext.Default.SpendReport);
            if (stored is not { Totals.DayProvisional: true }) continue;
            var previous = Read(await store.GetAsync(DayPrefix(d.AddDays(-1)) + "report.json", ct), CostJsonContext.Default.SpendReport);
            var final = SpendReporter.Build(new SpendInputs(history, d, settings.TagKey, units, stored.Forecast.CostExplorer is { } ce ? ce - stored.Totals.MonthToDate.Billed : null,
                previous, settings.Rules, Sharing: sharing));
            var note = SpendSummary.Rejudged(stored, final, day);
            final = final with { Notes = [note, .. final.Notes], Storage = stored.Storage };
            var inputs = new SpendInputs(history, d, settings.TagKey, units, null, previous, settings.Rules, Sharing: sharing);
            await WriteSetAsync(history, final, TeamReporter.Build(inputs, final), ct);
            log.Info("a provisional day is final and was judged again", ("day", Iso(d)), ("change", note));
            rebuilt.Add((d, note));
        }
        return rebuilt;
    }

    /// <summary>
    /// The linked accounts' names, asked of Organizations only when the month holds more than one account; a directory that
    /// cannot answer leaves the ids, said in a note (the report is not failed for a name).
    /// </summary>
    private async Task<(IReadOnlyDictionary<string, string>? Names, string? Note)> AccountNamesAsync(CostHistory history, DateOnly day, CancellationToken ct)
    {
        var month = new DateOnly(day.Year, day.Month, 1);
        if (accounts is null || history.Rows.Where(r => r.Dimension == CostDimension.Account && r.Day >= month && r.Day <= day).Select(r => r.Key).Distinct().Count() < 2)
            return (null, null);
        try { return (await accounts.NamesAsync(ct), null); }
        catch (DependencyException e)
        {
            log.Warn("linked accounts' names unavailable; ids are shown", ("error", e.Message));
            return (null, $"The linked accounts are shown by id: {e.Message}.");
        }
    }

    /// <summary>
    /// In an organization's management account (the month's bill has more than one linked account), each team's own spend by
    /// account this month: one Cost Explorer request a team, at once. Elsewhere the teams are as they were.
    /// </summary>
    private async Task<IReadOnlyList<TeamReport>> WithAccountsAsync(IReadOnlyList<TeamReport> teams, SpendReport report, IReadOnlyDictionary<string, string>? names, CancellationToken ct)
    {
        if (report.Accounts.Count < 2) return teams;
        var month = new DateOnly(report.Day.Year, report.Day.Month, 1);
        return await Task.WhenAll(teams.Select(async team =>
        {
            var byAccount = (await costs.CostCentreByAccountAsync(team.CostCentre, settings.TagKey, month, report.Day.AddDays(1), ct))
                .GroupBy(a => a.Key).Select(g => (Account: g.Key, Amount: g.Sum(a => a.Amount))).Where(a => a.Amount != 0).OrderByDescending(a => a.Amount).ToList();
            var total = byAccount.Sum(a => a.Amount);
            return team with
            {
                Accounts = byAccount.Select(a => new TeamAccountSpend(a.Account, names?.GetValueOrDefault(a.Account) ?? a.Account, Math.Round(a.Amount, 2, MidpointRounding.AwayFromZero),
                    total == 0 ? 0 : Math.Round(a.Amount / total * 100, 1, MidpointRounding.AwayFromZero))).ToList(),
            };
        }));
    }

    /// <summary>Cost Explorer's own forecast to the month's end, or none (on its last day, or when it has none to give).</summary>
    private async Task<decimal?> AwsForecastAsync(DateOnly day, CancellationToken ct)
    {
        var monthEnd = new DateOnly(day.Year, day.Month, 1).AddMonths(1);
        if (day.AddDays(1) >= monthEnd) return null;
        try { return await costs.ForecastAsync(day.AddDays(1), monthEnd, ct); }
        catch (DependencyException e)
        {
            log.Warn("Cost Explorer forecast unavailable; ours is shown alone", ("error", e.Message));
            return null;
        }
    }

    /// <summary>
    /// Once the month before the report's is final (no estimated day left), its totals and how good each day's forecast
    /// was are written, once: an existing record is never replaced.
    /// </summary>
    private async Task<bool> CloseMonthAsync(CostHistory history, DateOnly day, CancellationToken ct)
    {
        var month = new DateOnly(day.Year, day.Month, 1).AddMonths(-1);
        var rows = history.Rows.Where(r => r.Day.Year == month.Year && r.Day.Month == month.Month).ToList();
        if (rows.Count == 0 || rows.Any(r => r.Estimated) || await store.GetAsync(MonthKey(month), ct) is not null) return false;

        var services = rows.Where(r => r.Dimension == CostDimension.Service).ToList();
        var total = Money.Round(services.Sum(r => r.Billed));
        var days = Enumerable.Range(0, DateTime.DaysInMonth(month.Year, month.Month)).Select(month.AddDays).ToList();
        var reports = await Task.WhenAll(days.Select(d => store.GetAsync(DayPrefix(d) + "report.json", ct)));
        var forecasts = new List<ForecastOfMonth>();
        foreach (var (d, bytes) in days.Zip(reports))
            if (Read(bytes, CostJsonContext.Default.SpendReport) is { } r)
                forecasts.Add(new ForecastOfMonth(d, r.Forecast.MonthEnd, total == 0 ? null : Math.Round((r.Forecast.MonthEnd - total) / total * 100m, 1)));
        var record = new MonthRecord($"{month:yyyy-MM}", total,
            services.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => Money.Round(g.Sum(r => r.Billed))),
            rows.Where(r => r.Dimension == CostDimension.CostCenter).GroupBy(r => SpendReporter.NameOf(CostDimension.CostCenter, r.Key)).ToDictionary(g => g.Key, g => Money.Round(g.Sum(r => r.Billed))),
            forecasts, Money.Round(services.Sum(r => r.Usage)),
            Charges.All.ToDictionary(k => k, k => Money.Round(services.Where(r => r.Charge == k).Sum(r => r.Billed))));
        await store.PutAsync(MonthKey(month), JsonSerializer.SerializeToUtf8Bytes(record, CostJsonContext.Default.MonthRecord), "application/json", ct);
        log.Info("month closed", ("month", record.Month), ("total", total), ("forecastDays", forecasts.Count));
        return true;
    }

    /// <summary>The storage ledger the reconciliation wrote for the day (or the next morning, before this report ran).</summary>
    private async Task<StorageSection?> StorageAsync(DateOnly day, CancellationToken ct)
    {
        var keys = new[] { day, day.AddDays(1) }.Select(d => Storage.StorageReconciler.LedgerPrefix(d) + "ledger.json").ToList();
        var ledgers = await Task.WhenAll(keys.Select(k => store.GetAsync(k, ct)));
        foreach (var (key, bytes) in keys.Zip(ledgers))
        {
            if (Read(bytes, Storage.StorageJsonContext.Default.IReadOnlyListLedgerRow) is { } rows)
                return new StorageSection(store.Location(key), rows.Sum(r => r.Objects), rows.Sum(r => r.Bytes), Money.Round(rows.Sum(r => r.MonthlyCost ?? 0)), rows);
        }
        return null;
    }

    private T? Read<T>(byte[]? bytes, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) where T : class
    {
        if (bytes is null) return null;
        try { return JsonSerializer.Deserialize(bytes, type); }
        catch (JsonException e)
        {
            log.Warn("a stored object could not be read; it is treated as absent", ("type", typeof(T).Name), ("error", e.Message));
            return null;
        }
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
