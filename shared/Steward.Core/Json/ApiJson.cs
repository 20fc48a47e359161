using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Steward.Core.Instances;

namespace Steward.Core.Json;

/// <summary>
/// How API answers are written: source-generated metadata, nulls left out, and text kept readable ("30–2048 GiB",
/// "catalog item's", not \u2013 and \u0027) for the ServiceNow admin who reads them. Answers are JSON documents, never
/// embedded in HTML, so the relaxed encoder is safe here.
/// </summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(StewardJsonContext.Default, InstanceJsonContext.Default),
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T)));
}
