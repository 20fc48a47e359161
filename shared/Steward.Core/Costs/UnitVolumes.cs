using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Steward.Core.Costs;

/// <summary>
/// Business volumes for unit economics, from <c>units/daily.csv</c>: header <c>date,unit,count</c> and an optional
/// <c>scope</c>, one row per day and unit (<c>2026-03-02,orders,8412,CostCenter=shop</c>), several units allowed. A scope
/// names whose usage the unit is divided into (the cost centre's, with its share of the shared usage); without one, the
/// whole account's. A line that cannot be read is named and skipped; the rest is used.
/// </summary>
public sealed record UnitVolumes(IReadOnlyDictionary<(DateOnly Day, string Unit), long> Counts, IReadOnlyList<string> Problems,
    IReadOnlyDictionary<string, string>? Scopes = null)
{
    public static readonly UnitVolumes None = new(new Dictionary<(DateOnly, string), long>(), []);

    /// <summary>The cost centre a unit is scoped to ("" for the whole account).</summary>
    public string ScopeOf(string unit) => Scopes?.GetValueOrDefault(unit) ?? "";

    public IEnumerable<string> Units => Counts.Keys.Select(k => k.Unit).Distinct().Order(StringComparer.Ordinal);

    public static UnitVolumes Parse(string csv, string source = "units/daily.csv")
    {
        var counts = new Dictionary<(DateOnly, string), long>();
        var problems = new List<string>();
        using var reader = new StringReader(csv);
        using var parser = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim, BadDataFound = null });
        if (!parser.Read() || !parser.ReadHeader() || parser.HeaderRecord is not { } header ||
            !new[] { "date", "unit", "count" }.All(h => header.Contains(h, StringComparer.OrdinalIgnoreCase)))
            return new UnitVolumes(counts, [$"{source}: the first line must be the header date,unit,count; the file was not used"]);
        var columns = new[] { "date", "unit", "count", "scope" }.Select(h => Array.FindIndex(header, x => string.Equals(x, h, StringComparison.OrdinalIgnoreCase))).ToArray();
        var scopes = new Dictionary<string, string>(StringComparer.Ordinal);
        while (parser.Read())
        {
            var line = parser.Parser.RawRow;
            string Field(int i) => columns[i] >= 0 && columns[i] < parser.Parser.Count ? parser.GetField(columns[i]) ?? "" : "";
            var (date, unit, count) = (Field(0), Field(1), Field(2));
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                problems.Add($"{source} line {line}: '{date}' is not a date (yyyy-MM-dd); the line was skipped");
            else if (unit.Length == 0)
                problems.Add($"{source} line {line}: no unit named; the line was skipped");
            else if (!long.TryParse(count, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < 0)
                problems.Add($"{source} line {line}: '{count}' is not a count of {unit}; the line was skipped");
            else if (Field(3) is { Length: > 0 } scope && (scope.IndexOf('=') is var eq && (eq <= 0 || eq == scope.Length - 1)))
                problems.Add($"{source} line {line}: scope '{scope}' is not tag=value (CostCenter=shop); the line was skipped");
            else
            {
                counts[(day, unit)] = n;
                if (Field(3) is { Length: > 0 } s) scopes[unit] = s;
            }
        }
        return new UnitVolumes(counts, problems, scopes);
    }
}
