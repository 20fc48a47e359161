using System.Text.RegularExpressions;

namespace Steward.Changes.CloudFormation;

/// <summary>
/// AWS's own <c>AWS::LanguageExtensions</c> transform, as far as pricing needs it: <c>Fn::ForEach</c> loops in
/// <c>Resources</c> (nested ones too) expanded into the resources they stand for, as CloudFormation expands them before
/// anything is created. The collection is a list, or a <c>Ref</c> to a list parameter (its default). The identifier
/// replaces <c>${Id}</c> and <c>&amp;{Id}</c> (alphanumerics only) in each key, and <c>Ref: Id</c> and <c>${Id}</c> in
/// <c>Fn::Sub</c> strings in each body. (<c>Fn::Length</c> and <c>Fn::ToJsonString</c> are the resolver's.)
/// </summary>
public static partial class LanguageExtensions
{
    public const string Transform = "AWS::LanguageExtensions";
    private const string Loop = "Fn::ForEach::";

    public static Dictionary<string, object?> ExpandResources(Dictionary<string, object?> resources, IReadOnlyDictionary<string, object?> parameters, string path)
    {
        var expanded = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in resources)
        {
            if (!key.StartsWith(Loop, StringComparison.Ordinal)) { expanded[key] = value; continue; }
            if (value is not List<object?> { Count: 3 } loop || loop[0] is not string id || loop[2] is not Dictionary<string, object?> output)
                throw new TemplateException($"{path}: {key} must be [Identifier, Collection, {{OutputKey: Template}}]");
            foreach (var item in Collection(loop[1], parameters, key, path))
            {
                var one = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (outputKey, template) in output) one[Key(outputKey, id, item)] = Substitute(template, id, item);
                foreach (var (k, v) in ExpandResources(one, parameters, path))
                    if (!expanded.TryAdd(k, v)) throw new TemplateException($"{path}: {key} makes resource {k} twice (its keys must differ by ${{{id}}})");
            }
        }
        return expanded;
    }

    private static IEnumerable<string> Collection(object? collection, IReadOnlyDictionary<string, object?> parameters, string loop, string path) => collection switch
    {
        List<object?> items => items.Select(i => i?.ToString() ?? ""),
        Dictionary<string, object?> { Count: 1 } d when d.GetValueOrDefault("Ref") is string name =>
            (parameters.GetValueOrDefault(name) as Dictionary<string, object?>)?.GetValueOrDefault("Default") is string list
                ? list.Split(',').Select(v => v.Trim())
                : throw new TemplateException($"{path}: {loop} loops over parameter {name}, which has no default: give the processed template (aws cloudformation get-template --template-stage Processed)"),
        _ => throw new TemplateException($"{path}: {loop} loops over something only a deployment knows: give the processed template (aws cloudformation get-template --template-stage Processed)"),
    };

    private static string Key(string key, string id, string item) =>
        key.Replace("${" + id + "}", item, StringComparison.Ordinal).Replace("&{" + id + "}", NotAlphanumeric().Replace(item, ""), StringComparison.Ordinal);

    private static object? Substitute(object? value, string id, string item) => value switch
    {
        Dictionary<string, object?> { Count: 1 } d when d.GetValueOrDefault("Ref") as string == id => item,
        Dictionary<string, object?> { Count: 1 } d when d.TryGetValue("Fn::Sub", out var sub) && sub is string text =>
            new Dictionary<string, object?> { ["Fn::Sub"] = Key(text, id, item) },
        Dictionary<string, object?> d => d.ToDictionary(kv => Key(kv.Key, id, item), kv => Substitute(kv.Value, id, item)),
        List<object?> l => l.Select(v => Substitute(v, id, item)).ToList(),
        _ => value,
    };

    [GeneratedRegex("[^A-Za-z0-9]")]
    private static partial Regex NotAlphanumeric();
}
