using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Steward.Core.Json;

/// <summary>
/// A timestamp written as an ISO 8601 string (<c>Z</c> or <c>+0000</c>) or as epoch milliseconds, as GuardDuty has done over
/// the years. A value that is neither (the masked <c>XXXX-XX-XX…</c> of a published finding) reads as null: a bad time must
/// not cost us the rest of the event.
/// </summary>
public sealed class LenientTimestampConverter : JsonConverter<DateTimeOffset?>
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'+0000'",
    ];

    public override bool HandleNull => true;

    private const double MinMilliseconds = -62135596800000, MaxMilliseconds = 253402300799999;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            // Epoch milliseconds outside the years 1 to 9999 are not a time: null, as for any unreadable time.
            JsonTokenType.Number when reader.TryGetDouble(out var ms) && ms is >= MinMilliseconds and <= MaxMilliseconds => DateTimeOffset.FromUnixTimeMilliseconds((long)ms),
            JsonTokenType.Number => null,
            JsonTokenType.String => Parse(reader.GetString()),
            _ => Skip(ref reader),
        };

    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)) return value;
        // "+0000" (no colon) is not an offset .NET's general parser accepts.
        if (text.Length > 5 && (text[^5] == '+' || text[^5] == '-') &&
            DateTimeOffset.TryParse(text[..^2] + ":" + text[^2..], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value))
            return value;
        return DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value) ? value : null;
    }

    private static DateTimeOffset? Skip(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is { } v) writer.WriteStringValue(v.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        else writer.WriteNullValue();
    }
}

/// <summary>A number that some producers write as a string (<c>"5"</c>, <c>"8.0"</c>): severity, counts.</summary>
public sealed class LenientNumberConverter<T> : JsonConverter<T> where T : struct, INumber<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType is JsonTokenType.Number or JsonTokenType.String)
        {
            var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : Encoding.UTF8.GetString(reader.ValueSpan);
            if (T.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return value;
        }
        throw new JsonException($"expected a number, found {reader.TokenType}");
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.ToString(null, CultureInfo.InvariantCulture));
}

/// <summary>A boolean that some producers write as <c>"true"</c>/<c>"false"</c>.</summary>
public sealed class LenientBooleanConverter : JsonConverter<bool>
{
    public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.String when bool.TryParse(reader.GetString(), out var b) => b,
            _ => throw new JsonException($"expected true or false, found {reader.TokenType}"),
        };

    public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) => writer.WriteBooleanValue(value);
}
