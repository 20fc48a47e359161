using System.Text.Json;
using Steward.Core.Costs;
using Steward.Core.Ports;

namespace Steward.Tests.Costs;

/// <summary>The daily run with fakes behind its ports: what it reads, what it keeps, in which order, and what finance hears.</summary>
public class CostSnapshotterTests
{
    private static readonly DateOnly Day = Bills.Day;
    private const string Prefix = "snapshots/2026/03/02/";

    private static List<Line> Spiked()
    {
        var lines = Bills.Daily(Day, Bills.Flat);
        lines.Add(new Line(Day, "Amazon Elastic Compute Cloud - Compute", "BoxUsage:p4d.24xlarge", "data", 880m));
        return lines;
    }

    [Fact]
    public async Task The_first_run_reads_13_months_and_keeps_the_four_objects_and_the_team_pages_then_the_manifest_last()
    {
        var bench = new CostBench(Spiked());
        var outcome = await bench.Snapshotter().RunAsync(Day, default);

        Assert.All(bench.Costs.Periods, p => Assert.Equal((new DateOnly(2025, 2, 1), Day.AddDays(1)), p));
        var set = new[] { "costs.json", "report.json", "report.csv", "report.html" }.Select(n => Prefix + n)
            .Concat(new[] { "payments", "data" }.SelectMany(t => new[] { $"{Prefix}teams/{t}/report.json", $"{Prefix}teams/{t}/report.html" })).ToList();
        Assert.Equal(set.Append(Prefix + "manifest.json"), bench.Store.Puts.Where(k => k.StartsWith(Prefix)));
        var manifest = JsonSerializer.Deserialize(bench.Store.Objects[Prefix + "manifest.json"][^1], CostJsonContext.Default.SnapshotManifest)!;
        Assert.Equal(set, manifest.Objects.Select(o => o.Key));
        Assert.All(manifest.Objects, o => Assert.Equal(FakeSnapshotStore.Sha256(bench.Store.Objects[o.Key][^1]), o.Sha256));
        Assert.All(manifest.Objects, o => Assert.Equal("v1", o.VersionId));
        Assert.Equal(Prefix + "manifest.json", outcome.ManifestKey);
    }

    [Fact]
    public async Task Finance_hears_the_day_in_one_subject_the_summary_the_anomaly_and_a_link()
    {
        var bench = new CostBench(Spiked());
        await bench.Snapshotter().RunAsync(Day, default);
        var (subject, message) = bench.Finance.Sent[0];
        Assert.Equal("whole", bench.Finance.Attributes[0]["report"]);
        Assert.Equal("Cloud spend 2026-03-02: usage $2,080 (+37% month to date), 2 anomalies", subject);
        Assert.True(subject.Length < 100);
        Assert.Contains("virtual servers (EC2): $1,880 against an expected $1,000 (+$880, a rise); p4d.24xlarge GPU server hours +$880 (BoxUsage:p4d.24xlarge)", message);
        Assert.Contains("https://example.test/" + Prefix + "report.html", message);
    }

    /// <summary>
    /// Each cost centre gets its page beside the whole report and a message with a <c>cost_centre</c> attribute, so a team
    /// lead's subscription filter policy (<c>{"cost_centre": ["payments"]}</c>) selects theirs; the pages add up to the bill.
    /// </summary>
    [Fact]
    public async Task Every_team_gets_its_page_and_its_own_message_to_filter_on()
    {
        var bench = new CostBench(Spiked());
        var report = (await bench.Snapshotter().RunAsync(Day, default)).Report;
        var pages = new[] { "payments", "data" }.Select(t => JsonSerializer.Deserialize(bench.Store.Objects[$"{Prefix}teams/{t}/report.json"][^1], CostJsonContext.Default.TeamReport)!).ToList();
        Assert.Equal(report.Totals.Day.Billed, pages.Sum(p => p.DayAmounts.Total));
        var data = pages.Single(p => p.CostCentre == "data");
        Assert.Equal((880m, 880m), (data.DayAmounts.Own, data.Usage)); // the planted GPU server is all the data team's own
        Assert.Contains(data.Anomalies, a => a is { Dimension: CostDimension.CostCenter, Key: "data", Direction: "rise" });
        Assert.Contains("<svg id=\"chart\"", bench.Store.Text($"{Prefix}teams/data/report.html"));

        var teamMessages = bench.Finance.Attributes.Select((a, i) => (a, bench.Finance.Sent[i])).Where(x => x.a["report"] == "team").ToList();
        Assert.Equal(["data", "payments"], teamMessages.Select(x => x.a["cost_centre"]).Order());
        var (subject, message) = teamMessages.Single(x => x.a["cost_centre"] == "data").Item2;
        Assert.StartsWith("Cloud spend 2026-03-02, data: $", subject);
        Assert.Contains($"https://example.test/{Prefix}teams/data/report.html", message);
        Assert.Contains("as its share of what belongs to everyone, shared out in proportion to each cost centre's tagged usage", message);
    }

