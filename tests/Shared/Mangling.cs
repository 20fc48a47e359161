using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace Steward.Testing;

/// <summary>
/// Real events mangled at random for property tests (FsCheck): bytes cut, bytes made invalid UTF-8, or one value replaced
/// (by another type, a huge string, a long array, nothing), removed or added.
/// </summary>
public static class Mangling
{
    /// <summary>Every path to a value in a JSON document: where a mutation may strike.</summary>
    public static List<(JsonNode? Parent, string? Key, int Index)> Places(JsonNode root)
    {
        var places = new List<(JsonNode?, string?, int)>();
        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (k, v) in o.ToList()) { places.Add((o, k, -1)); Walk(v); }
                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++) { places.Add((a, null, i)); Walk(a[i]); }
                    break;
            }
        }
        Walk(root);
        return places;
    }

    public static readonly Gen<JsonNode?> Replacement = Gen.OneOf(
        Gen.Constant<JsonNode?>(null),
        ArbMap.Default.GeneratorFor<string>().Select(s => (JsonNode?)JsonValue.Create(s ?? "")),
        ArbMap.Default.GeneratorFor<long>().Select(n => (JsonNode?)JsonValue.Create(n)),
        Gen.Elements(double.MaxValue, double.MinValue, 1e-300, -0.0, 0.1).Select(d => (JsonNode?)JsonValue.Create(d)),
        ArbMap.Default.GeneratorFor<bool>().Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Constant(0).Select(_ => (JsonNode?)JsonValue.Create(new string('x', 100_000))),
        Gen.Constant(0).Select(_ => (JsonNode?)new JsonArray(Enumerable.Range(0, 5_000).Select(i => (JsonNode?)JsonValue.Create(i)).ToArray())),
        Gen.Constant(0).Select(_ => (JsonNode?)new JsonObject()),
        Gen.Constant(0).Select(_ => (JsonNode?)JsonValue.Create("i-0abc\u0000\u202e;rm -rf /")));

    /// <summary>A real event, mangled once: bytes cut, bytes made invalid UTF-8, or one value replaced, removed or added.</summary>
    public static Gen<byte[]> Mangled(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var cut = Gen.Choose(0, bytes.Length - 1).Select(i => bytes[..i]);
        var invalidUtf8 = Gen.Choose(0, bytes.Length - 1).Select(i => bytes[..i].Concat(new byte[] { 0xC3, 0x28, 0xFF }).Concat(bytes[i..]).ToArray());
        var count = Places(JsonNode.Parse(json)!).Count;
        var replaced = Gen.Choose(0, count - 1).SelectMany(i => Replacement.Select(r => Edit(json, i, place =>
        {
            if (place.Key is { } k) ((JsonObject)place.Parent!)[k] = r?.DeepClone();
            else ((JsonArray)place.Parent!)[place.Index] = r?.DeepClone();
        })));
        var removed = Gen.Choose(0, count - 1).Select(i => Edit(json, i, place =>
        {
            if (place.Key is { } k) ((JsonObject)place.Parent!).Remove(k);
            else ((JsonArray)place.Parent!).RemoveAt(place.Index);
        }));
        var added = Gen.Choose(0, count - 1).SelectMany(i => Replacement.Select(r => Edit(json, i, place =>
        {
            if (place.Parent is JsonObject o) o["unexpected_" + i] = r?.DeepClone();
            else ((JsonArray)place.Parent!).Add(r?.DeepClone());
        })));
        return Gen.OneOf(cut, invalidUtf8, replaced, removed, added);
    }

    public static byte[] Edit(string json, int at, Action<(JsonNode? Parent, string? Key, int Index)> change)
    {
        var root = JsonNode.Parse(json)!;
        change(Places(root)[at]);
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

}
