using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace Steward.Core.Json;

/// <summary>An event that is not what the function was wired for, or not JSON at all: the sender's fault, never retried.</summary>
public sealed class MalformedEventException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Reads an event from the invocation stream with the source-generated contracts, turning parse errors into one clear message.</summary>
public static partial class EventReader
{
    public static async Task<T> ReadAsync<T>(Stream input, JsonTypeInfo<T> type, CancellationToken cancellationToken = default) =>
        Read(await ReadDocumentAsync(input, cancellationToken).ConfigureAwait(false), type);

    /// <summary>Reads a contract from a document already parsed (handlers that looked before choosing), with the same errors.</summary>
    /// <exception cref="MalformedEventException">A field has the wrong type, or the document is JSON null; the message says which, in words.</exception>
    public static T Read<T>(JsonElement document, JsonTypeInfo<T> type)
    {
        try
        {
            return document.Deserialize(type) ?? throw new MalformedEventException($"the event is JSON null, not {What(typeof(T))}");
        }
        catch (JsonException e)
        {
            throw new MalformedEventException($"the event is not {What(typeof(T))}: {Explain(document, type, e.Path)}", e);
        }
    }

    /// <summary>What a person calls each contract, for the reasons they read.</summary>
    private static readonly Dictionary<Type, string> Names = new()
    {
        [typeof(Events.EventBridgeEvent<Events.GuardDutyFinding>)] = "a GuardDuty finding as EventBridge delivers it",
        [typeof(Events.EventBridgeEvent<Events.S3EventBridgeDetail>)] = "an S3 object event as EventBridge delivers it",
        [typeof(Events.EventBridgeEvent<JsonElement>)] = "an EventBridge event",
        [typeof(Events.S3EventNotification)] = "an S3 event notification",
        [typeof(Events.ApiGatewayProxyRequest)] = "an API Gateway request",
    };

    /// <summary>"a release request" for ReleaseRequest: never a .NET type name such as EventBridgeEvent`1[…].</summary>
    private static string What(Type type)
    {
        if (Names.TryGetValue(type, out var name)) return name;
        var words = Words().Replace(type.IsGenericType ? type.Name[..type.Name.IndexOf('`')] : type.Name, " $1").Trim().ToLowerInvariant();
        return ("aeiou".Contains(words[0]) ? "an " : "a ") + words;
    }

    /// <summary>
    /// "detail.severity is the string \"high\", where a number is expected": the place from the serializer's path, what is
    /// there from the document, what belongs there from the contract's own metadata.
    /// </summary>
    private static string Explain(JsonElement document, JsonTypeInfo type, string? path)
    {
        var segments = new List<string>();
        foreach (Match m in PathSegment().Matches(path ?? "$"))
            segments.Add(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Success ? m.Groups[2].Value.Replace("''", "'") : "[" + m.Groups[3].Value + "]");

        JsonElement? found = document;
        JsonTypeInfo? expected = type;
        foreach (var segment in segments)
        {
            if (segment.StartsWith('['))
            {
                var index = int.Parse(segment[1..^1], System.Globalization.CultureInfo.InvariantCulture);
                found = found is { ValueKind: JsonValueKind.Array } a && index < a.GetArrayLength() ? a[index] : null;
                expected = expected?.ElementType is { } element ? expected.Options.GetTypeInfo(element) : null;
            }
            else
            {
                found = found is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(segment, out var v) ? v : null;
                var valueType = expected?.Kind == JsonTypeInfoKind.Dictionary ? expected.ElementType : expected?.Properties.FirstOrDefault(p => p.Name == segment)?.PropertyType;
                expected = valueType is null ? null : expected!.Options.GetTypeInfo(valueType);
            }
        }
        var where = segments.Count == 0 ? "the event" : string.Concat(segments.Select((s, i) => s.StartsWith('[') || i == 0 ? s : "." + s));
        var there = found is { } f ? Describe(f) : "not what it should be";
        return expected is null ? $"{where} is {there}" : $"{where} is {there}, where {Expected(expected)} is expected";
    }

    private static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Shorten(e.GetString()!)}\"",
        JsonValueKind.Number => $"the number {Shorten(e.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
        JsonValueKind.Null => "null",
        JsonValueKind.Array => $"an array of {e.GetArrayLength()}",
        _ => "an object",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static string Expected(JsonTypeInfo info)
    {
        if (info.Kind is JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary) return "an object";
        if (info.Kind == JsonTypeInfoKind.Enumerable) return "an array";
        var t = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        if (t == typeof(string)) return "a string";
        if (t == typeof(bool)) return "true or false";
        if (t == typeof(DateTimeOffset) || t == typeof(DateTime)) return "a time (ISO 8601, or seconds since 1970)";
        if (t.IsPrimitive || t == typeof(decimal)) return "a number (or a string holding one, such as \"8\")";
        return "another kind of value";
    }

    [GeneratedRegex(@"\.([^.\[]+)|\['((?:[^']|'')*)'\]|\[(\d+)\]")]
    private static partial Regex PathSegment();

    [GeneratedRegex("(?<!^)([A-Z])")]
    private static partial Regex Words();

    /// <summary>Like <see cref="ReadAsync{T}"/>, but answers the reason instead of throwing, for handlers that log and reject.</summary>
    public static async Task<(T? Event, string? Error)> TryReadAsync<T>(Stream input, JsonTypeInfo<T> type, CancellationToken cancellationToken = default) where T : class
    {
        try { return (await ReadAsync(input, type, cancellationToken).ConfigureAwait(false), null); }
        catch (MalformedEventException e) { return (null, e.Message); }
    }

    /// <summary>Reads the whole input as a JSON document, for handlers that must look before they choose a contract.</summary>
    /// <exception cref="MalformedEventException">The input is not UTF-8 or not JSON; the message says where.</exception>
    public static async Task<JsonElement> ReadDocumentAsync(Stream input, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await input.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        // JSON must be UTF-8 (RFC 8259), and the parser checks only its structure: a string holding invalid bytes would
        // fail later, deep in a handler, when it is read. Refuse it here, in words, before anything is done.
        if (!System.Text.Unicode.Utf8.IsValid(bytes.Span))
            throw new MalformedEventException($"the event is not valid UTF-8 (the first invalid sequence starts at byte {FirstInvalidByte(bytes.Span) + 1})");
        try
        {
            using var doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            return doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new MalformedEventException($"the event is not JSON (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}): {e.Message}", e);
        }
    }

    private static int FirstInvalidByte(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length];
        System.Text.Unicode.Utf8.ToUtf16(bytes, chars, out var read, out _, replaceInvalidSequences: false);
        return read;
    }
}
