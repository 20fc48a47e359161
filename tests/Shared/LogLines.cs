using System.Text;
using System.Text.Json;

namespace Steward.Testing;

/// <summary>
/// Every log line the suite writes is read here: one JSON object, no key written twice (a parser that keeps the last
/// "level" would lose the log level). Tests hand functions a <see cref="CheckedLogWriter"/>, and the runner's output is
/// read with <see cref="CheckAll"/>, so a line that breaks the rule fails the test that wrote it.
/// </summary>
public static class LogLines
{
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    /// <summary>The line as JSON; throws naming the line when it is not one object or repeats a key at any depth.</summary>
    public static JsonElement Parse(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line, Strict);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new Xunit.Sdk.XunitException($"a log line is not a JSON object: {line}");
            return doc.RootElement.Clone();
        }
        catch (JsonException e) { throw new Xunit.Sdk.XunitException($"a log line is not valid JSON with each key once ({e.Message}): {line}"); }
    }

    /// <summary>Checks every line of a process's output that is a JSON object (the functions' log); other lines are the runner's own.</summary>
    public static void CheckAll(string output)
    {
        foreach (var line in output.Split('\n'))
        {
            var json = line.IndexOf('{');
            if (json >= 0 && line.TrimEnd().EndsWith('}') && !line.Contains("[steward-local]")) Parse(line[json..].TrimEnd());
        }
    }
}

/// <summary>A <see cref="StringWriter"/> that checks each log line as it is written.</summary>
public sealed class CheckedLogWriter : StringWriter
{
    public override void WriteLine(string? value)
    {
        if (value is not null) LogLines.Parse(value);
        base.WriteLine(value);
    }

    public override Encoding Encoding => Encoding.UTF8;
}
