using System.Globalization;
using System.Text;
using Parquet;
using Parquet.Schema;

namespace Steward.Core.Storage;

/// <summary>
/// A Parquet file's values, column by column, each value on a line of its own after its column's name
/// (<c>card_number: 4111111111111111</c>), so the column's name is the context a detector looks for beside the value, as
/// Macie reads a column's name as a keyword. Text and whole numbers are read (where the kinds found live: a card or an
/// SSN is stored as a number as often as text); other scalar types (booleans, dates, floats' fractions) cannot hold
/// them; list and map columns are not read yet and are named so. A file with an encrypted footer (Parquet modular
/// encryption, magic <c>PARE</c>) cannot be read without its key.
/// </summary>
internal static class ParquetColumns
{
    public static bool IsEncrypted(ReadOnlySpan<byte> head) => head.StartsWith("PARE"u8);

    public static void Read(byte[] content, ContentReader reader, string name, int depth)
    {
        // Parquet.Net reads only asynchronously; the object is in memory, so nothing is waited on, and Lambda's runtime has
        // no synchronization context for this to block.
        try { ReadAsync(content, reader, name, depth).GetAwaiter().GetResult(); }
        catch (Exception e) when (e is ParquetException or Parquet.Meta.Proto.ThriftProtocolException or IOException or InvalidDataException or NotSupportedException or
                                       InvalidOperationException or ArgumentException or FormatException or IndexOutOfRangeException or OverflowException)
        {
            reader.Damaged(name, depth, "a Parquet file that cannot be read");
        }
    }

    private static async Task ReadAsync(byte[] content, ContentReader reader, string name, int depth)
    {
        await using var file = await ParquetReader.CreateAsync(new MemoryStream(content));
        var fields = file.Schema.GetDataFields();
        foreach (var field in fields.Where(f => f.MaxRepetitionLevel > 0))
            reader.Cut($"{name} column {field.Path} (a list column: not read yet)");
        var columns = fields.Where(f => f.MaxRepetitionLevel == 0).ToList();
        for (var g = 0; g < file.RowGroupCount; g++)
        {
            using var group = file.OpenRowGroupReader(g);
            var rows = checked((int)group.RowCount);
            foreach (var field in columns)
            {
                if (await ValuesAsync(group, field, rows) is not { } values) continue;
                var text = new StringBuilder();
                var column = field.Path.ToString();
                foreach (var value in values)
                {
                    if (value is null) continue;
                    text.Append(column).Append(": ").Append(value).Append('\n');
                    if (text.Length > reader.TextLeft) break;
                }
                if (!reader.ExtractedText(text.ToString(), $"{name} column {column}")) return;
            }
        }
    }

    /// <summary>A column's values as text, one per row (null where the row has none); null for a type that cannot hold what is looked for.</summary>
    private static async Task<IEnumerable<string?>?> ValuesAsync(ParquetRowGroupReader group, DataField field, int rows)
    {
        var type = field.ClrType;
        if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>))
        {
            var values = new string?[rows];
            await group.ReadAsync(field, values.AsMemory());
            return values;
        }
        if (type == typeof(long)) return await NumbersAsync<long>(group, field, rows, v => v.ToString(CultureInfo.InvariantCulture));
        if (type == typeof(int)) return await NumbersAsync<int>(group, field, rows, v => v.ToString(CultureInfo.InvariantCulture));
        if (type == typeof(decimal)) return await NumbersAsync<decimal>(group, field, rows, v => v.ToString(CultureInfo.InvariantCulture));
        // A card number kept as a double (a spreadsheet's export) is exact below 2^53: written out as digits.
        if (type == typeof(double)) return await NumbersAsync<double>(group, field, rows, v => Math.Abs(v) < 9e15 && v == Math.Floor(v) ? v.ToString("F0", CultureInfo.InvariantCulture) : v.ToString("R", CultureInfo.InvariantCulture));
        return null;
    }

    private static async Task<IEnumerable<string?>> NumbersAsync<T>(ParquetRowGroupReader group, DataField field, int rows, Func<T, string> text) where T : struct
    {
        if (field.IsNullable)
        {
            var nullable = new T?[rows];
            await group.ReadAsync<T>(field, nullable.AsMemory());
            return nullable.Select(v => v is { } x ? text(x) : null);
        }
        var values = new T[rows];
        await group.ReadAsync<T>(field, values.AsMemory());
        return values.Select(text);
    }
}
