using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Steward.Testing;

/// <summary>
/// Every log line the suite writes is read here: one JSON object, no key written twice (a parser that keeps the last
/// "level" would lose the log level), and no secret or classified content: no API key or token the tests use, no social
/// security or card number, no private key. Tests hand functions a <see cref="CheckedLogWriter"/>, and the runner's output is
/// read with <see cref="CheckAll"/>, so a line that breaks a rule fails the test that wrote it.
/// </summary>
public static partial class LogLines
{
    /// <summary>The credentials the suite hands Steward (API keys, MinIO tokens): none may reach a log.</summary>
    private static readonly ConcurrentDictionary<string, bool> Secrets = new(
        new[] { "local-dev-key", "smoke-key", "servicenow-key-1", "servicenow-key-2" }.Select(k => KeyValuePair.Create(k, true)));

    /// <summary>A credential a test makes (too short to search for, under 6 characters, is not kept).</summary>
    public static void Secret(string value)
    {
        if (value.Length >= 6) Secrets[value] = true;
    }

    /// <summary>Throws naming what leaked when a log line holds a credential or classified content.</summary>
    public static void CheckSecrecy(string line)
    {
        foreach (var secret in Secrets.Keys)
            if (line.Contains(secret, StringComparison.Ordinal)) throw new Xunit.Sdk.XunitException($"a log line holds a credential the tests use ({secret[..3]}…): {line}");
        if (SocialSecurityNumber().Match(line) is { Success: true } ssn) throw new Xunit.Sdk.XunitException($"a log line holds a social security number ({ssn.Value}): {line}");
        foreach (Match card in CardNumber().Matches(line))
            if (Luhn(card.Value)) throw new Xunit.Sdk.XunitException($"a log line holds a card number ({card.Value}): {line}");
        if (line.Contains("PRIVATE KEY-----", StringComparison.Ordinal)) throw new Xunit.Sdk.XunitException($"a log line holds a private key: {line}");
    }

    private static bool Luhn(string number)
    {
        var digits = number.Where(char.IsDigit).Select(c => c - '0').Reverse().ToArray();
        var sum = digits.Select((d, i) => i % 2 == 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d).Sum();
        return digits.Length >= 13 && sum % 10 == 0;
    }

    [GeneratedRegex(@"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])")]
    private static partial Regex SocialSecurityNumber();

    /// <summary>Card numbers as people write them (groups of four) or as 16 digits starting as card schemes do.</summary>
    [GeneratedRegex(@"(?<!\d)(?:\d{4}[ -]\d{4}[ -]\d{4}[ -]\d{1,4}|[3456]\d{15})(?!\d)")]
    private static partial Regex CardNumber();

    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    /// <summary>The line as JSON; throws naming the line when it is not one object or repeats a key at any depth.</summary>
    public static JsonElement Parse(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line, Strict);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new Xunit.Sdk.XunitException($"a log line is not a JSON object: {line}");
            CheckSecrecy(line);
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