    [Fact]
    public async Task Later_runs_read_only_the_last_three_days_and_the_days_still_estimated()
    {
        var lines = Bills.Daily(Day, Bills.Flat).Select(l => l.Day >= Day.AddDays(-4) ? l with { Estimated = true } : l).ToList();
        var bench = new CostBench(lines);
        await bench.Snapshotter().RunAsync(Day, default);
        bench.Costs.Periods.Clear();
        var before = bench.Costs.Requests;

        lines.AddRange(Bills.Daily(Day.AddDays(1), Bills.Flat).Where(l => l.Day == Day.AddDays(1)));
        await bench.Snapshotter().RunAsync(Day.AddDays(1), default);
        // Estimated from 26 February (four days before 2 March) to 3 March.
        Assert.All(bench.Costs.Periods, p => Assert.Equal((Day.AddDays(-4), Day.AddDays(2)), p));
        Assert.Equal(3 + 1, bench.Costs.Requests - before); // services, cost centres, linked accounts, the forecast attempt
    }

    /// <summary>
    /// Yesterday reported at 70% while AWS filled it in reads as a drop only once it is final, and it is not: the next run
    /// finds the day final, builds its report again on the final figures, and names what changed, there and in its own notes.
    /// </summary>
    [Fact]
    public async Task A_provisional_day_is_judged_again_once_final_and_its_set_rebuilt_with_the_change_named()
    {
        var lines = Bills.Daily(Day, Bills.Flat).Select(l => l.Day == Day ? l with { Amount = l.Amount * 0.7m, Estimated = true } : l).ToList();
        var bench = new CostBench(lines);
        var first = (await bench.Snapshotter().RunAsync(Day, default)).Report;
        Assert.True(first.Totals.DayProvisional);
        Assert.Empty(first.Anomalies);

        // AWS finishes the day (a spike it had not yet reported among it) and the next day arrives.
        lines.RemoveAll(l => l.Day == Day);
        lines.AddRange(Bills.Daily(Day.AddDays(1), Bills.Flat).Where(l => l.Day >= Day));
        lines.Add(new Line(Day, "Amazon Elastic Compute Cloud - Compute", "BoxUsage:p4d.24xlarge", "data", 880m));
        var next = (await bench.Snapshotter().RunAsync(Day.AddDays(1), default)).Report;

        var rebuilt = JsonSerializer.Deserialize(bench.Store.Objects[Prefix + "report.json"][^1], CostJsonContext.Default.SpendReport)!;
        Assert.Equal(2, bench.Store.Objects[Prefix + "report.json"].Count); // the provisional version is kept beneath
        Assert.False(rebuilt.Totals.DayProvisional);
        Assert.Equal(2080m, rebuilt.Totals.DayUsage);
        Assert.Contains(rebuilt.Anomalies, a => a is { Key: "Amazon Elastic Compute Cloud - Compute", Direction: "rise", Provisional: false });
        var note = "Monday 2 March was provisional when reported and is final as of 3 March: usage $840 then, $2,080 final";
        Assert.StartsWith(note, rebuilt.Notes[0]);
        Assert.Contains("new: virtual servers (EC2) rise", rebuilt.Notes[0]);
        Assert.StartsWith(note, next.Notes[0]);
        var manifest = JsonSerializer.Deserialize(bench.Store.Objects[Prefix + "manifest.json"][^1], CostJsonContext.Default.SnapshotManifest)!;
        Assert.Equal("v2", manifest.Objects.Single(o => o.Key == Prefix + "report.json").VersionId);
    }

    private sealed class Directory(IReadOnlyDictionary<string, string>? names) : IAccountDirectory
    {
        public int Calls { get; private set; }
        public Task<IReadOnlyDictionary<string, string>> NamesAsync(CancellationToken ct)
        {
            Calls++;
            return names is null ? throw new DependencyFailed("organizations", "AWSOrganizationsNotInUseException", "this account is not in an AWS Organization", 400) : Task.FromResult(names);
        }
    }

