using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Steward.Core.Json;

/// <summary>An event that is not what the function was wired for, or not JSON at all: the sender's fault, never retried.</summary>
public sealed class MalformedEventException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Reads an event from the invocation stream with the source-generated contracts, turning parse errors into one clear message.</summary>
public static class EventReader
{
    public static async Task<T> ReadAsync<T>(Stream input, JsonTypeInfo<T> type, CancellationToken cancellationToken = default)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(input, type, cancellationToken).ConfigureAwait(false)
                   ?? throw new MalformedEventException($"the event is JSON null, not a {Name(typeof(T))}");
        }
        catch (JsonException e)
        {
            var where = e.Path is null ? "" : $" at {e.Path}";
            var line = e.LineNumber is { } l ? $" (line {l + 1}, byte {e.BytePositionInLine + 1})" : "";
            throw new MalformedEventException($"the event is not a valid {Name(typeof(T))}{where}{line}: {e.Message}", e);
        }
    }

    /// <summary>Reads a contract from a document already parsed (handlers that looked before choosing), with the same errors.</summary>
    /// <exception cref="MalformedEventException">A field has the wrong type, or the document is JSON null.</exception>
    public static T Read<T>(JsonElement document, JsonTypeInfo<T> type)
    {
        try
        {
            return document.Deserialize(type) ?? throw new MalformedEventException($"the event is JSON null, not a {Name(typeof(T))}");
        }
        catch (JsonException e)
        {
            throw new MalformedEventException($"the event is not a valid {Name(typeof(T))} at {e.Path}: {e.Message}", e);
        }
    }

    /// <summary>"EventBridgeEvent&lt;GuardDutyFinding&gt;", not "EventBridgeEvent`1": the name a person reads in a log.</summary>
    private static string Name(Type type) => type.IsGenericType
        ? $"{type.Name[..type.Name.IndexOf('`')]}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>"
        : type.Name;

    /// <summary>Like <see cref="ReadAsync{T}"/>, but answers the reason instead of throwing, for handlers that log and reject.</summary>
    public static async Task<(T? Event, string? Error)> TryReadAsync<T>(Stream input, JsonTypeInfo<T> type, CancellationToken cancellationToken = default) where T : class
    {
        try { return (await ReadAsync(input, type, cancellationToken).ConfigureAwait(false), null); }
        catch (MalformedEventException e) { return (null, e.Message); }
    }

    /// <summary>Reads the whole input as a JSON document, for handlers that must look before they choose a contract.</summary>
    public static async Task<JsonElement> ReadDocumentAsync(Stream input, CancellationToken cancellationToken = default)
    {
        try
        {
            using var doc = await JsonDocument.ParseAsync(input, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }, cancellationToken).ConfigureAwait(false);
            return doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new MalformedEventException($"the event is not JSON (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}): {e.Message}", e);
        }
    }
}
