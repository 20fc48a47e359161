using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Steward.Core;

/// <summary>
/// CSV for spreadsheets, configured in one place: RFC 4180 in the invariant culture, and a text value starting with
/// = + - @ (or a tab or carriage return) escaped, never run as a formula: tag values and owners are typed by people and the
/// files are opened in Excel. A plain number is not escaped: "-240.5" is a number to a spreadsheet, not a formula, and
/// escaped it would be read as text ("'-240.5"), so a column of credits could not be summed.
/// </summary>
public static partial class SpreadsheetCsv
{
    public static CsvWriter Writer(TextWriter text) =>
        new NumberSafeWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape });

    /// <summary>True for what the writer leaves as it is: an optional minus, digits, at most one point (no exponent, no spaces).</summary>
    public static bool IsPlainNumber(string field) => PlainNumber().IsMatch(field);

    [System.Text.RegularExpressions.GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?\z")]
    private static partial System.Text.RegularExpressions.Regex PlainNumber();

    private sealed class NumberSafeWriter(TextWriter writer, CsvConfiguration configuration) : CsvWriter(writer, configuration)
    {
        protected override string? SanitizeForInjection(string? field) => field is not null && IsPlainNumber(field) ? field : base.SanitizeForInjection(field);
    }
}
