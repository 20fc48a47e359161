using YamlDotNet.RepresentationModel;

namespace Steward.Changes.CloudFormation;

/// <summary>
/// A CloudFormation or SAM template (YAML or JSON) read as plain data: mappings become dictionaries, sequences lists, scalars strings, and CloudFormation's
/// short tags (<c>!Ref</c>, <c>!Sub</c>, <c>!GetAtt</c>, …) become their long forms (<c>{"Ref": …}</c>, <c>{"Fn::Sub": …}</c>),
/// so one resolver handles both spellings.
/// </summary>
public sealed partial class CloudFormationTemplate
{
    public required string Path { get; init; }
    public required IReadOnlyDictionary<string, object?> Root { get; init; }

    public IReadOnlyDictionary<string, object?> Section(string name) =>
        Root.TryGetValue(name, out var v) && v is Dictionary<string, object?> d ? d : new Dictionary<string, object?>();

    public IEnumerable<TemplateResource> Resources =>
        Section("Resources").Select(kv => new TemplateResource(kv.Key, kv.Value as Dictionary<string, object?>
            ?? throw new TemplateException(kv.Key.StartsWith("Fn::ForEach::", StringComparison.Ordinal)
                ? $"{Path}: {kv.Key} is a loop of the AWS::LanguageExtensions transform, which the template does not declare (Transform: AWS::LanguageExtensions): CloudFormation would refuse it too"
                : $"{Path}: resource {kv.Key} is not a mapping")));

    public IEnumerable<SamFunction> Functions =>
        Resources.Where(r => r.Type == "AWS::Serverless::Function").Select(r => new SamFunction(r, this));

    /// <summary><c>Globals.Function</c>: the settings every function inherits.</summary>
    public IReadOnlyDictionary<string, object?> FunctionGlobals =>
        Section("Globals").TryGetValue("Function", out var f) && f is Dictionary<string, object?> d ? d : new Dictionary<string, object?>();

    public static CloudFormationTemplate Load(string path)
    {
        if (!File.Exists(path)) throw new TemplateException($"no template at {path}: run from the project's root or pass --template");
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>JSON templates are read as JSON (YAML parsers trip on JSON's tabs); everything else as YAML with CloudFormation's tags.</summary>
    public static CloudFormationTemplate Parse(string text, string path)
    {
        var root = text.TrimStart().StartsWith('{') ? ParseJson(text, path) : ParseYaml(text, path);
        if (root is not Dictionary<string, object?> mapping)
            throw new TemplateException($"{path} holds no template mapping");
        // AWS::LanguageExtensions runs before anything else CloudFormation does: its loops become resources here too.
        if (mapping.GetValueOrDefault("Transform") is var transform && (transform as string == LanguageExtensions.Transform ||
                (transform is List<object?> transforms && transforms.Contains(LanguageExtensions.Transform))) &&
            mapping.GetValueOrDefault("Resources") is Dictionary<string, object?> resources)
            mapping["Resources"] = LanguageExtensions.ExpandResources(resources,
                mapping.GetValueOrDefault("Parameters") as Dictionary<string, object?> ?? [], path);
        return new CloudFormationTemplate { Path = System.IO.Path.GetFullPath(path), Root = mapping };
    }

    private static object? ParseYaml(string text, string path, bool blankLinesEmptied = false)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlDotNet.Core.YamlException e) when (!blankLinesEmptied && e.Message.Contains("found extra spaces in first line", StringComparison.Ordinal))
        {
            // A literal block (inline Lambda code, typically) whose leading blank line holds more spaces than its first line
            // of text: YAML 1.2 calls that an error, but PyYAML, and so cfn-lint and CloudFormation's own tooling, read it
            // (YamlDotNet issue #523). Blank lines emptied of their spaces mean the same to everything priced here.
            return ParseYaml(WhitespaceLinesEmptied().Replace(text, ""), path, blankLinesEmptied: true);
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new TemplateException($"{path} is not valid YAML (line {e.Start.Line}, column {e.Start.Column}): {e.Message}");
        }
        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?m)^[ \t]+(?=\r?$)")]
    private static partial System.Text.RegularExpressions.Regex WhitespaceLinesEmptied();

