using System.Globalization;
using System.Text.RegularExpressions;

namespace Steward.Tests.Changes;

/// <summary>
/// Infracost's golden breakdown tables read back into lines: each resource's components with the path of parts they sit
/// under (<c>root_block_device</c>, <c>Standard</c>), and either a monthly cost or, for usage-based lines without usage,
/// the price per unit.
/// </summary>
public static partial class InfracostGolden
{
    public sealed record Line(string Resource, string Path, decimal? MonthlyCost, decimal? Price, bool NotFound)
    {
        public override string ToString() => $"{Resource} / {Path}: {(NotFound ? "not found" : MonthlyCost is { } m ? $"${m}" : $"${Price} per unit")}";
    }

    public static List<Line> Read(string text)
    {
        var lines = new List<Line>();
        string? resource = null;
        var parents = new List<string>();
        foreach (var raw in text.Split('\n'))
        {
            if (raw.StartsWith(" OVERALL TOTAL", StringComparison.Ordinal)) break;
            if (raw.Trim().Length == 0 || raw.StartsWith(" Name ", StringComparison.Ordinal) || raw.StartsWith("Project", StringComparison.Ordinal)) continue;
            var tree = TreePrefix().Match(raw);
            if (!tree.Success)
            {
                resource = raw.Trim();
                parents.Clear();
                continue;
            }
            var depth = tree.Groups[1].Value.Length / 3;
            var rest = raw[tree.Length..];
            var name = NameColumn().Match(rest).Groups[1].Value.Trim();
            parents.RemoveRange(depth, parents.Count - depth);
            var path = string.Join(" / ", parents.Append(name));
            if (Depends().Match(rest) is { Success: true } d)
                lines.Add(new Line(resource!, path, null, decimal.Parse(d.Groups[1].Value, CultureInfo.InvariantCulture), false));
            else if (rest.Contains("not found", StringComparison.Ordinal))
                lines.Add(new Line(resource!, path, null, null, true));
            else if (Cost().Match(rest) is { Success: true } c)
                lines.Add(new Line(resource!, path, decimal.Parse(c.Groups[1].Value.Replace(",", ""), CultureInfo.InvariantCulture), null, false));
            else parents.Add(name); // a part heading: the lines below sit under it
        }
        return lines;
    }

    [GeneratedRegex(@"^ ((?:[│ ]  )*)[├└]─ ")]
    private static partial Regex TreePrefix();

    [GeneratedRegex(@"^(.+?)(?:\s{2,}|$)")]
    private static partial Regex NameColumn();

    [GeneratedRegex(@"Monthly cost depends on usage: \$([0-9.]+) per")]
    private static partial Regex Depends();

    [GeneratedRegex(@"\$([0-9,]+\.[0-9]{2})\s*\*?\s*$")]
    private static partial Regex Cost();
}
