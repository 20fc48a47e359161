using System.Globalization;

namespace Steward.Core;

/// <summary>
/// Every amount Steward shows a person, in one place: exact to the cent where the figure is checked against a bill or a
/// quote ("$1,234.56", a pull request's cost, a server's quote), readable where it is read at a glance ("$2,418": whole
/// dollars from $100 up, in the daily report). Decimal throughout; USD as "$", another currency by its code after the number.
/// </summary>
public static class Money
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>To the cent: "$1,234.56", "-$8.00", "1,234.56 EUR".</summary>
    public static string Exact(decimal amount, string currency = "USD") =>
        Written(amount < 0, Math.Abs(Round(amount)).ToString("#,0.00", Invariant), currency);

    /// <summary>Whole dollars from $100 up (cents there are noise to a reader), cents below: "$2,418", "$12.34".</summary>
    public static string Readable(decimal amount, string currency = "USD")
    {
        var abs = Math.Abs(amount);
        var number = abs >= 100 ? Math.Round(abs, 0, MidpointRounding.AwayFromZero).ToString("#,0", Invariant) : abs.ToString("#,0.00", Invariant);
        return Written(amount < 0, number, currency);
    }

    /// <summary>A signed change to the cent: "+$412.50", "-$8.00", "$0.00".</summary>
    public static string ExactChange(decimal amount, string currency = "USD") => (Round(amount) > 0 ? "+" : "") + Exact(amount, currency);

    /// <summary>A signed readable change: "+$880", "-$12.50", "+$0.00".</summary>
    public static string ReadableChange(decimal amount, string currency = "USD") => (amount >= 0 ? "+" : "") + Readable(amount, currency);

    /// <summary>"+4%", "-12%", "0%": whole percent, signed; "" when there is none (nothing to compare with).</summary>
    public static string Percent(decimal? percent)
    {
        if (percent is not { } p) return "";
        var rounded = Math.Round(p, 0, MidpointRounding.AwayFromZero);
        return (rounded > 0 ? "+" : "") + rounded.ToString("0", Invariant) + "%";
    }

    /// <summary>
    /// One format for a whole column, so decimals never differ line to line: to the cent when every amount is under $100,
    /// else whole dollars for all.
    /// </summary>
    public static Func<decimal, string> Column(IEnumerable<decimal> amounts, string currency = "USD", bool signed = false)
    {
        var cents = amounts.All(a => Math.Abs(a) < 100);
        return a =>
        {
            var number = cents ? Math.Abs(Round(a)).ToString("#,0.00", Invariant) : Math.Round(Math.Abs(a), 0, MidpointRounding.AwayFromZero).ToString("#,0", Invariant);
            return (signed && a >= 0 ? "+" : "") + Written(a < 0 && number.Any(c => c is >= '1' and <= '9'), number, currency);
        };
    }

    /// <summary>To the cent, half away from zero, as bills round.</summary>
    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    private static string Written(bool negative, string number, string currency) =>
        currency == "USD" ? $"{(negative ? "-" : "")}${number}" : $"{(negative ? "-" : "")}{number} {currency}";
}