    private static object? ParseJson(string text, string path)
    {
        try
        {
            return FromJson(System.Text.Json.JsonDocument.Parse(text, new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true }).RootElement);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new TemplateException($"{path} is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}");
        }
    }

    /// <summary>JSON as the same plain data YAML becomes: dictionaries, lists, strings, longs, doubles, booleans.</summary>
    public static object? FromJson(System.Text.Json.JsonElement e) => e.ValueKind switch
    {
        System.Text.Json.JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => FromJson(p.Value)),
        System.Text.Json.JsonValueKind.Array => e.EnumerateArray().Select(FromJson).ToList(),
        System.Text.Json.JsonValueKind.String => e.GetString(),
        System.Text.Json.JsonValueKind.Number => e.TryGetInt64(out var l) ? l : e.GetDouble(),
        System.Text.Json.JsonValueKind.True => true,
        System.Text.Json.JsonValueKind.False => false,
        _ => null,
    };

    private static readonly Dictionary<string, string> ShortTags = new()
    {
        ["!Ref"] = "Ref", ["!Condition"] = "Condition", ["!Sub"] = "Fn::Sub", ["!GetAtt"] = "Fn::GetAtt", ["!Join"] = "Fn::Join",
        ["!If"] = "Fn::If", ["!Equals"] = "Fn::Equals", ["!Not"] = "Fn::Not", ["!And"] = "Fn::And", ["!Or"] = "Fn::Or",
        ["!Select"] = "Fn::Select", ["!Split"] = "Fn::Split", ["!FindInMap"] = "Fn::FindInMap", ["!Base64"] = "Fn::Base64",
        ["!GetAZs"] = "Fn::GetAZs", ["!ImportValue"] = "Fn::ImportValue", ["!Cidr"] = "Fn::Cidr", ["!Length"] = "Fn::Length", ["!ToJsonString"] = "Fn::ToJsonString",
    };

    /// <summary>Plain scalars keep YAML's core types (numbers, booleans, null): event patterns and sizes need them as such.</summary>
    private static object? Scalar(YamlScalarNode node)
    {
        var text = node.Value;
        if (node.Style != YamlDotNet.Core.ScalarStyle.Plain || text is null || !node.Tag.IsEmpty) return text;
        if (text is "null" or "~" or "") return null;
        if (text is "true" or "True") return true;
        if (text is "false" or "False") return false;
        if (long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var l)) return l;
        if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) && text.Contains('.')) return d;
        return text;
    }

    private static object? Convert(YamlNode node)
    {
        object? value = node switch
        {
            YamlMappingNode m => m.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value ?? "", kv => Convert(kv.Value)),
            YamlSequenceNode s => s.Children.Select(Convert).ToList(),
            YamlScalarNode sc => Scalar(sc),
            _ => null,
        };
        var tag = node.Tag.IsEmpty ? null : node.Tag.Value;
        if (tag is null || !ShortTags.TryGetValue(tag, out var longName)) return value;
        // !GetAtt Res.Attr is the short spelling of Fn::GetAtt: [Res, Attr].
        if (longName == "Fn::GetAtt" && value is string dotted)
        {
            var dot = dotted.IndexOf('.');
            value = dot < 0 ? new List<object?> { dotted } : new List<object?> { dotted[..dot], dotted[(dot + 1)..] };
        }
        return new Dictionary<string, object?> { [longName] = value };
    }
}

public sealed record TemplateResource(string LogicalId, Dictionary<string, object?> Body)
{
    public string Type => Body.TryGetValue("Type", out var t) && t is string s ? s : "";
    public string? Condition => Body.TryGetValue("Condition", out var c) ? c as string : null;
    public Dictionary<string, object?> Properties =>
        Body.TryGetValue("Properties", out var p) && p is Dictionary<string, object?> d ? d : [];
}

/// <summary>An <c>AWS::Serverless::Function</c>, with <c>Globals.Function</c> applied as SAM applies them.</summary>
public sealed class SamFunction(TemplateResource resource, CloudFormationTemplate template)
{
    public string LogicalId => resource.LogicalId;

    /// <summary>The name people use: the logical id without the <c>Function</c> suffix (<c>GuardDutyResponder</c>).</summary>
    public string Name => LogicalId.EndsWith("Function", StringComparison.Ordinal) && LogicalId.Length > 8 ? LogicalId[..^8] : LogicalId;

    public string? Handler => Property("Handler") as string;
    public string? CodeUri => Property("CodeUri") as string;
    public string? Runtime => Property("Runtime") as string;

    /// <summary>MB and seconds when written as numbers (a parameter reference gives null: Lambda's defaults apply).</summary>
    public int? MemorySize => Number("MemorySize");
    public int? Timeout => Number("Timeout");

    private int? Number(string name) =>
        Property(name) is { } v && int.TryParse(Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture), out var n) ? n : null;

    /// <summary>Global variables first, the function's own over them (SAM merges environment maps key by key).</summary>
    public Dictionary<string, object?> EnvironmentVariables
    {
        get
        {
            var merged = new Dictionary<string, object?>();
            foreach (var source in new[] { template.FunctionGlobals, resource.Properties })
                if (source.TryGetValue("Environment", out var e) && e is Dictionary<string, object?> env &&
                    env.TryGetValue("Variables", out var v) && v is Dictionary<string, object?> vars)
                    foreach (var (k, val) in vars) merged[k] = val;
            return merged;
        }
    }

    public IEnumerable<(string Name, string Type, Dictionary<string, object?> Properties)> Events =>
        (resource.Properties.TryGetValue("Events", out var e) && e is Dictionary<string, object?> events ? events : [])
        .Select(kv =>
        {
            var body = kv.Value as Dictionary<string, object?> ?? [];
            var type = body.TryGetValue("Type", out var t) ? t as string ?? "" : "";
            var props = body.TryGetValue("Properties", out var p) && p is Dictionary<string, object?> d ? d : [];
            return (kv.Key, type, props);
        });

    private object? Property(string name) =>
        resource.Properties.TryGetValue(name, out var v) ? v : template.FunctionGlobals.TryGetValue(name, out var g) ? g : null;
}

public sealed class TemplateException(string message) : Exception(message);
