using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Steward.Core;

/// <summary>
/// CSV for spreadsheets, configured in one place: RFC 4180 in the invariant culture, and a value starting with = + - @
/// escaped, never run as a formula (tag values and owners are typed by people and the files are opened in Excel).
/// </summary>
public static class SpreadsheetCsv
{
    public static CsvWriter Writer(TextWriter text) =>
        new(text, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape });
}
