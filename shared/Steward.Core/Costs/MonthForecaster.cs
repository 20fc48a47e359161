namespace Steward.Core.Costs;

/// <summary>
/// Our month-end forecast: what is spent so far plus each remaining day at the recent daily level, carried forward by the
/// recent growth and shaped by the weekly rhythm (a weekday's share of the last eight weeks), with an 80% interval from
/// how far the last four weeks strayed from that model: each day's own error, plus the error of the level itself, which
/// every remaining day shares. Plain arithmetic on the daily totals, so a finance reader can follow it; the backtest in
/// bench/ measures it.
/// </summary>
public static class MonthForecaster
{
    private const int RhythmDays = 56, LevelDays = 14, ErrorDays = 28;
    private const decimal Z80 = 1.2816m;

    /// <summary>
    /// Growth read from four weeks against four is kept within ±0.3% a day (about ±9% a month): a step (a new service, a
    /// holiday's end) read as a trend ran a month away by 15% in the backtest at ±1%.
    /// </summary>
    public const decimal MaxGrowthPerDay = 0.003m;

    public sealed record Result(decimal MonthEnd, decimal Low, decimal High, decimal NextDay, IReadOnlyList<DailyTotal> Days);

    /// <param name="totals">Each day's usage up to and including <paramref name="day"/>; a missing day cost nothing.</param>
    /// <param name="provisional">
    /// Days AWS is still filling in. The model is fitted on final days only (a half-reported yesterday would pull the level
    /// down), and a provisional day counts at the larger of what it shows and what the model expects of it.
    /// </param>
    public static Result Forecast(IReadOnlyDictionary<DateOnly, decimal> totals, DateOnly day, IReadOnlySet<DateOnly>? provisional = null)
    {
        provisional ??= new HashSet<DateOnly>();
        var fitted = day;
        while (provisional.Contains(fitted) && fitted > day.AddDays(-7)) fitted = fitted.AddDays(-1);
        decimal At(DateOnly d) => totals.GetValueOrDefault(d);
        var monthStart = new DateOnly(day.Year, day.Month, 1);
        var monthEnd = monthStart.AddMonths(1).AddDays(-1);

        var factors = WeekdayFactors(totals, fitted);
        decimal Level(DateOnly end, int days) => Enumerable.Range(0, days).Select(i => end.AddDays(-i)).Average(d => Deseasonalize(At(d), factors[(int)d.DayOfWeek]));
        // The level: the last two final weeks with the weekly rhythm taken out; it stands for the middle of those two weeks.
        var level = Level(fitted, LevelDays);
        // Growth per day: the last four weeks against the four before, kept within MaxGrowthPerDay so one odd month cannot run away.
        var before = Level(fitted.AddDays(-ErrorDays), ErrorDays);
        var growth = before > 0 ? Math.Clamp((Level(fitted, ErrorDays) / before - 1) / ErrorDays, -MaxGrowthPerDay, MaxGrowthPerDay) : 0m;
        decimal Expected(DateOnly d) => level * (1 + growth * (d.DayNumber - fitted.DayNumber + (LevelDays - 1) / 2m)) * factors[(int)d.DayOfWeek];

        var spent = 0m;
        for (var d = monthStart; d <= day; d = d.AddDays(1)) spent += provisional.Contains(d) && d > fitted ? Math.Max(At(d), Money.Round(Math.Max(0, Expected(d)))) : At(d);
        var days = new List<DailyTotal>();
        for (var d = day.AddDays(1); d <= monthEnd; d = d.AddDays(1)) days.Add(new DailyTotal(d, Money.Round(Math.Max(0, Expected(d))), true));
        var rest = days.Sum(x => x.Amount);

        // How far single days strayed from the model over the last four final weeks, as a fraction of the model.
        var errors = Enumerable.Range(0, ErrorDays).Select(i => fitted.AddDays(-i))
            .Select(d => (Expected: level * factors[(int)d.DayOfWeek], Actual: At(d)))
            .Where(x => x.Expected > 0).Select(x => x.Actual / x.Expected - 1).ToList();
        var spread = errors.Count > 1 ? CostMath.Sqrt(errors.Sum(e => e * e) / (errors.Count - 1)) : 0m;
        // Each day's own error (independent) and the level's, shared by every remaining day: the mean of 14 days errs by
        // σ/√14, and by as much again as the level moved against the level of four weeks, which a step (a new service, a
        // holiday) makes large while noise does not.
        var moved = Level(fitted, ErrorDays) is var longer && longer > 0 ? Math.Abs(level / longer - 1) : 0m;
        var levelError = spread * spread / LevelDays + moved * moved;
        var margin = Z80 * CostMath.Sqrt(spread * spread * days.Sum(x => x.Amount * x.Amount) + levelError * rest * rest);

        var nextDay = Money.Round(Math.Max(0, Expected(day.AddDays(1))));
        return new Result(Money.Round(spent + rest), Money.Round(Math.Max(spent, spent + rest - margin)), Money.Round(spent + rest + margin), nextDay, days);
    }

    /// <summary>Each weekday's mean over the last eight weeks against the mean of all those days; 1 where there is too little history.</summary>
    public static decimal[] WeekdayFactors(IReadOnlyDictionary<DateOnly, decimal> totals, DateOnly day)
    {
        var window = Enumerable.Range(0, RhythmDays).Select(i => day.AddDays(-i)).ToList();
        var overall = window.Average(d => totals.GetValueOrDefault(d));
        var factors = Enumerable.Repeat(1m, 7).ToArray();
        if (overall <= 0 || window.Count(totals.ContainsKey) < 14) return factors;
        foreach (var group in window.GroupBy(d => d.DayOfWeek))
            factors[(int)group.Key] = group.Average(d => totals.GetValueOrDefault(d)) / overall;
        return factors;
    }

    private static decimal Deseasonalize(decimal amount, decimal factor) => factor > 0 ? amount / factor : amount;
}
