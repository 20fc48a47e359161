using System.Text.Json;

namespace Steward.Core.Observability;

/// <summary>
/// One JSON object per line, which is what CloudWatch Logs Insights queries best. Lambda captures stdout; tests and the local
/// runner pass their own writer. Callers must never pass secrets as fields: nothing here can tell a key from a name.
/// </summary>
public sealed class StructuredLog(TextWriter writer, TimeProvider clock, string function)
{
    private readonly Lock _gate = new();

    // Log lines are read by people and Logs Insights, never embedded in HTML: keep '+', quotes and accents as they are.
    private static readonly JsonWriterOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static StructuredLog ToStdout(string function) => new(Console.Out, TimeProvider.System, function);

    public void Info(string message, params (string Key, object? Value)[] fields) => Write("INFO", message, fields);
    public void Warn(string message, params (string Key, object? Value)[] fields) => Write("WARN", message, fields);
    public void Error(string message, params (string Key, object? Value)[] fields) => Write("ERROR", message, fields);

    public const string MetricNamespace = "Steward";

    /// <summary>
    /// One CloudWatch metric in Embedded Metric Format: a log line CloudWatch turns into a metric, no API call and no
    /// permission needed. The function's name is always a dimension; dimension values must be few (a status, a level),
    /// never an id.
    /// </summary>
    public void Metric(string name, double value, string unit, params (string Key, string Value)[] dimensions)
    {
        var keys = new UniqueKeys("_aws", "function");
        var members = dimensions.Select(d => (Key: keys.Take(d.Key), d.Value)).ToList();
        var metric = keys.Take(name);
        WriteLine(json =>
        {
            json.WriteStartObject("_aws");
            json.WriteNumber("Timestamp", clock.GetUtcNow().ToUnixTimeMilliseconds());
            json.WriteStartArray("CloudWatchMetrics");
            json.WriteStartObject();
            json.WriteString("Namespace", MetricNamespace);
            json.WriteStartArray("Dimensions");
            json.WriteStartArray();
            json.WriteStringValue("function");
            foreach (var (key, _) in members) json.WriteStringValue(key);
            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteStartArray("Metrics");
            json.WriteStartObject();
            json.WriteString("Name", metric);
            json.WriteString("Unit", unit);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteString("function", function);
            foreach (var (key, v) in members) json.WriteString(key, v);
            json.WriteNumber(metric, value);
        });
    }

    private void Write(string level, string message, (string Key, object? Value)[] fields) =>
        WriteLine(json =>
        {
            json.WriteString("timestamp", clock.GetUtcNow().UtcDateTime.ToString("O"));
            json.WriteString("level", level);
            json.WriteString("function", function);
            json.WriteString("message", message);
            var keys = new UniqueKeys("timestamp", "level", "function", "message");
            foreach (var (key, value) in fields) WriteField(json, keys.Take(key), value);
        });

    /// <summary>
    /// The keys of one line, each once. JSON allows a repeated key and parsers keep either copy: a field named "level" would
    /// hide the log level from Logs Insights. A caller's repeated key is written as "key_2" (the line is never lost), and a
    /// test reads every line the suite writes for repeats.
    /// </summary>
    private sealed class UniqueKeys(params string[] taken)
    {
        private readonly HashSet<string> _taken = [.. taken];

        public string Take(string key)
        {
            var unique = key;
            for (var n = 2; !_taken.Add(unique); n++) unique = $"{key}_{n}";
            return unique;
        }
    }

    /// <summary>One JSON object, written whole as one line: lines from concurrent invocations never interleave.</summary>
    private void WriteLine(Action<Utf8JsonWriter> members)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            members(json);
            json.WriteEndObject();
        }
        var line = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        lock (_gate) writer.WriteLine(line);
    }

    private static void WriteField(Utf8JsonWriter json, string key, object? value)
    {
        switch (value)
        {
            case null: json.WriteNull(key); break;
            case bool b: json.WriteBoolean(key, b); break;
            case int i: json.WriteNumber(key, i); break;
            case long l: json.WriteNumber(key, l); break;
            case double d: json.WriteNumber(key, d); break;
            case decimal m: json.WriteNumber(key, m); break;
            case DateTimeOffset t: json.WriteString(key, t.UtcDateTime.ToString("O")); break;
            case IEnumerable<string> list:
                json.WriteStartArray(key);
                foreach (var s in list) json.WriteStringValue(s);
                json.WriteEndArray();
                break;
            default: json.WriteString(key, value.ToString()); break;
        }
    }
}
