using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Steward.Core.Costs;

/// <summary>
/// How spend that belongs to everyone (untagged usage, tax, support, fees, credits) is shared out to the cost centres: in
/// proportion to each one's tagged usage by default, or by fixed shares that finance sets in <c>settings/shares.csv</c>
/// in the snapshot bucket (header <c>cost_centre,share</c>; shares are weights, so 40/40/20 and 2/2/1 are the same).
/// </summary>
public sealed record SharingRule(IReadOnlyDictionary<string, decimal>? FixedShares, IReadOnlyList<string> Problems)
{
    public const string Key = "settings/shares.csv";
    public static readonly SharingRule Proportional = new(null, []);

    public string InWords => FixedShares is null
        ? "in proportion to each cost centre's tagged usage"
        : $"by the fixed shares in {Key} ({string.Join(", ", FixedShares.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} {s.Value.ToString("0.##", CultureInfo.InvariantCulture)}"))})";

    /// <summary>The file read; a line that cannot be read is named and skipped, and a file with no usable line is not used.</summary>
    public static SharingRule Parse(string csv)
    {
        var shares = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var problems = new List<string>();
        using var reader = new StringReader(csv);
        using var parser = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim, BadDataFound = null });
        if (!parser.Read() || !parser.ReadHeader() || parser.HeaderRecord is not { } header ||
            !new[] { "cost_centre", "share" }.All(h => header.Contains(h, StringComparer.OrdinalIgnoreCase)))
            return new SharingRule(null, [$"{Key}: the first line must be the header cost_centre,share; shared costs were shared in proportion to tagged usage instead"]);
        while (parser.Read())
        {
            var centre = parser.GetField("cost_centre") ?? "";
            var text = parser.GetField("share") ?? "";
            if (centre.Length == 0) problems.Add($"{Key} line {parser.Parser.RawRow}: no cost centre named; the line was skipped");
            else if (!decimal.TryParse(text.TrimEnd('%'), NumberStyles.Number, CultureInfo.InvariantCulture, out var share) || share < 0)
                problems.Add($"{Key} line {parser.Parser.RawRow}: '{text}' is not a share; the line was skipped");
            else shares[centre] = share;
        }
        if (shares.Values.Sum() <= 0)
            return new SharingRule(null, [.. problems, $"{Key}: no cost centre has a share above zero; shared costs were shared in proportion to tagged usage instead"]);
        return new SharingRule(shares, problems);
    }
}

public static class TeamAllocation
{
    public sealed record Split(string CostCentre, decimal Own, decimal Shared, decimal Total);

    /// <summary>
    /// Each cost centre's own amount (its tagged rows), its share of the untagged rows, and the two together. The totals are
    /// rounded to cents so that they add up to the rounded sum of every row (largest remainder), so the teams add up to the
    /// bill to the cent. With nothing to weigh by (no tagged usage and no fixed shares), nothing is shared: the caller says so.
    /// </summary>
    public static IReadOnlyList<Split> Allocate(IReadOnlyList<CostRow> centreRows, Func<CostRow, decimal> amount, IReadOnlyDictionary<string, decimal> weights)
    {
        var own = centreRows.Where(r => r.Key.Length > 0).GroupBy(r => r.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(amount), StringComparer.Ordinal);
        var pool = centreRows.Where(r => r.Key.Length == 0).Sum(amount);
        var weight = weights.Where(w => w.Value > 0).Sum(w => w.Value);
        var teams = own.Keys.Union(weights.Where(w => w.Value > 0).Select(w => w.Key)).Order(StringComparer.Ordinal).ToList();
        if (teams.Count == 0) return [];
        var exact = teams.Select(t => (Team: t, Own: own.GetValueOrDefault(t), Total: own.GetValueOrDefault(t) + (weight > 0 ? pool * Math.Max(0, weights.GetValueOrDefault(t)) / weight : 0))).ToList();

        // Largest remainder, in cents: floor each, then hand the cents left to the largest fractions.
        var target = Math.Round(exact.Sum(x => x.Total) * 100m, MidpointRounding.AwayFromZero);
        var cents = exact.Select(x => Math.Floor(x.Total * 100m)).ToArray();
        var left = (int)(target - cents.Sum());
        foreach (var i in Enumerable.Range(0, exact.Count).OrderByDescending(i => exact[i].Total * 100m - cents[i]).ThenBy(i => exact[i].Team, StringComparer.Ordinal).Take(Math.Max(0, left)))
            cents[i] += 1;
        return exact.Select((x, i) =>
        {
            var total = cents[i] / 100m;
            var ownRounded = Money.Round(x.Own);
            return new Split(x.Team, ownRounded, total - ownRounded, total);
        }).ToList();
    }

    /// <summary>What the shared spend is weighed by: the fixed shares, or each cost centre's tagged usage in the period.</summary>
    public static IReadOnlyDictionary<string, decimal> Weights(SharingRule rule, IReadOnlyList<CostRow> centreRows) =>
        rule.FixedShares ?? centreRows.Where(r => r.Key.Length > 0).GroupBy(r => r.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Math.Max(0, g.Sum(r => r.Usage)), StringComparer.Ordinal);
}
