using System.Text.Json;
using Steward.Core.Costs;

namespace Steward.Tests.Costs;

/// <summary>
/// The report on what a real bill holds besides usage (support on the 1st, tax, credits, commitments), on provisional
/// days, on drops, and shared out to teams: each on data whose answer the test knows.
/// </summary>
public class RealBillTests
{
    private const string Ec2 = "Amazon Elastic Compute Cloud - Compute", S3 = "Amazon Simple Storage Service", Support = "AWS Support (Business)";

    private static SpendReport Report(List<Line> lines, DateOnly day, SpendReport? previous = null, UnitVolumes? units = null, SharingRule? sharing = null)
    {
        var history = CostHistory.Empty.Merge(SpendReportTests.Rows(lines), day.AddDays(-420), day.AddDays(1));
        return SpendReporter.Build(new SpendInputs(history, day, "CostCenter", units ?? UnitVolumes.None, null, previous, AnomalyRules.Default, Sharing: sharing));
    }

    /// <summary>
    /// A weekly usage rhythm with what every real bill carries: AWS Support (Business) and tax on the 1st (on last month's
    /// usage), a promotional credit drawn each day, and a Reserved Instance bought upfront on 12 February (billed that day,
    /// spread over its term when amortized).
    /// </summary>
    private static List<Line> RealBill(DateOnly through)
    {
        var lines = Bills.Daily(through, Bills.Weekly);
        var first = lines.Min(l => l.Day);
        for (var month = first; month <= through; month = month.AddMonths(1))
        {
            if (month == first) continue;
            var lastMonth = lines.Where(l => l.RecordType == "Usage" && l.Day >= month.AddMonths(-1) && l.Day < month).Sum(l => l.Amount);
            lines.Add(new Line(month, Support, "Dollar", "", 1500m, RecordType: "Support"));
            lines.Add(new Line(month, Ec2, "Tax", "", Math.Round(lastMonth * 0.07m, 2), RecordType: "Tax"));
        }
        for (var d = first; d <= through; d = d.AddDays(1)) lines.Add(new Line(d, Ec2, "Credit", "", -50m, RecordType: "Credit"));
        lines.Add(new Line(new DateOnly(2026, 2, 12), Ec2, "HeavyUsage:m6i.large", "", 5000m, RecordType: "Upfront reservation fee", Effective: 0m));
        return lines;
    }

    private static decimal UsageOfMonth(List<Line> lines, DateOnly month) =>
        lines.Where(l => l.RecordType == "Usage" && l.Day.Year == month.Year && l.Day.Month == month.Month).Sum(l => l.EffectiveAmount);

    private static decimal BillOfMonth(List<Line> lines, DateOnly month) =>
        lines.Where(l => l.Day.Year == month.Year && l.Day.Month == month.Month).Sum(l => l.Amount);

    [Fact]
    public void A_month_of_fees_tax_and_credits_says_nothing_anomalous_and_keeps_the_forecast_within_2_percent_of_the_usage_truth()
    {
        var march = new DateOnly(2026, 3, 1);
        var lines = RealBill(new DateOnly(2026, 3, 31));
        var usageTruth = UsageOfMonth(lines, march);
        var billTruth = BillOfMonth(lines, march);
        for (var day = march; day.Month == 3; day = day.AddDays(1))
        {
            var r = Report(lines.Where(l => l.Day <= day).ToList(), day);
            Assert.True(r.Anomalies.Count == 0, $"{day}: {string.Join("; ", r.Anomalies.Select(a => $"{a.Name} {a.Impact}"))}");
            Assert.InRange(Math.Abs(r.Forecast.UsageMonthEnd - usageTruth) / usageTruth, 0m, 0.02m);
            Assert.InRange(Math.Abs(r.Forecast.MonthEnd - billTruth) / billTruth, 0m, 0.02m);
        }
        // The 1st, when the support fee and the tax land: named as charges, in words, and not read as usage.
        var first = Report(lines.Where(l => l.Day <= march).ToList(), march);
        var support = first.Charges.Single(c => c.Category == ChargeKind.Support);
        Assert.Equal((1500m, "AWS Support (Business) fee", "charged on the 1st"), (support.Day.Billed, support.Lines.Single().Name, support.Lines.Single().Recurs));
        Assert.Equal(first.Totals.DayUsage + 1500m + first.Charges.Single(c => c.Category == ChargeKind.Tax).Day.Billed - 50m, first.Totals.Day.Billed);
        Assert.Contains("AWS Support (Business) fee $1,500 (charged on the 1st)", string.Join(" ", first.Summary));
        // The pace compares Sunday 1 March with Sunday 1 February, usage with usage.
        Assert.Equal((new DateOnly(2026, 2, 1), 0m), (first.Totals.ComparedFrom, first.Totals.PaceChangePercent));
    }