    [Fact]
    public async Task In_a_management_account_each_team_page_shows_the_team_s_own_spend_by_account_and_it_adds_up()
    {
        // The data team's storage is in the data lake account; the rest of every team's spend in production.
        var lines = Spiked();
        lines.Add(new Line(Day, "Amazon Simple Storage Service", "TimedStorage-ByteHrs", "data", 120m, Account: "444455556666"));
        var bench = new CostBench(lines);
        var directory = new Directory(new Dictionary<string, string> { ["111122223333"] = "production", ["444455556666"] = "data-lake" });
        await new CostSnapshotter(bench.Costs, bench.Store, bench.Finance, CostReportSettings.Default, bench.Clock,
            new Steward.Core.Observability.StructuredLog(bench.Log, bench.Clock, "CostSnapshots"), directory).RunAsync(Day, default);

        var data = JsonSerializer.Deserialize(bench.Store.Objects[$"{Prefix}teams/data/report.json"][^1], CostJsonContext.Default.TeamReport)!;
        var month = new DateOnly(Day.Year, Day.Month, 1);
        // Expected from the lines themselves: the team's own billed lines this month, by account.
        var expected = lines.Where(l => l.CostCenter == "data" && l.Day >= month && l.Day <= Day).GroupBy(l => l.Account)
            .ToDictionary(g => g.Key, g => Math.Round(g.Sum(l => l.Amount), 2, MidpointRounding.AwayFromZero));
        Assert.Equal(expected.OrderByDescending(kv => kv.Value).Select(kv => (kv.Key, kv.Value)), data.Accounts.Select(a => (a.AccountId, a.MonthToDate)));
        Assert.Equal(["production", "data-lake"], data.Accounts.Select(a => a.Name));
        Assert.Equal([88.0m, 12.0m], data.Accounts.Select(a => a.SharePercent));
        Assert.Contains("Own spend by account, month to date (billed)", bench.Store.Text($"{Prefix}teams/data/report.html"));
        var payments = JsonSerializer.Deserialize(bench.Store.Objects[$"{Prefix}teams/payments/report.json"][^1], CostJsonContext.Default.TeamReport)!;
        Assert.Equal(["111122223333"], payments.Accounts.Select(a => a.AccountId));
    }

    [Fact]
    public async Task In_a_single_account_the_team_pages_have_no_accounts_and_cost_no_extra_requests()
    {
        var bench = new CostBench(Spiked());
        await bench.Snapshotter().RunAsync(Day, default);
        var data = JsonSerializer.Deserialize(bench.Store.Objects[$"{Prefix}teams/data/report.json"][^1], CostJsonContext.Default.TeamReport)!;
        Assert.Empty(data.Accounts);
        Assert.DoesNotContain("by account", bench.Store.Text($"{Prefix}teams/data/report.html"));
    }

    [Fact]
    public async Task Linked_accounts_are_named_from_Organizations_and_a_directory_that_cannot_answer_leaves_ids_and_a_note()
    {
        var lines = Spiked().Select(l => l.Service.Contains("Storage") ? l with { Account = "444455556666" } : l).ToList();
        var bench = new CostBench(lines);
        var directory = new Directory(new Dictionary<string, string> { ["111122223333"] = "production", ["444455556666"] = "data-lake" });
        var named = (await new CostSnapshotter(bench.Costs, bench.Store, bench.Finance, CostReportSettings.Default, bench.Clock,
            new Steward.Core.Observability.StructuredLog(bench.Log, bench.Clock, "CostSnapshots"), directory).RunAsync(Day, default)).Report;
        Assert.Equal(["production", "data-lake"], named.Accounts.Select(a => a.Name));
        Assert.Contains("data-lake", bench.Store.Text(Prefix + "report.html"));

        var refused = (await new CostSnapshotter(bench.Costs, bench.Store, bench.Finance, CostReportSettings.Default, bench.Clock,
            new Steward.Core.Observability.StructuredLog(bench.Log, bench.Clock, "CostSnapshots"), new Directory(null)).RunAsync(Day, default)).Report;
        Assert.Equal(["111122223333", "444455556666"], refused.Accounts.Select(a => a.Name));
        Assert.Contains(refused.Notes, n => n.StartsWith("The linked accounts are shown by id", StringComparison.Ordinal));

        // One account: Organizations is not asked at all.
        var single = new Directory(new Dictionary<string, string>());
        await new CostSnapshotter(new FakeCostExplorer(Spiked()), new FakeSnapshotStore(), bench.Finance, CostReportSettings.Default, bench.Clock,
            new Steward.Core.Observability.StructuredLog(bench.Log, bench.Clock, "CostSnapshots"), single).RunAsync(Day, default);
        Assert.Equal(0, single.Calls);
    }

