using System.Text.Json;
using Steward.Core.Costs;

namespace Steward.Tests.Costs;

/// <summary>The report's figures on bills whose answers are known by hand.</summary>
public class SpendReportTests
{
    private static readonly DateOnly Day = Bills.Day; // Monday 2 March 2026

    private static SpendReport Report(List<Line> lines, DateOnly? day = null, UnitVolumes? units = null, decimal? awsRest = null, AnomalyRules? rules = null)
    {
        var d = day ?? Day;
        var history = CostHistory.Empty.Merge(Rows(lines), d.AddDays(-420), d.AddDays(1));
        return SpendReporter.Build(new SpendInputs(history, d, "CostCenter", units ?? UnitVolumes.None, awsRest, null, rules ?? AnomalyRules.Default));
    }

    /// <summary>The rows Cost Explorer would give for these lines, by service and by cost centre.</summary>
    public static IEnumerable<CostRow> Rows(List<Line> lines) =>
        lines.GroupBy(l => (l.Day, l.Service, l.RecordType)).Select(g => new CostRow(g.Key.Day, CostDimension.Service, g.Key.Service, g.Sum(l => l.Amount), g.Sum(l => l.EffectiveAmount), g.Any(l => l.Estimated), g.Key.RecordType))
            .Concat(lines.GroupBy(l => (l.Day, l.CostCenter, l.RecordType)).Select(g => new CostRow(g.Key.Day, CostDimension.CostCenter, g.Key.CostCenter, g.Sum(l => l.Amount), g.Sum(l => l.EffectiveAmount), g.Any(l => l.Estimated), g.Key.RecordType)));