    [Fact]
    public void A_commitment_bought_upfront_is_billed_on_its_day_but_is_not_a_rise_in_usage()
    {
        var day = new DateOnly(2026, 2, 12);
        var r = Report(RealBill(day), day);
        Assert.Empty(r.Anomalies);
        var purchases = r.Charges.Single(c => c.Category == ChargeKind.Purchase);
        Assert.Equal((new Amounts(5000m, 0m), "Reserved Instance upfront fee (virtual servers (EC2))"), (purchases.Day, purchases.Lines.Single().Name));
        Assert.Equal("Purchase", purchases.FocusCategory);
    }

    [Fact]
    public void A_provisional_day_at_70_percent_of_its_final_value_is_not_called_a_drop_but_a_final_one_is()
    {
        var day = Bills.Day;
        var partial = Bills.Daily(day, Bills.Flat).Select(l => l.Day == day ? l with { Amount = l.Amount * 0.7m, Estimated = true } : l).ToList();
        var r = Report(partial, day);
        Assert.True(r.Totals.DayProvisional);
        Assert.Empty(r.Anomalies);
        // The forecast takes the provisional day at what the model expects of it, not at its 70%.
        Assert.Equal(31 * 1200m, r.Forecast.UsageMonthEnd);

        var final = Report(partial.Select(l => l with { Estimated = false }).ToList(), day);
        var drop = final.Anomalies.First();
        Assert.Equal(("drop", false, -300m, 1000m), (drop.Direction, drop.Provisional, drop.Impact, drop.Expected));
        Assert.Contains("fell to $700 against an expected $1,000", string.Join(" ", final.Summary));
    }

    [Fact]
    public void A_service_that_stopped_is_named_even_on_a_provisional_day()
    {
        var day = Bills.Day;
        var lines = Bills.Daily(day, Bills.Flat).Where(l => !(l.Day == day && l.Service == S3)).Select(l => l.Day == day ? l with { Estimated = true } : l).ToList();
        var stopped = Report(lines, day).Anomalies.Single(a => a.Dimension == CostDimension.Service);
        Assert.Equal((S3, "drop", true, true, 200m, 0m), (stopped.Key, stopped.Direction, stopped.Stopped, stopped.Provisional, stopped.Expected, stopped.Actual));
    }