    [Fact]
    public async Task A_history_kept_before_charge_types_is_read_again_whole()
    {
        var bench = new CostBench(Bills.Daily(Day, Bills.Flat));
        var old = """{"readThrough":"2026-03-01","rows":[{"day":"2026-03-01","dimension":"Service","key":"Tax","unblended":99,"amortized":99,"estimated":false}]}""";
        await bench.Store.PutAsync(CostSnapshotter.HistoryKey, System.Text.Encoding.UTF8.GetBytes(old), "application/json", default);
        await bench.Snapshotter().RunAsync(Day, default);
        Assert.All(bench.Costs.Periods, p => Assert.Equal((new DateOnly(2025, 2, 1), Day.AddDays(1)), p));
        var history = JsonSerializer.Deserialize(bench.Store.Objects[CostSnapshotter.HistoryKey][^1], CostJsonContext.Default.CostHistory)!;
        Assert.Equal(CostHistory.CurrentVersion, history.Version);
        Assert.DoesNotContain(history.Rows, r => r.Key == "Tax");
    }

    [Fact]
    public async Task A_re_run_for_the_same_day_replaces_its_set_with_new_versions()
    {
        var bench = new CostBench(Spiked());
        await bench.Snapshotter().RunAsync(Day, default);
        await bench.Snapshotter().RunAsync(Day, default);
        var manifest = JsonSerializer.Deserialize(bench.Store.Objects[Prefix + "manifest.json"][^1], CostJsonContext.Default.SnapshotManifest)!;
        Assert.All(manifest.Objects, o => Assert.Equal("v2", o.VersionId));
    }

    [Fact]
    public async Task A_run_that_cannot_finish_fails_and_leaves_the_last_complete_set()
    {
        var bench = new CostBench(Spiked());
        await bench.Snapshotter().RunAsync(Day, default);
        bench.Store.FailOn = "report.html";
        await Assert.ThrowsAsync<DependencyFailed>(() => bench.Snapshotter().RunAsync(Day, default));
        Assert.Single(bench.Store.Objects[Prefix + "manifest.json"]);
        Assert.Single(bench.Finance.Attributes, a => a["report"] == "whole");
    }

    [Fact]
    public async Task Cost_Explorer_refusing_fails_the_run_loudly_and_writes_nothing()
    {
        var bench = new CostBench(Spiked());
        bench.Costs.Failure = new DependencyFailed("ce", "DataUnavailableException", "enable Cost Explorer", 400);
        var e = await Assert.ThrowsAsync<DependencyFailed>(() => bench.Snapshotter().RunAsync(Day, default));
        Assert.Contains("enable Cost Explorer", e.Message);
        Assert.Empty(bench.Store.Puts);
        Assert.Empty(bench.Finance.Sent);
    }

    [Fact]
    public async Task Cost_Explorer_s_forecast_is_shown_beside_ours_and_its_absence_is_no_failure()
    {
        var bench = new CostBench(Spiked()) { Costs = { Forecast = 33_000m } };
        var report = (await bench.Snapshotter().RunAsync(Day, default)).Report;
        Assert.Equal(2080m + 1200m + 33_000m, report.Forecast.CostExplorer); // 1 March, 2 March, then Cost Explorer's rest of the month

        var without = new CostBench(Spiked());
        Assert.Null((await without.Snapshotter().RunAsync(Day, default)).Report.Forecast.CostExplorer);
    }

    [Fact]
    public async Task The_units_file_in_the_bucket_gives_unit_economics()
    {
        var bench = new CostBench(Spiked());
        await bench.Store.PutAsync(CostSnapshotter.UnitsKey, System.Text.Encoding.UTF8.GetBytes($"date,unit,count\n{Day:yyyy-MM-dd},orders,8320\n"), "text/csv", default);
        var report = (await bench.Snapshotter().RunAsync(Day, default)).Report;
        Assert.Equal(0.25m, Assert.Single(report.UnitEconomics).CostPerUnit);
    }

    [Fact]
    public async Task Yesterday_s_forecast_of_the_day_is_checked_against_what_it_cost()
    {
        var bench = new CostBench(Spiked());
        await bench.Snapshotter().RunAsync(Day.AddDays(-1), default);
        var report = (await bench.Snapshotter().RunAsync(Day, default)).Report;
        var check = Assert.Single(report.Forecast.Accuracy);
        Assert.Equal((Day, 1200m, 2080m), (check.Day, check.Forecast, check.Actual));
    }