    [Fact]
    public void Totals_are_the_day_the_month_to_date_the_same_weekdays_four_weeks_before_and_last_month()
    {
        var r = Report(Bills.Daily(Day, Bills.Flat));
        Assert.Equal(new Amounts(1200m, 1200m), r.Totals.Day);
        Assert.Equal(2400m, r.Totals.MonthToDate.Billed);   // 1 and 2 March
        Assert.Equal((new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 2), 2400m), (r.Totals.ComparedFrom, r.Totals.ComparedTo, r.Totals.ComparedUsage)); // Sunday and Monday, as 1 and 2 March
        Assert.Equal(28 * 1200m, r.Totals.LastMonth.Billed); // February 2026 has 28 days
        Assert.Equal(0m, r.Totals.PaceChangePercent);
    }

    [Fact]
    public void A_flat_bill_forecasts_its_month_exactly_with_no_anomaly()
    {
        var r = Report(Bills.Daily(Day, Bills.Flat));
        Assert.Equal(31 * 1200m, r.Forecast.MonthEnd);
        Assert.Equal(r.Forecast.MonthEnd, r.Forecast.Low);
        Assert.Equal(r.Forecast.MonthEnd, r.Forecast.High);
        Assert.Equal(29, r.Forecast.Days.Count);
        Assert.Empty(r.Anomalies);
    }

    [Fact]
    public void A_weekly_bill_forecasts_weekdays_and_weekends_apart_and_its_weekends_are_no_anomaly()
    {
        var r = Report(Bills.Daily(Day, Bills.Weekly));
        // March 2026: 22 weekdays at 1,200 and 9 weekend days at 600.
        Assert.Equal(22 * 1200m + 9 * 600m, r.Forecast.MonthEnd);
        Assert.Equal(600m, r.Forecast.Days.Single(d => d.Day == new DateOnly(2026, 3, 7)).Amount);
        Assert.Equal(1200m, r.Forecast.NextDay);
        var sunday = Report(Bills.Daily(new DateOnly(2026, 3, 8), Bills.Weekly), new DateOnly(2026, 3, 8));
        Assert.Empty(sunday.Anomalies);
    }

    [Fact]
    public void A_noisy_series_gets_an_interval_around_its_forecast()
    {
        var r = Report(Bills.Daily(Day, (d, s) => Bills.Flat(d, s) * (d.DayNumber % 3 == 0 ? 1.1m : 0.95m)));
        Assert.True(r.Forecast.Low < r.Forecast.MonthEnd && r.Forecast.MonthEnd < r.Forecast.High, $"{r.Forecast.Low} {r.Forecast.MonthEnd} {r.Forecast.High}");
    }

    [Fact]
    public void A_planted_spike_is_an_anomaly_with_expected_actual_and_impact()
    {
        var lines = Bills.Daily(Day, Bills.Flat);
        lines.Add(new Line(Day, "Amazon Elastic Compute Cloud - Compute", "BoxUsage:p4d.24xlarge", "data", 880m));
        var r = Report(lines);
        var a = r.Anomalies.First();
        Assert.Equal((CostDimension.Service, "Amazon Elastic Compute Cloud - Compute", 1000m, 1880m, 880m), (a.Dimension, a.Key, a.Expected, a.Actual, a.Impact));
        Assert.Equal("virtual servers (EC2)", a.Name);
        Assert.Contains(r.Anomalies, x => x is { Dimension: CostDimension.CostCenter, Key: "data", Impact: 880m });
    }

    [Theory]
    [InlineData(40, "below the $50 minimum impact")]
    [InlineData(150, "below 20% of a $1,000 day")]
    public void A_small_rise_is_no_anomaly(int rise, string why)
    {
        var lines = Bills.Daily(Day, Bills.Flat);
        lines.Add(new Line(Day, "Amazon Elastic Compute Cloud - Compute", "BoxUsage:m6i.large", "payments", rise));
        Assert.True(Report(lines).Anomalies.Count == 0, why);
    }

    [Fact]
    public void One_old_outlier_in_the_baseline_says_nothing_about_a_normal_day()
    {
        var lines = Bills.Daily(Day, Bills.Flat);
        lines.Add(new Line(Day.AddDays(-7), "Amazon Elastic Compute Cloud - Compute", "BoxUsage:p4d.24xlarge", "data", 5000m));
        Assert.Empty(Report(lines).Anomalies);
    }

    [Fact]
    public void A_weekly_job_on_its_own_weekday_is_no_anomaly()
    {
        var r = Report(Bills.Daily(Day, (d, s) => Bills.Flat(d, s) * (d.DayOfWeek == DayOfWeek.Monday && s.Contains("Storage") ? 6m : 1m)));
        Assert.Empty(r.Anomalies);
    }

    [Fact]
    public async Task The_drill_down_names_what_moved_inside_the_service()
    {
        var lines = Bills.Daily(Day, Bills.Flat);
        lines.Add(new Line(Day, "Amazon Elastic Compute Cloud - Compute", "BoxUsage:p4d.24xlarge", "data", 880m));
        var r = Report(lines);
        var a = r.Anomalies.First();
        var lines7 = await new FakeCostExplorer(lines).DrillDownAsync(a.Dimension, a.Key, "CostCenter", Day.AddDays(-7), Day.AddDays(1), default);
        var drilled = SpendReporter.WithDrillDowns(r, new Dictionary<(CostDimension, string), IReadOnlyList<DrillDownLine>>
            { [(a.Dimension, a.Key)] = SpendReporter.DrillDown(a, lines7.Select(x => (x.Key, x.Day, x.Amount)), Day) });
        var line = Assert.Single(drilled.Anomalies.First().DrillDown);
        Assert.Equal(("BoxUsage:p4d.24xlarge", 880m), (line.Key, line.Change));
        Assert.Contains("mostly p4d.24xlarge GPU server hours +$880", string.Join(" ", drilled.Summary));
    }

    [Fact]
    public void Unit_economics_divide_the_day_by_its_volumes_and_compare_with_the_week_before()
    {
        var units = UnitVolumes.Parse("date,unit,count\n" + string.Join("\n", Enumerable.Range(0, 8).Select(i => $"{Day.AddDays(-i):yyyy-MM-dd},orders,{(i == 0 ? 4800 : 4000)}")));
        var u = Assert.Single(Report(Bills.Daily(Day, Bills.Flat), units: units).UnitEconomics);
        Assert.Equal(("orders", 4800L, 0.25m, 250m, 0.3m), (u.Unit, u.Count, u.CostPerUnit, u.CostPer1000, u.TrailingCostPerUnit!.Value));
        Assert.Equal(-16.7m, u.ChangePercent);
    }

    [Fact]
    public void A_malformed_units_line_is_named_and_the_rest_is_used()
    {
        var units = UnitVolumes.Parse($"date,unit,count\n{Day:yyyy-MM-dd},orders,8412\n2026-02-30,orders,1\n{Day:yyyy-MM-dd},signups,many\n");
        Assert.Equal(8412, units.Counts[(Day, "orders")]);
        Assert.Equal(2, units.Problems.Count);
        Assert.Contains("line 3: '2026-02-30' is not a date", units.Problems[0]);
        Assert.Contains("line 4: 'many' is not a count of signups", units.Problems[1]);
        var r = Report(Bills.Daily(Day, Bills.Flat), units: units);
        Assert.Contains(r.Notes, n => n.Contains("line 4"));
        Assert.Single(r.UnitEconomics);
    }

    [Fact]
    public void Allocation_is_the_tagged_share_and_an_all_untagged_bill_says_the_tag_is_not_active()
    {
        var r = Report(Bills.Daily(Day, Bills.Flat));
        Assert.Equal((80m, 240m, false), (r.Allocation.TaggedPercent, r.Allocation.Untagged, r.Allocation.TagInactive));
        var untagged = Bills.Daily(Day, Bills.Flat).Select(l => l with { CostCenter = "" }).ToList();
        var u = Report(untagged);
        Assert.True(u.Allocation.TagInactive);
        Assert.Contains(u.Notes, n => n.Contains("Activate it as a cost allocation tag"));
        Assert.Contains(u.Summary, s => s.Contains("must be activated for cost allocation"));
    }

    [Fact]
    public void The_summary_is_three_to_seven_plain_sentences_that_call_a_provisional_day_provisional()
    {
        var lines = Bills.Daily(Day, Bills.Flat).Select(l => l.Day == Day ? l with { Estimated = true } : l).ToList();
        var r = Report(lines, awsRest: 35_000m);
        Assert.InRange(r.Summary.Count, 3, 7);
        Assert.Contains("On Monday 2 March 2026 usage cost $1,200 (provisional", r.Summary[0]);
        Assert.Contains("AWS's own forecast is $37,400", string.Join(" ", r.Summary)); // 2,400 so far + 35,000 for the rest
        Assert.Contains("virtual servers (EC2) $1,000", string.Join(" ", r.Summary));
        Assert.All(r.Summary, s => Assert.DoesNotMatch(@"\$\d[\d,]*\.\d{3}", s));
        Assert.Contains("No service or cost centre left its usual range, up or down.", r.Summary);
    }

    [Fact]
    public void Days_with_no_cost_and_a_service_that_appears_are_read_as_they_are()
    {
        var lines = Bills.Daily(Day, Bills.Flat).Where(l => l.Day != Day.AddDays(-3)).ToList();
        lines.Add(new Line(Day, "Amazon Bedrock", "TextTokens", "payments", 30m));
        var r = Report(lines);
        Assert.Equal(0m, r.Daily.Single(d => d.Day == Day.AddDays(-3)).Amount);
        Assert.Contains(r.TopServices, s => s.Name == "generative AI (Bedrock)");
    }

    [Fact]
    public void The_report_round_trips_through_its_JSON_with_the_fields_readers_rely_on()
    {
        var r = Report(Bills.Daily(Day, Bills.Flat));
        var json = JsonDocument.Parse(JsonSerializer.Serialize(r, CostJsonContext.Default.SpendReport)).RootElement;
        foreach (var field in new[] { "day", "totals", "forecast", "anomalies", "unitEconomics", "allocation", "summary" }) Assert.True(json.TryGetProperty(field, out _), field);
        Assert.Equal("2026-03-02", json.GetProperty("day").GetString());
        Assert.Equal(1200m, json.GetProperty("totals").GetProperty("day").GetProperty("billed").GetDecimal());
        foreach (var field in new[] { "charges", "teams", "figures" }) Assert.True(json.TryGetProperty(field, out _), field);
        Assert.Equal("usage", json.GetProperty("charges")[0].GetProperty("category").GetString());
    }
}