    [Fact]
    public void A_Saturday_is_compared_with_Saturdays()
    {
        var saturday = new DateOnly(2026, 3, 7);
        var r = Report(Bills.Daily(saturday, Bills.Weekly), saturday);
        Assert.Equal(0m, r.Totals.DayChangePercent);
        Assert.Contains("about the same as the average Saturday of the four weeks before", r.Summary[0]);
        Assert.Empty(r.Anomalies);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void The_teams_add_up_to_the_bill_to_the_cent_and_shared_spend_follows_tagged_usage(int seed)
    {
        var random = new Random(seed);
        var day = Bills.Day;
        var lines = new List<Line>();
        for (var d = day.AddDays(-40); d <= day; d = d.AddDays(1))
        {
            foreach (var team in new[] { "payments", "search", "data", "" })
                lines.Add(new Line(d, Ec2, "BoxUsage:m6i.large", team, Math.Round((decimal)random.NextDouble() * 900m, 7)));
            lines.Add(new Line(d, Ec2, "Tax", "", Math.Round((decimal)random.NextDouble() * 70m, 7), RecordType: "Tax"));
            lines.Add(new Line(d, Ec2, "Credit", "", -Math.Round((decimal)random.NextDouble() * 30m, 7), RecordType: "Credit"));
        }
        lines.Add(new Line(new DateOnly(2026, 3, 1), Support, "Dollar", "", 1333.33m, RecordType: "Support"));
        var r = Report(lines, day);
        Assert.Equal(r.Totals.Day.Billed, r.Teams.Sum(t => t.Day.Total));
        Assert.Equal(r.Totals.MonthToDate.Billed, r.Teams.Sum(t => t.MonthToDate.Total));
        Assert.All(r.Teams, t => Assert.Equal(t.MonthToDate.Total, t.MonthToDate.Own + t.MonthToDate.Shared));
        // Shared out in proportion to tagged usage, to within the cent of rounding.
        var month = lines.Where(l => l.Day >= new DateOnly(2026, 3, 1)).ToList();
        var pool = month.Where(l => l.CostCenter == "").Sum(l => l.Amount);
        var tagged = month.Where(l => l.CostCenter != "" && l.RecordType == "Usage").Sum(l => l.Amount);
        foreach (var t in r.Teams)
            Assert.InRange(Math.Abs(t.MonthToDate.Shared - pool * month.Where(l => l.CostCenter == t.CostCentre).Sum(l => l.Amount) / tagged), 0m, 0.011m);

        // Fixed shares from the settings file: 2 : 1 : 1.
        var fixedShares = Report(lines, day, sharing: SharingRule.Parse("cost_centre,share\npayments,50\nsearch,25\ndata,25%\n"));
        Assert.Equal(fixedShares.Totals.MonthToDate.Billed, fixedShares.Teams.Sum(t => t.MonthToDate.Total));
        var shared = fixedShares.Teams.ToDictionary(t => t.CostCentre, t => t.MonthToDate.Shared);
        Assert.InRange(Math.Abs(shared["payments"] - 2 * shared["search"]), 0m, 0.02m);
        Assert.Contains("fixed shares", fixedShares.Allocation.Rule);
    }

    [Fact]
    public void Tag_coverage_counts_taggable_usage_only()
    {
        var day = Bills.Day;
        var lines = Bills.Daily(day, Bills.Flat);
        lines.Add(new Line(day, Ec2, "Tax", "", 400m, RecordType: "Tax"));
        lines.Add(new Line(day, Support, "Dollar", "", 1500m, RecordType: "Support"));
        var r = Report(lines, day);
        Assert.Equal((80m, 240m), (r.Allocation.TaggedPercent, r.Allocation.Untagged));
        Assert.Equal(240m + 400m + 1500m, r.Allocation.Shared!.Billed);
    }

    [Fact]
    public void A_unit_scoped_to_a_cost_centre_divides_that_centre_s_usage_with_its_share_and_an_unscoped_one_the_whole_account_s()
    {
        var day = Bills.Day;
        var lines = new List<Line>();
        for (var d = day.AddDays(-40); d <= day; d = d.AddDays(1))
        {
            lines.Add(new Line(d, Ec2, "BoxUsage:m6i.large", "shop", 600m));
            lines.Add(new Line(d, Ec2, "BoxUsage:m6i.large", "search", 300m));
            lines.Add(new Line(d, Ec2, "BoxUsage:m6i.large", "", 300m));
            lines.Add(new Line(d, Ec2, "Tax", "", 99m, RecordType: "Tax"));
        }
        var units = UnitVolumes.Parse($"date,unit,count,scope\n{day:yyyy-MM-dd},orders,1000,CostCenter=shop\n{day:yyyy-MM-dd},users,2400,\n{day:yyyy-MM-dd},searches,10,Team=search\n");
        var r = Report(lines, day, units: units);
        Assert.Equal(0.8m, r.UnitEconomics.Single(u => u.Unit == "orders").CostPerUnit); // (600 + 300 × 600/900) / 1,000
        Assert.Equal(0.5m, r.UnitEconomics.Single(u => u.Unit == "users").CostPerUnit);  // 1,200 of usage (tax is not usage) / 2,400
        Assert.DoesNotContain(r.UnitEconomics, u => u.Unit == "searches");
        Assert.Contains(r.Notes, n => n.Contains("searches is scoped to Team=search"));
    }

    [Fact]
    public void Forecast_accuracy_is_scored_only_once_the_day_is_final()
    {
        var day = Bills.Day;
        var lines = Bills.Daily(day.AddDays(1), Bills.Flat);
        var before = Report(lines.Where(l => l.Day < day).ToList(), day.AddDays(-1));
        Assert.Equal((day, 1200m), (before.Forecast.NextDayDate, before.Forecast.NextDay));

        var provisional = Report(lines.Where(l => l.Day <= day).Select(l => l.Day == day ? l with { Amount = l.Amount * 0.5m, Estimated = true } : l).ToList(), day, before);
        var pending = provisional.Forecast.Accuracy.Single(a => a.Day == day);
        Assert.Equal((600m, false, (decimal?)null), (pending.Actual, pending.Final, pending.ErrorPercent));

        var next = Report(lines, day.AddDays(1), provisional);
        var scored = next.Forecast.Accuracy.Single(a => a.Day == day);
        Assert.Equal((1200m, true, (decimal?)0m), (scored.Actual, scored.Final, scored.ErrorPercent));
    }

    [Fact]
    public void A_fee_charged_on_a_day_of_the_month_is_expected_on_it()
    {
        var day = new DateOnly(2026, 3, 10);
        var lines = Bills.Daily(day, Bills.Flat);
        foreach (var month in new[] { new DateOnly(2026, 1, 15), new DateOnly(2026, 2, 15) })
            lines.Add(new Line(month, "AWS Marketplace", "SubscriptionFee", "", 740m, RecordType: "Fee"));
        var r = Report(lines, day);
        var fee = r.Charges.Single(c => c.Category == ChargeKind.Fee);
        Assert.Equal(("charged on the 15th", 740m), (fee.Lines.Single().Recurs, fee.Lines.Single().Expected));
        Assert.Equal(740m, r.Forecast.ChargesExpected);
        Assert.Equal(31 * 1200m + 740m, r.Forecast.MonthEnd);
    }

    [Theory]
    [InlineData("Usage", ChargeKind.Usage)]
    [InlineData("SavingsPlanCoveredUsage", ChargeKind.Usage)]
    [InlineData("Savings Plan Negation", ChargeKind.Usage)]
    [InlineData("DiscountedUsage", ChargeKind.Usage)]
    [InlineData("RIFee", ChargeKind.Purchase)]
    [InlineData("Recurring reservation fee", ChargeKind.Purchase)]
    [InlineData("SavingsPlanUpfrontFee", ChargeKind.Purchase)]
    [InlineData("Tax", ChargeKind.Tax)]
    [InlineData("Support fee", ChargeKind.Support)]
    [InlineData("Credit", ChargeKind.Credit)]
    [InlineData("EdpDiscount", ChargeKind.Credit)]
    [InlineData("Refund", ChargeKind.Refund)]
    [InlineData("Other out-of-cycle charges", ChargeKind.Fee)]
    [InlineData("SomethingAwsAddsNextYear", ChargeKind.Fee)]
    public void Record_types_in_the_API_s_and_the_console_s_spellings_are_read_as_their_kind(string recordType, ChargeKind kind) =>
        Assert.Equal(kind, Charges.KindOf(recordType));

    [Fact]
    public void AWS_Support_is_support_whatever_record_type_carries_it() =>
        Assert.Equal(ChargeKind.Support, new CostRow(Bills.Day, CostDimension.Service, "AWS Support (Enterprise)", 15000m, 15000m, false, "Fee").Charge);

    [Theory]
    [InlineData("BoxUsage:p4d.24xlarge", "p4d.24xlarge GPU server hours")]
    [InlineData("USE1-BoxUsage:m5.large", "m5.large server hours")]
    [InlineData("EUW2-SpotUsage:g5.xlarge", "g5.xlarge GPU server hours (Spot)")]
    [InlineData("EBS:VolumeUsage.gp3", "gp3 disk storage")]
    [InlineData("ETL-DPU-Hour", "data pipeline processing hours")]
    [InlineData("InstanceUsage:db.r6g.xlarge", "db.r6g.xlarge database hours")]
    [InlineData("APS3-SomethingNew", "APS3-SomethingNew")]
    public void Usage_types_are_said_in_words(string usageType, string words) => Assert.Equal(words, UsageTypeNames.InWords(usageType));

    [Theory]
    [InlineData(5289, 1000)]
    [InlineData(3967, 1000)]
    [InlineData(880, 200)]
    [InlineData(42.5, 10)]
    [InlineData(131000, 25000)]
    public void The_chart_s_money_axis_steps_are_round(double highest, double step)
    {
        var (s, max) = ReportHtml.Scale((decimal)highest);
        Assert.Equal((decimal)step, s);
        Assert.True(max >= (decimal)highest && max - (decimal)highest < s && max / s <= 6);
    }

    [Fact]
    public void In_an_organization_spend_is_shown_by_linked_account_with_its_name_and_one_account_shows_none()
    {
        var day = Bills.Day;
        var lines = Bills.Daily(day, Bills.Flat).Select(l => l.Service == S3 ? l with { Account = "444455556666" } : l).ToList();
        var history = CostHistory.Empty.Merge(SpendReportTests.Rows(lines).Concat(AccountRows(lines)), day.AddDays(-420), day.AddDays(1));
        var r = SpendReporter.Build(new SpendInputs(history, day, "CostCenter", UnitVolumes.None, null, null, AnomalyRules.Default,
            AccountNames: new Dictionary<string, string> { ["111122223333"] = "production" }));
        Assert.Equal([("111122223333", "production", 2000m, 83.3m), ("444455556666", "444455556666", 400m, 16.7m)],
            r.Accounts.Select(a => (a.AccountId, a.Name, a.MonthToDate.Billed, a.SharePercent)));
        Assert.Equal(r.Totals.MonthToDate.Billed, r.Accounts.Sum(a => a.MonthToDate.Billed));
        Assert.Empty(r.Anomalies);

        var single = CostHistory.Empty.Merge(SpendReportTests.Rows(Bills.Daily(day, Bills.Flat)).Concat(AccountRows(Bills.Daily(day, Bills.Flat))), day.AddDays(-420), day.AddDays(1));
        Assert.Empty(SpendReporter.Build(new SpendInputs(single, day, "CostCenter", UnitVolumes.None, null, null, AnomalyRules.Default)).Accounts);
    }

    private static IEnumerable<CostRow> AccountRows(List<Line> lines) =>
        lines.GroupBy(l => (l.Day, l.Account, l.RecordType)).Select(g => new CostRow(g.Key.Day, CostDimension.Account, g.Key.Account, g.Sum(l => l.Amount), g.Sum(l => l.EffectiveAmount), false, g.Key.RecordType));

    [Fact]
    public void The_report_JSON_carries_charges_anomaly_directions_and_teams()
    {
        var day = Bills.Day;
        var lines = Bills.Daily(day, Bills.Flat).Where(l => !(l.Day == day && l.Service == S3)).ToList();
        lines.Add(new Line(day, Ec2, "Tax", "", 84m, RecordType: "Tax"));
        var json = JsonDocument.Parse(JsonSerializer.Serialize(Report(lines, day), CostJsonContext.Default.SpendReport)).RootElement;
        Assert.Equal(["usage", "purchases", "tax", "support", "fees", "credits", "refunds"], json.GetProperty("charges").EnumerateArray().Select(c => c.GetProperty("category").GetString()));
        Assert.Equal(84m, json.GetProperty("charges")[2].GetProperty("day").GetProperty("billed").GetDecimal());
        var anomaly = json.GetProperty("anomalies")[0];
        Assert.Equal(("drop", false, true), (anomaly.GetProperty("direction").GetString(), anomaly.GetProperty("provisional").GetBoolean(), anomaly.GetProperty("stopped").GetBoolean()));
        var team = json.GetProperty("teams")[0];
        Assert.Equal("payments", team.GetProperty("costCentre").GetString());
        foreach (var field in new[] { "own", "shared", "total" }) Assert.True(team.GetProperty("monthToDate").TryGetProperty(field, out _), field);
    }
}
