using System.Globalization;

namespace Steward.Core.Costs;

/// <summary>
/// The bill by kind of charge, the day and the month, with each charge that is not usage as its own line in words, and
/// when it recurs: a line charged on most days is "charged daily"; one charged on a day of the month last month (and this
/// month, or the month before) is "charged on the 1st", and is expected on that day if it has not come yet.
/// </summary>
public static class ChargeAnalysis
{
    private const int DailyOutOf28 = 20;

    public sealed record Result(IReadOnlyList<ChargeTotal> Totals, decimal ExpectedBeyondUsage);

    /// <param name="serviceRows">Rows by service, every charge type, up to the report's day.</param>
    /// <param name="usageRest">The usage forecast for the month's remaining days, as it will be billed (commitment fees included).</param>
    public static Result Analyse(IReadOnlyList<CostRow> serviceRows, DateOnly day, decimal usageRest)
    {
        var monthStart = new DateOnly(day.Year, day.Month, 1);
        var monthEnd = monthStart.AddMonths(1).AddDays(-1);
        var lastMonthStart = monthStart.AddMonths(-1);
        var remaining = monthEnd.DayNumber - day.DayNumber;
        var totals = new List<ChargeTotal>();
        var expectedBeyondUsage = 0m;
        foreach (var kind in Charges.All)
        {
            var rows = serviceRows.Where(r => r.Charge == kind).ToList();
            var month = rows.Where(r => r.Day >= monthStart).ToList();
            var lines = new List<ChargeLine>();
            if (kind != ChargeKind.Usage)
            {
                foreach (var g in rows.Where(r => r.Day >= lastMonthStart.AddMonths(-1)).GroupBy(r => (r.Key, r.RecordType)))
                {
                    var byDay = g.GroupBy(r => r.Day).ToDictionary(d => d.Key, d => d.Sum(r => r.Billed));
                    var (recurs, expected) = Recurrence(byDay, day, remaining);
                    var mtd = g.Where(r => r.Day >= monthStart).ToList();
                    if (mtd.Count == 0 && expected == 0) continue;
                    lines.Add(new ChargeLine(g.Key.Key, g.Key.RecordType, Charges.LineInWords(kind, g.Key.RecordType, g.Key.Key),
                        Sum(g.Where(r => r.Day == day)), Sum(mtd), recurs, Money.Round(expected)));
                }
                // Commitment fees are in the usage forecast's billed rate: not expected twice.
                if (kind != ChargeKind.Purchase) expectedBeyondUsage += lines.Sum(l => l.Expected);
            }
            var monthToDate = Sum(month);
            var monthEndBilled = kind == ChargeKind.Usage ? 0m : monthToDate.Billed + lines.Sum(l => l.Expected);
            totals.Add(new ChargeTotal(kind, Charges.FocusCategory(kind), Charges.InWords(kind), Sum(rows.Where(r => r.Day == day)), monthToDate, Money.Round(monthEndBilled),
                lines.OrderByDescending(l => Math.Abs(l.MonthToDate.Billed) + Math.Abs(l.Expected)).ThenBy(l => l.Name, StringComparer.Ordinal).ToList()));
        }
        // Usage's month end is the rest of the bill's: billed so far, the usage to come, less what the commitment fees will bill for it.
        var usage = totals[0];
        var purchasesExpected = totals.Single(t => t.Category == ChargeKind.Purchase).Lines.Sum(l => l.Expected);
        totals[0] = usage with { MonthEnd = Money.Round(usage.MonthToDate.Billed + usageRest - purchasesExpected) };
        return new Result(totals, Money.Round(expectedBeyondUsage));
    }

    /// <summary>How a line recurs, and what it should still bill this month.</summary>
    public static (string? Recurs, decimal Expected) Recurrence(IReadOnlyDictionary<DateOnly, decimal> billed, DateOnly day, int remainingDays)
    {
        bool On(DateOnly d) => billed.TryGetValue(d, out var a) && a != 0;
        var recent = Enumerable.Range(0, 28).Select(i => day.AddDays(-i)).Count(On);
        if (recent >= DailyOutOf28)
        {
            var week = Enumerable.Range(0, 7).Select(i => day.AddDays(-i)).Where(On).Select(d => billed[d]).DefaultIfEmpty(0).Average();
            return ("charged daily", week * remainingDays);
        }
        var monthStart = new DateOnly(day.Year, day.Month, 1);
        var last = monthStart.AddMonths(-1);
        var beforeLast = last.AddMonths(-1);
        var expected = 0m;
        var days = new List<int>();
        for (var d = last; d < monthStart; d = d.AddDays(1))
        {
            if (!On(d)) continue;
            var thisMonth = DayOfMonth(monthStart, d.Day);
            var recurring = On(thisMonth) || On(DayOfMonth(beforeLast, d.Day));
            if (!recurring) continue;
            days.Add(d.Day);
            if (thisMonth > day && thisMonth.Month == day.Month) expected += billed[d];
        }
        return days.Count == 0 ? (null, 0m) : ($"charged on the {string.Join(" and ", days.Distinct().Select(Ordinal))}", expected);
    }

    private static DateOnly DayOfMonth(DateOnly monthStart, int dayOfMonth) =>
        monthStart.AddDays(Math.Min(dayOfMonth, DateTime.DaysInMonth(monthStart.Year, monthStart.Month)) - 1);

    private static Amounts Sum(IEnumerable<CostRow> rows)
    {
        var list = rows as IReadOnlyCollection<CostRow> ?? rows.ToList();
        return new Amounts(Money.Round(list.Sum(r => r.Billed)), Money.Round(list.Sum(r => r.Effective)));
    }

    public static string Ordinal(int n) => n.ToString(CultureInfo.InvariantCulture) + (n % 100 is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" });
}
