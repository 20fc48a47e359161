using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Steward.Core.Json;

/// <summary>Serializes a handler's answer into the stream Lambda's managed runtime sends back.</summary>
public static class ResponseWriter
{
    public static Stream ToStream<T>(T value)
    {
        var output = new MemoryStream();
        JsonSerializer.Serialize(output, value, (JsonTypeInfo<T>)ApiJson.Options.GetTypeInfo(typeof(T)));
        output.Position = 0;
        return output;
    }
}