    [Fact]
    public async Task A_closed_month_is_written_once_with_how_good_each_day_s_forecast_was()
    {
        var bench = new CostBench(Bills.Daily(Day, Bills.Flat));
        await bench.Snapshotter().RunAsync(new DateOnly(2026, 2, 27), default);
        var first = await bench.Snapshotter().RunAsync(Day, default);
        Assert.True(first.MonthClosed);
        var month = JsonSerializer.Deserialize(bench.Store.Objects["months/2026-02/month.json"][^1], CostJsonContext.Default.MonthRecord)!;
        Assert.Equal(28 * 1200m, month.Total);
        Assert.Equal(0m, Assert.Single(month.Forecasts).ErrorPercent);
        Assert.False((await bench.Snapshotter().RunAsync(Day, default)).MonthClosed);
        Assert.Single(bench.Store.Objects["months/2026-02/month.json"]);
    }

    [Fact]
    public async Task The_HTML_page_is_self_contained_and_carries_the_summary_the_chart_and_the_anomaly()
    {
        var bench = new CostBench(Spiked());
        await bench.Snapshotter().RunAsync(Day, default);
        var html = bench.Store.Text(Prefix + "report.html");
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
        Assert.DoesNotContain("<script", html);
        Assert.Contains("<svg id=\"chart\"", html);
        Assert.Contains("p4d.24xlarge GPU server hours</span> +$880", html);
        Assert.Contains("On Monday 2 March 2026 usage cost $2,080", html);
        var csv = bench.Store.Text(Prefix + "report.csv");
        Assert.StartsWith("section,key,name,figure,amount,detail", csv);
        Assert.Contains("anomaly,Amazon Elastic Compute Cloud - Compute,virtual servers (EC2),usage,880", csv);
    }

    /// <summary>
    /// Read back as a spreadsheet reads it (the fields after CSV unquoting): a tag value that is a formula arrives escaped
    /// ('=HYPERLINK…), and so does one that merely starts with a minus; a negative amount arrives as the plain number it is.
    /// </summary>
    [Fact]
    public async Task A_tag_value_that_looks_like_a_formula_is_escaped_in_the_CSV_and_a_negative_amount_is_not()
    {
        var lines = Spiked().Select(l => l.CostCenter switch { "payments" => l with { CostCenter = "=HYPERLINK(\"http://x\")" }, "data" => l with { CostCenter = "-2+3" }, _ => l }).ToList();
        lines.Add(new Line(Day, "Amazon Elastic Compute Cloud - Compute", "Credit", "", -240.5m, RecordType: "Credit"));
        var bench = new CostBench(lines);
        await bench.Snapshotter().RunAsync(Day, default);
        using var reader = new CsvHelper.CsvReader(new StringReader(bench.Store.Text(Prefix + "report.csv")), System.Globalization.CultureInfo.InvariantCulture);
        var fields = new List<string>();
        while (reader.Read()) for (var i = 0; i < reader.Parser.Count; i++) fields.Add(reader.GetField(i)!);
        Assert.Contains("'=HYPERLINK(\"http://x\")", fields);
        Assert.Contains("'-2+3", fields);
        Assert.DoesNotContain(fields, f => f.StartsWith('=') || f.StartsWith('+') || f.StartsWith('@') || (f.StartsWith('-') && !Steward.Core.SpreadsheetCsv.IsPlainNumber(f)));
        Assert.Contains("-240.5", fields);
        Assert.DoesNotContain("'-240.5", fields);
    }

    [Fact]
    public async Task The_storage_ledger_of_the_day_shows_as_a_section_of_the_report()
    {
        var bench = new CostBench(Spiked());
        IReadOnlyList<Steward.Core.Storage.LedgerRow> rows = [new("data", "finance", "confidential", "STANDARD", 3, 3L * 1073741824, 0.069m), new("data", "search", "internal", "GLACIER_IR", 1, 1073741824, 0.004m)];
        await bench.Store.PutAsync("storage/2026/03/03/ledger.json", JsonSerializer.SerializeToUtf8Bytes(rows, Steward.Core.Storage.StorageJsonContext.Default.IReadOnlyListLedgerRow), "application/json", default);
        var report = (await bench.Snapshotter().RunAsync(Day, default)).Report;
        Assert.Equal((4L, 0.07m), (report.Storage!.Objects, report.Storage.MonthlyCost));
        Assert.Contains("Stored data: 4 objects, 4.00 GB, $0.07 a month", bench.Store.Text(Prefix + "report.html"));
    }
}
