using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Steward.Changes;

/// <summary>
/// Infracost's usage file (version 0.1): what usage-based prices are multiplied by, per resource
/// (<c>resource_usage: {address: {monthly_requests: …}}</c>) or per resource type (<c>resource_type_default_usage</c>).
/// A resource's own entry wins over its type's default. Keys are Infracost's where it has them, so one file serves both tools.
/// </summary>
public sealed class UsageFile
{
    private readonly Dictionary<string, Dictionary<string, decimal>> _byResource;
    private readonly Dictionary<string, Dictionary<string, decimal>> _byType;

    private UsageFile(Dictionary<string, Dictionary<string, decimal>> byResource, Dictionary<string, Dictionary<string, decimal>> byType)
    {
        _byResource = byResource;
        _byType = byType;
    }

    public static readonly UsageFile None = new([], []);

    public static UsageFile Read(string path)
    {
        if (!File.Exists(path)) throw new ChangeInputException($"no usage file at {path}");
        var yaml = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            yaml.Load(reader);
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new ChangeInputException($"{path} is not valid YAML (line {e.Start.Line}, column {e.Start.Column}): {e.Message}");
        }
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root) return None;
        return new UsageFile(Section(root, "resource_usage", path), Section(root, "resource_type_default_usage", path));
    }

    /// <summary>The usage of one resource: its own entry over its type's default.</summary>
    public ResourceUsage For(string address, string resourceType)
    {
        var values = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var source in new[] { _byType.GetValueOrDefault(resourceType), _byResource.GetValueOrDefault(address), _byResource.GetValueOrDefault(WithoutIndex(address)) })
            if (source is not null)
                foreach (var (k, v) in source) values.TryAdd(k, v);
        // The resource's own entry wins: apply it last.
        if (_byResource.GetValueOrDefault(address) is { } own) foreach (var (k, v) in own) values[k] = v;
        return new ResourceUsage(values);
    }

    /// <summary><c>aws_instance.web[0]</c> and <c>aws_instance.web["a"]</c> also take the usage written for <c>aws_instance.web[*]</c> or <c>aws_instance.web</c>.</summary>
    private static string WithoutIndex(string address) => address.EndsWith(']') && address.LastIndexOf('[') is var i and > 0 ? address[..i] + "[*]" : address;

    private static Dictionary<string, Dictionary<string, decimal>> Section(YamlMappingNode root, string name, string path)
    {
        var result = new Dictionary<string, Dictionary<string, decimal>>(StringComparer.Ordinal);
        if (!root.Children.TryGetValue(new YamlScalarNode(name), out var node) || node is not YamlMappingNode section) return result;
        foreach (var (key, value) in section.Children)
        {
            var values = new Dictionary<string, decimal>(StringComparer.Ordinal);
            Flatten(value, "", values, $"{path}: {name}.{key}");
            result[((YamlScalarNode)key).Value ?? ""] = values;
        }
        return result;
    }

    /// <summary>Nested keys (S3's <c>standard: {storage_gb: …}</c>) become dotted ones: <c>standard.storage_gb</c>.</summary>
    private static void Flatten(YamlNode node, string prefix, Dictionary<string, decimal> into, string where)
    {
        switch (node)
        {
            case YamlMappingNode m:
                foreach (var (k, v) in m.Children) Flatten(v, prefix + ((YamlScalarNode)k).Value + ".", into, where);
                break;
            case YamlScalarNode { Value: { Length: > 0 } text }:
                if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) into[prefix.TrimEnd('.')] = number;
                else into[prefix.TrimEnd('.') + "=" + text.ToLowerInvariant()] = 1; // a word (reserved_instance_type: standard) is kept as a flag, in any case (Non_AWS)
                break;
        }
    }
}

/// <summary>The usage figures of one resource.</summary>
public sealed class ResourceUsage(IReadOnlyDictionary<string, decimal> values)
{
    public static readonly ResourceUsage None = new(new Dictionary<string, decimal>());

    public decimal? this[string key] => values.TryGetValue(key, out var v) ? v : null;
    public bool Says(string key, string word) => values.ContainsKey(key + "=" + word.ToLowerInvariant());
    public bool Any => values.Count > 0;

    /// <summary>The figures nested under a key (a map by region: <c>eu_west_1: 1000</c>), by their own keys, in order.</summary>
    public IReadOnlyList<(string Key, decimal Value)> Under(string key) =>
        values.Where(kv => kv.Key.StartsWith(key + ".", StringComparison.Ordinal) && !kv.Key.Contains('='))
            .Select(kv => (kv.Key[(key.Length + 1)..], kv.Value)).OrderBy(kv => kv.Item1, StringComparer.Ordinal).ToList();
}

/// <summary>An input a user can fix: the message says what is wrong and where.</summary>
public sealed class ChangeInputException(string message) : Exception(message);
