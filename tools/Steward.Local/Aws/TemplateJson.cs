using System.Text.Json.Nodes;

namespace Steward.Local.Aws;

/// <summary>Template data (dictionaries, lists, scalars) as JSON, for the properties AWS takes as JSON text (event patterns).</summary>
public static class TemplateJson
{
    public static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        Dictionary<string, object?> d => new JsonObject(d.Select(kv => KeyValuePair.Create(kv.Key, ToNode(kv.Value)))),
        List<object?> l => new JsonArray(l.Select(ToNode).ToArray()),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        long n => JsonValue.Create(n),
        double n => JsonValue.Create(n),
        _ => JsonValue.Create(value.ToString()),
    };
}
